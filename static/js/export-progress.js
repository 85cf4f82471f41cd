// The export progress page: asks for the job's status every two seconds and updates the
// progress bar and the status line (a polite live region, so screen readers hear it). When the
// file is ready, or the job failed, the page reloads to show the download link or the reason.
(function () {
  "use strict";
  var box = document.querySelector("[data-export-polling]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-export-status-url");
  var status = document.getElementById("export-status");
  var bar = document.getElementById("export-progress");
  var lastText = status ? status.textContent : "";

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) {
          return;
        }
        if (data.status === "ready" || data.status === "failed") {
          window.location.reload();
          return;
        }
        if (bar) {
          bar.value = data.percent;
          bar.textContent = data.percent + " %";
        }
        if (status && data.text !== lastText) {
          status.textContent = data.text;
          lastText = data.text;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
