/*
 * Wagtail admin only (loaded through the insert_global_admin_js hook, cms/wagtail_hooks.py).
 * Wagtail's rich text editor (Draftail) adds small <style> elements from script: placeholder
 * texts for empty blocks and the numbering of nested lists. The Content-Security-Policy allows
 * no inline style, except with the nonce of this page (cms/csp.py), so such elements get that
 * nonce as script inserts them. Style written into the page's markup still has no nonce and
 * stays blocked.
 */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="samtalsrum-style-nonce"]');
  if (!meta || !meta.content) {
    return;
  }
  var nonce = meta.content;
  var appendChild = Node.prototype.appendChild;
  var insertBefore = Node.prototype.insertBefore;

  function withNonce(node) {
    if (node && node.nodeName === "STYLE" && !node.nonce) {
      node.setAttribute("nonce", nonce);
    }
    return node;
  }

  Node.prototype.appendChild = function (node) {
    return appendChild.call(this, withNonce(node));
  };
  Node.prototype.insertBefore = function (node, reference) {
    return insertBefore.call(this, withNonce(node), reference);
  };
})();
