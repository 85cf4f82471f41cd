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
