/* Facilitator view: a count-down timer per guide step. The page works without it. */
(function () {
  "use strict";
  function format(seconds) {
    var s = Math.max(0, seconds);
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }
  document.querySelectorAll(".timer").forEach(function (timer) {
    var total = parseInt(timer.dataset.seconds, 10) || 0;
    var left = total;
    var handle = null;
    var display = timer.querySelector(".timer__display");
    var toggle = timer.querySelector(".timer__toggle");
    var reset = timer.querySelector(".timer__reset");
    var labels = { start: toggle.textContent, pause: document.documentElement.lang === "en" ? "Pause" : "Pausa" };
    // Announce only each whole minute, not every second.
    display.setAttribute("aria-live", "off");
    toggle.hidden = false;
    reset.hidden = false;
    function render() {
      display.textContent = format(left);
      if (left % 60 === 0) {
        display.setAttribute("aria-live", "polite");
      } else {
        display.setAttribute("aria-live", "off");
      }
      timer.classList.toggle("timer--done", left <= 0);
    }
    function stop() {
      if (handle) { window.clearInterval(handle); handle = null; }
      toggle.textContent = labels.start;
    }
    toggle.addEventListener("click", function () {
      if (handle) { stop(); return; }
      toggle.textContent = labels.pause;
      handle = window.setInterval(function () {
        left -= 1;
        render();
        if (left <= 0) { stop(); }
      }, 1000);
    });
    reset.addEventListener("click", function () { stop(); left = total; render(); });
    render();
  });
})();

/* Roll call: each tap is saved in the background, so the page, its timers and the focus stay
   where they are; the result is announced in the status region. Without this script the forms
   post and the page reloads at the same person. */
(function () {
  "use strict";
  var list = document.querySelector(".roll-call[data-endpoint]");
  var status = document.getElementById("roll-call-status");
  if (!list || !status || !window.fetch || !window.FormData) { return; }
  var marked = document.querySelector(".roll-call__marked");
  function announce(text, failed) {
    // Emptied first, so the same sentence twice is announced twice.
    status.textContent = "";
    status.classList.toggle("roll-call__status--error", !!failed);
    window.setTimeout(function () { status.textContent = text; }, 50);
  }
  list.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!form.classList.contains("roll-call__form") || !button || !button.value) { return; }
    event.preventDefault();
    var data = new FormData(form);
    data.set("status", button.value);
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    button.setAttribute("aria-busy", "true");
    fetch(list.dataset.endpoint, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false }; });
    }).then(function (answer) {
      if (!answer.ok) { announce(answer.error || list.dataset.failed, true); return; }
      var person = form.closest(".roll-call__person");
      person.className = "roll-call__person roll-call__person--" + answer.status;
      form.querySelectorAll(".roll-call__choice").forEach(function (choice) {
        choice.setAttribute("aria-pressed", choice.value === answer.status ? "true" : "false");
      });
      var state = form.querySelector(".roll-call__state");
      if (state) {
        state.textContent = "– " + answer.status_label + (answer.status === "partial" ? " (" + answer.minutes_label + ")" : "");
      }
      if (marked && typeof answer.marked === "number") { marked.textContent = answer.marked; }
      announce(answer.message + " " + answer.status_label + ".", false);
    }).catch(function () {
      announce(list.dataset.failed, true);
    }).then(function () {
      button.removeAttribute("aria-busy");
      button.focus();
    });
  });
})();
