// Survey answering: shows progress as questions are answered and autosaves a draft on the
// server, so a dropped connection or a closed tab loses nothing. Works without it too.
(function () {
  "use strict";
  var form = document.querySelector("[data-survey-form]");
  if (!form) { return; }
  var progress = document.querySelector("[data-progress]");
  var progressText = document.querySelector("[data-progress-text]");
  var status = form.querySelector("[data-autosave-status]");
  var template = form.getAttribute("data-progress-template");
  var questions = form.querySelectorAll("[data-question]");
  var timer = null;

  function answered(fieldset) {
    var inputs = fieldset.querySelectorAll("input, textarea");
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      if ((el.type === "radio" || el.type === "checkbox") ? el.checked : el.value.trim() !== "") { return true; }
    }
    return false;
  }

  function updateProgress() {
    var count = 0;
    questions.forEach(function (q) { if (answered(q)) { count++; } });
    if (progress) { progress.value = count; }
    if (progressText && template) {
      progressText.textContent = template.replace("%(answered)s", count).replace("%(total)s", questions.length);
    }
  }

  function saveDraft() {
    var data = new FormData(form);
    data.delete("action");
    fetch(form.getAttribute("data-draft-url"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { if (r.ok && status) { status.textContent = status.getAttribute("data-saved") || ""; } })
      .catch(function () { /* offline: the next change tries again */ });
  }

  form.addEventListener("change", function () {
    updateProgress();
    clearTimeout(timer);
    timer = setTimeout(saveDraft, 800);
  });
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(saveDraft, 2000); });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
