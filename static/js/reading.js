// Reading support: larger text and high contrast, remembered in localStorage and a cookie
// (the cookie lets the server set the classes before the first paint; see cms/templatetags/reading.py).
(function () {
  "use strict";
  var KEY = "samtalsrum_reading";
  var SIZES = ["", "text-large", "text-xlarge"];
  var root = document.documentElement;
  var tools = document.querySelector("[data-reading-tools]");
  if (!tools) { return; }

  function read() {
    var raw = "";
    try { raw = window.localStorage.getItem(KEY) || ""; } catch (e) { raw = ""; }
    if (!raw) {
      var match = document.cookie.match(new RegExp("(?:^|; )" + KEY + "=([^;]*)"));
      raw = match ? decodeURIComponent(match[1]) : "";
    }
    var parts = raw.split(".");
    return {
      size: SIZES.indexOf(parts.filter(function (p) { return p.indexOf("text-") === 0; })[0] || ""),
      contrast: parts.indexOf("high-contrast") !== -1
    };
  }

  function save(state) {
    var parts = [];
    if (state.size > 0) { parts.push(SIZES[state.size]); }
    if (state.contrast) { parts.push("high-contrast"); }
    var value = parts.join(".");
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* private mode */ }
    document.cookie = KEY + "=" + encodeURIComponent(value) + "; path=/; max-age=31536000; SameSite=Lax";
  }

  function apply(state) {
    SIZES.forEach(function (name) { if (name) { root.classList.remove(name); } });
    if (state.size > 0) { root.classList.add(SIZES[state.size]); }
    root.classList.toggle("high-contrast", state.contrast);
    tools.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(Number(button.getAttribute("data-text-size")) === state.size));
    });
    var contrast = tools.querySelector("[data-contrast]");
    if (contrast) { contrast.setAttribute("aria-pressed", String(state.contrast)); }
  }

  var state = read();
  if (state.size < 0) { state.size = 0; }
  apply(state);
  tools.hidden = false;
  tools.querySelectorAll("[data-reading-buttons]").forEach(function (group) { group.hidden = false; });

  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.hasAttribute("data-text-size")) {
      state.size = Number(button.getAttribute("data-text-size"));
    } else if (button.hasAttribute("data-contrast")) {
      state.contrast = !state.contrast;
    } else {
      return;
    }
    apply(state);
    save(state);
  });
})();
