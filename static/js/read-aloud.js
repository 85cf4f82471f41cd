// Read aloud: each [data-read-aloud] button reads the elements it names (space-separated ids)
// with the browser's speech synthesis, in the language of the text, one sentence at a time,
// highlighting the sentence being read.
//
// The buttons are rendered hidden and shown only when the browser has a voice for the text's
// language: no speechSynthesis, or no matching voice, and nothing changes on the page.
// Lättläst Swedish (sv-easy) is read with a Swedish voice.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-read-aloud]"));
  if (!buttons.length || !synth || typeof synth.getVoices !== "function" || typeof Utterance !== "function") {
    return;
  }

  var CURRENT = "read-aloud__sentence--current";
  var BLOCKS = /^(P|LI|H[1-6]|BLOCKQUOTE|DD|DT|TD|TH|LEGEND|LABEL|FIGCAPTION|DIV|SECTION|ARTICLE|UL|OL)$/;
  var SKIP = "[data-read-aloud-skip], .visually-hidden, [hidden], button, script, style";
  var current = null;

  function primary(tag) {
    return String(tag || "").toLowerCase().replace(/_/g, "-").split("-")[0];
  }

  function languageOf(button) {
    var holder = button.closest("[lang]");
    return holder ? holder.getAttribute("lang") : document.documentElement.getAttribute("lang");
  }

  function voiceFor(language) {
    var wanted = primary(language);
    var voices = [];
    try { voices = synth.getVoices() || []; } catch (e) { voices = []; }
    var matching = Array.prototype.filter.call(voices, function (voice) { return primary(voice.lang) === wanted; });
    return matching.filter(function (voice) { return voice.default; })[0] ||
      matching.filter(function (voice) { return voice.localService; })[0] ||
      matching[0] || null;
  }

  function showAvailable() {
    buttons.forEach(function (button) {
      var available = Boolean(voiceFor(languageOf(button)));
      if (!available && current && current.button === button) { stop(); }
      button.hidden = !available;
    });
  }

  // Sentences: the text of each block (paragraph, list item, heading…) split with the
  // language's sentence rules; each sentence wrapped in spans (one per text node it covers).
  function ranges(text, language) {
    var found = [];
    try {
      var segmenter = new Intl.Segmenter(primary(language) || undefined, { granularity: "sentence" });
      Array.from(segmenter.segment(text)).forEach(function (part) {
        found.push([part.index, part.index + part.segment.length]);
      });
    } catch (e) {
      var pattern = /[^.!?…؟]+(?:[.!?…؟]+["'”’)\]]*|$)/g;
      var match;
      while ((match = pattern.exec(text)) !== null) {
        if (!match[0]) { pattern.lastIndex += 1; continue; }
        found.push([match.index, match.index + match[0].length]);
      }
    }
    return found.map(function (range) {
      var start = range[0];
      var end = range[1];
      while (start < end && /\s/.test(text.charAt(start))) { start += 1; }
      while (end > start && /\s/.test(text.charAt(end - 1))) { end -= 1; }
      return [start, end];
    }).filter(function (range) { return range[1] > range[0]; });
  }

  function blockOf(node, root) {
    var element = node.parentElement;
    while (element && element !== root && !BLOCKS.test(element.tagName)) { element = element.parentElement; }
    return element || root;
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var skipped = node.parentElement && node.parentElement.closest(SKIP);
        return skipped && root.contains(skipped) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    return nodes;
  }

  function wrapGroup(nodes, language, sentences) {
    var text = nodes.map(function (node) { return node.data; }).join("");
    var found = ranges(text, language).map(function (range) {
      var sentence = { text: text.slice(range[0], range[1]).replace(/\s+/g, " "), spans: [] };
      sentences.push(sentence);
      return { start: range[0], end: range[1], sentence: sentence };
    });
    var offset = 0;
    nodes.forEach(function (node) {
      var start = offset;
      var end = start + node.data.length;
      var position = start;
      var fragment = document.createDocumentFragment();
      offset = end;
      found.forEach(function (range) {
        var from = Math.max(range.start, start);
        var to = Math.min(range.end, end);
        if (from >= to) { return; }
        if (from > position) { fragment.appendChild(document.createTextNode(text.slice(position, from))); }
        var span = document.createElement("span");
        span.className = "read-aloud__sentence";
        span.textContent = text.slice(from, to);
        fragment.appendChild(span);
        range.sentence.spans.push(span);
        position = to;
      });
      if (position === start) { return; }
      if (position < end) { fragment.appendChild(document.createTextNode(text.slice(position, end))); }
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function sentencesOf(button) {
    if (button.readAloudSentences) { return button.readAloudSentences; }
    var language = languageOf(button);
    var sentences = [];
    button.getAttribute("data-read-aloud").split(/\s+/).forEach(function (id) {
      var root = id && document.getElementById(id);
      if (!root) { return; }
      var group = [];
      var block = null;
      textNodes(root).forEach(function (node) {
        var nodeBlock = blockOf(node, root);
        if (group.length && nodeBlock !== block) {
          wrapGroup(group, language, sentences);
          group = [];
        }
        block = nodeBlock;
        group.push(node);
      });
      if (group.length) { wrapGroup(group, language, sentences); }
    });
    button.readAloudSentences = sentences;
    return sentences;
  }

  function clearHighlight() {
    document.querySelectorAll("." + CURRENT).forEach(function (span) { span.classList.remove(CURRENT); });
  }

  function highlight(sentence) {
    clearHighlight();
    sentence.spans.forEach(function (span) { span.classList.add(CURRENT); });
    if (sentence.spans[0] && sentence.spans[0].scrollIntoView) {
      sentence.spans[0].scrollIntoView({ block: "nearest" });
    }
  }

  function setBusy(button, busy) {
    var idle = button.querySelector("[data-read-aloud-idle]");
    var stopLabel = button.querySelector("[data-read-aloud-stop]");
    if (idle) { idle.hidden = busy; }
    if (stopLabel) { stopLabel.hidden = !busy; }
    button.classList.toggle("read-aloud--busy", busy);
  }

  function stop() {
    var session = current;
    if (!session) { return; }
    current = null;
    clearHighlight();
    setBusy(session.button, false);
    try { synth.cancel(); } catch (e) { /* nothing is being read */ }
  }

  function speakNext(session) {
    if (current !== session) { return; }
    if (session.index >= session.sentences.length) { stop(); return; }
    var sentence = session.sentences[session.index];
    var utterance = new Utterance(sentence.text);
    utterance.lang = session.voice.lang;
    try { utterance.voice = session.voice; } catch (e) { /* not a voice this browser made: the language still picks one */ }
    utterance.onstart = function () { if (current === session) { highlight(sentence); } };
    utterance.onend = function () {
      if (current !== session || session.utterance !== utterance) { return; }
      session.index += 1;
      speakNext(session);
    };
    utterance.onerror = function () {
      if (current === session && session.utterance === utterance) { stop(); }
    };
    session.utterance = utterance;  // kept referenced until it ends (some browsers drop its events otherwise)
    synth.speak(utterance);
  }

  function start(button) {
    stop();
    var voice = voiceFor(languageOf(button));
    var sentences = sentencesOf(button);
    if (!voice || !sentences.length) { return; }
    current = { button: button, voice: voice, sentences: sentences, index: 0, utterance: null };
    setBusy(button, true);
    speakNext(current);
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      if (current && current.button === button) { stop(); } else { start(button); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (current && event.key === "Escape") { stop(); }
  });
  window.addEventListener("pagehide", stop);

  showAvailable();
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", showAvailable);
  } else {
    synth.onvoiceschanged = showAvailable;
  }
})();
