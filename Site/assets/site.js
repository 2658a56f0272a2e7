// The site's only script, and an optional one: every page reads fine without it.
// It adds "Copy" buttons to code blocks, the search box (an index generated at build time:
// search-index.json, or search-index.js where fetch cannot read files, as from file://), the
// theme switch (kept across pages), ← → for the previous and next lesson, the current section in
// "On this page", marks on the words a search found, hints and solutions opened for printing,
// and a keyboard stop only on the boxes that really scroll sideways. Nothing is loaded from
// another host.
(function () {
  "use strict";

  // Copy buttons

  // The clipboard API where the page may use it, else a selected text area and "copy".
  function copyText(text) {
    var viaSelection = function () {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      document.body.removeChild(area);
      return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
    };
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(viaSelection);
    }
    return viaSelection();
  }

  function addCopyButtons() {
    var blocks = document.querySelectorAll(".code-block");
    Array.prototype.forEach.call(blocks, function (block) {
      var code = block.querySelector("pre");
      if (!code) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy this code");
      button.addEventListener("click", function () {
        var text = code.textContent.replace(/\n$/, "");
        copyText(text).then(function () { flash(button, "Copied"); }, function () { flash(button, "Select and copy"); });
      });
      block.appendChild(button);
    });
  }

  function flash(button, message) {
    button.textContent = message;
    button.classList.add("copied");
    window.setTimeout(function () {
      button.textContent = "Copy";
      button.classList.remove("copied");
    }, 1600);
  }

  // Search: words are folded (case and accents: "sigmoïd" is "sigmoid"), spelt the American
  // way ("regularisation" is "regularization") and stemmed ("regularization", "regularizing"
  // and "regularize" are "regular"), in the index and in the query alike; a query word also
  // finds the words it begins, and words one typing slip away (two for long words).

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/ß/g, "ss").replace(/æ/g, "ae").replace(/œ/g, "oe");
  }

  var WORD = /[\p{L}\p{N}_]+/gu;

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  var VOWEL = /[aeiouy]/;

  // A light English stemmer (after Porter's first steps): plurals, -ed and -ing, then a few
  // derivational endings.
  function stem(word) {
    if (word.length <= 3 || /\d/.test(word)) { return word; }
    word = word.replace(/is(ations?|ers?|ed|es|ing|e)$/, "iz$1").replace(/ys(ed|es|ing|e)$/, "yz$1");
    if (/ies$/.test(word) && word.length > 4) { word = word.slice(0, -3) + "y"; }
    else if (/(s|x|z|ch|sh)es$/.test(word)) { word = word.slice(0, -2); }
    else if (/[^suia]s$/.test(word)) { word = word.slice(0, -1); }
    var ending = /^(.{3,}?)(ing|ed)$/.exec(word);
    if (ending && VOWEL.test(ending[1]) && !/eed$/.test(word)) {
      word = ending[1];
      if (/(at|bl|iz)$/.test(word)) { word += "e"; }
      else if (/([^aeiouylsz])\1$/.test(word)) { word = word.slice(0, -1); }
    }
    var replacements = [["izations", "ize"], ["ization", "ize"], ["izer", "ize"], ["ational", "ate"], ["ation", "ate"],
      ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["ality", "al"], ["ivity", "ive"], ["bility", "ble"]];
    for (var i = 0; i < replacements.length; i += 1) {
      var suffix = replacements[i][0];
      if (word.length - suffix.length >= 3 && word.slice(-suffix.length) === suffix) {
        word = word.slice(0, -suffix.length) + replacements[i][1];
        break;
      }
    }
    var endings = ["ize", "ate", "ment", "ness", "ful", "ive"];
    for (var j = 0; j < endings.length; j += 1) {
      if (word.length - endings[j].length >= 4 && word.slice(-endings[j].length) === endings[j]) {
        return word.slice(0, -endings[j].length);
      }
    }
    return word;
  }

  function stems(text) {
    return words(text).map(stem);
  }

  // Edit distance with transpositions, or limit + 1 when it is more than `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var previous2 = null;
    var previous = [];
    for (var j = 0; j <= b.length; j += 1) { previous.push(j); }
    for (var i = 1; i <= a.length; i += 1) {
      var row = [i];
      var smallest = i;
      for (var k = 1; k <= b.length; k += 1) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
        if (previous2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          value = Math.min(value, previous2[k - 2] + 1);
        }
        row.push(value);
        smallest = Math.min(smallest, value);
      }
      if (smallest > limit) { return limit + 1; }
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  var entries = null;
  var postings = null;  // stem -> {entry position -> weight}
  var loading = null;

  function loadIndex() {
    if (entries) { return Promise.resolve(entries); }
    if (loading) { return loading; }
    var viaFetch = location.protocol === "file:" || !window.fetch
      ? Promise.reject(new Error("no fetch from file:"))
      : fetch("search-index.json").then(function (response) {
        if (!response.ok) { throw new Error("search-index.json: " + response.status); }
        return response.json();
      });
    loading = viaFetch.catch(loadIndexScript).then(function (data) {
      postings = new Map();
      data.forEach(function (entry, position) {
        // A word in a section's title weighs most, then in the page's title, then each time in the text (up to 5).
        var add = function (text, weight, cap) {
          var seen = new Map();
          stems(text).forEach(function (word) {
            var count = (seen.get(word) || 0) + 1;
            seen.set(word, count);
            if (count > cap) { return; }
            if (!postings.has(word)) { postings.set(word, new Map()); }
            var weights = postings.get(word);
            weights.set(position, (weights.get(position) || 0) + weight);
          });
        };
        add(entry.section, 10, 1);
        add(entry.page, 3, 1);
        add(entry.text, 1, 5);
      });
      entries = data;
      return entries;
    });
    return loading;
  }

  function loadIndexScript() {
    return new Promise(function (resolve, reject) {
      if (window.courseSearchIndex) { resolve(window.courseSearchIndex); return; }
      var script = document.createElement("script");
      script.src = "search-index.js";
      script.onload = function () {
        if (window.courseSearchIndex) { resolve(window.courseSearchIndex); } else { reject(new Error("empty search index")); }
      };
      script.onerror = function () { reject(new Error("cannot load search-index.js")); };
      document.head.appendChild(script);
    });
  }

  // The index's words a query word finds, each with how much a match counts: the same stem
  // (1), a word it begins (0.6, for words of 3 letters or more), a typing slip (0.5). Kept
  // per word, since the index does not change once loaded and every keystroke asks again.
  var matchesOf = new Map();
  function matches(term) {
    if (matchesOf.has(term)) { return matchesOf.get(term); }
    var found = new Map();
    var slips = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
    postings.forEach(function (weights, word) {
      if (word === term) { found.set(word, 1); }
      else if (term.length >= 3 && word.indexOf(term) === 0) { found.set(word, 0.6); }
      else if (slips > 0 && distance(term, word, slips) <= slips) { found.set(word, 0.5); }
    });
    matchesOf.set(term, found);
    return found;
  }

  // Every query word must be found in a section; its score adds each word's best match.
  function search(query) {
    var terms = stems(query);
    if (terms.length === 0 || !entries) { return { results: [], words: new Set() }; }
    var totals = null;
    var marked = new Set();
    terms.forEach(function (term) {
      var scores = new Map();
      matches(term).forEach(function (factor, word) {
        marked.add(word);
        postings.get(word).forEach(function (weight, position) {
          scores.set(position, Math.max(scores.get(position) || 0, factor * weight));
        });
      });
      if (totals === null) {
        totals = scores;
      } else {
        var both = new Map();
        totals.forEach(function (score, position) {
          if (scores.has(position)) { both.set(position, score + scores.get(position)); }
        });
        totals = both;
      }
    });
    var results = [];
    totals.forEach(function (score, position) { results.push({ entry: entries[position], score: score }); });
    results.sort(function (a, b) { return b.score - a.score; });
    return { results: results.slice(0, 10).map(function (result) { return result.entry; }), words: marked };
  }

  // Appends `text` to `parent`, marking each word whose stem is in `found`; text only, never HTML.
  function appendMarked(parent, text, found, className) {
    var position = 0;
    text.replace(WORD, function (word, at) {
      if (!found.has(stem(fold(word)))) { return word; }
      parent.appendChild(document.createTextNode(text.slice(position, at)));
      var mark = document.createElement("mark");
      if (className) { mark.className = className; }
      mark.textContent = word;
      parent.appendChild(mark);
      position = at + word.length;
      return word;
    });
    parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function snippet(entry, found) {
    var text = entry.text;
    var at = -1;
    WORD.lastIndex = 0;
    var match;
    while ((match = WORD.exec(text)) !== null) {
      if (found.has(stem(fold(match[0])))) { at = match.index; break; }
    }
    WORD.lastIndex = 0;
    if (at === -1) { return text.slice(0, 120) + (text.length > 120 ? "…" : ""); }
    var start = Math.max(0, at - 50);
    var end = Math.min(text.length, at + 90);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  // A result's address, asking its page to mark the words found (`?highlight=`).
  function resultURL(entry, found) {
    var hash = entry.url.indexOf("#");
    var page = hash === -1 ? entry.url : entry.url.slice(0, hash);
    var fragment = hash === -1 ? "" : entry.url.slice(hash);
    return page + "?highlight=" + encodeURIComponent(Array.from(found).join(" ")) + fragment;
  }

  function show(found, query, list) {
    list.textContent = "";
    if (words(query).length === 0) { return; }
    if (found.results.length === 0) {
      var empty = document.createElement("li");
      empty.className = "search-empty";
      empty.textContent = "Nothing found for “" + query.trim() + "”.";
      list.appendChild(empty);
      return;
    }
    found.results.forEach(function (entry) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = resultURL(entry, found.words);
      var title = document.createElement("span");
      title.className = "search-result-title";
      appendMarked(title, entry.section, found.words);
      link.appendChild(title);
      if (entry.section !== entry.page) {
        var page = document.createElement("span");
        page.className = "search-result-page";
        page.textContent = entry.page;
        link.appendChild(page);
      }
      var text = document.createElement("span");
      text.className = "search-result-snippet";
      appendMarked(text, snippet(entry, found.words), found.words);
      link.appendChild(text);
      li.appendChild(link);
      list.appendChild(li);
    });
  }

  // On a page opened from a search: marks the words it found in the lesson's text (not in code,
  // math or charts), and scrolls to the first one unless the address names a section.
  // Escape takes the marks away.
  function markSearchHits() {
    var wanted = new URLSearchParams(location.search).get("highlight");
    var article = document.querySelector("article.lesson");
    if (!wanted || !article) { return; }
    var found = new Set(wanted.split(/\s+/).filter(Boolean));
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("pre, code, math, svg, script, style, summary, .anchor")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    var marks = [];
    nodes.forEach(function (node) {
      var fragment = document.createDocumentFragment();
      appendMarked(fragment, node.nodeValue, found, "search-hit");
      var hits = fragment.querySelectorAll("mark");
      if (hits.length === 0) { return; }
      marks = marks.concat(Array.prototype.slice.call(hits));
      node.parentNode.replaceChild(fragment, node);
    });
    if (marks.length === 0) { return; }
    marks.forEach(function (mark) {
      var hidden = mark.closest("details:not([open])");
      if (hidden) { hidden.open = true; }
    });
    if (!location.hash) { marks[0].scrollIntoView({ block: "center" }); }
    document.addEventListener("keydown", function clear(event) {
      if (event.key !== "Escape" || isTyping(event.target)) { return; }
      marks.forEach(function (mark) { mark.replaceWith(document.createTextNode(mark.textContent)); });
      article.normalize();
      document.removeEventListener("keydown", clear);
    });
  }

  function isTyping(target) {
    return !!target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
  }

  function setUpSearch() {
    var box = document.getElementById("search");
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!box || !input || !list) { return; }
    box.hidden = false;

    var run = function () {
      var query = input.value;
      loadIndex().then(function () { show(search(query), query, list); }, function () {
        list.textContent = "";
        var failed = document.createElement("li");
        failed.className = "search-empty";
        failed.textContent = "The search index could not be loaded.";
        list.appendChild(failed);
      });
    };
    input.addEventListener("focus", function () { loadIndex().catch(function () {}); });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        input.value = "";
        list.textContent = "";
      } else if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) { location.href = first.href; }
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key === "/" && !isTyping(target) && input.offsetParent !== null) {
        event.preventDefault();
        input.focus();
      }
    });

    // ?search=words fills the box and searches: a search can be linked to.
    var query = new URLSearchParams(location.search).get("search");
    if (query) {
      input.value = query;
      run();
    }
  }


  // The theme switch: "system" follows the reader's setting; "light" and "dark" are kept
  // (localStorage) and set on <html> before the page is drawn, by the layout's first script.
  function setUpThemeSwitch() {
    var box = document.getElementById("theme-switch");
    var select = document.getElementById("theme-select");
    if (!box || !select) { return; }
    var current = document.documentElement.dataset.theme;
    select.value = current === "light" || current === "dark" ? current : "system";
    box.hidden = false;
    select.addEventListener("change", function () {
      var theme = select.value;
      if (theme === "light" || theme === "dark") {
        document.documentElement.dataset.theme = theme;
      } else {
        delete document.documentElement.dataset.theme;
      }
      try {
        if (theme === "system") { localStorage.removeItem("course-theme"); } else { localStorage.setItem("course-theme", theme); }
      } catch (error) { /* private windows may refuse storage: the choice lasts for this page */ }
    });
  }

  // ← and → open the previous and next lesson, unless the reader is typing, or is on a box
  // that arrows scroll, or holds a modifier key.
  function setUpKeyboardPaging() {
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") { return; }
      var target = event.target;
      if (isTyping(target)) { return; }
      if (target && target.closest && target.closest("[data-scroll], .nb-cell, select, [role=slider]")) { return; }
      var link = document.querySelector(event.key === "ArrowLeft" ? ".pager a[rel=prev]" : ".pager a[rel=next]");
      if (link) {
        event.preventDefault();
        location.href = link.href;
      }
    });
  }

  // On a phone the table of contents is a menu: following a link in it closes it.
  function setUpMenu() {
    var toggle = document.getElementById("menu-toggle");
    var sidebar = document.getElementById("sidebar");
    if (!toggle || !sidebar) { return; }
    sidebar.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) { toggle.checked = false; }
    });
  }

  // Boxes that may scroll sideways (code, outputs, math, charts) are written with tabindex="0",
  // so a keyboard can scroll them without this script; it keeps the stop only on those that
  // really scroll at the page's width now.
  function updateScrollStops() {
    var boxes = document.querySelectorAll("[data-scroll]");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.closest(".nb-cell") && box.matches("pre.code")) { return; }  // the notebook's own stop
      var scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight && getComputedStyle(box).overflowY !== "hidden";
      if (scrolls) { box.setAttribute("tabindex", "0"); } else { box.removeAttribute("tabindex"); }
    });
  }

  function setUpScrollStops() {
    updateScrollStops();
    var pending = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(updateScrollStops, 150);
    });
  }

  // "On this page" marks the section being read.
  function setUpPageTOC() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".page-toc a[href^='#']"));
    if (links.length === 0 || !window.IntersectionObserver) { return; }
    var headings = links.map(function (link) { return document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))); });
    var update = function () {
      var current = 0;
      headings.forEach(function (heading, position) {
        if (heading && heading.getBoundingClientRect().top < window.innerHeight * 0.3) { current = position; }
      });
      links.forEach(function (link, position) {
        if (position === current) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
      });
    };
    var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -70% 0px" });
    headings.forEach(function (heading) { if (heading) { observer.observe(heading); } });
    update();
  }

  // A printed page shows every hint and solution (style.css opens them where the browser
  // allows; this does it in the others), then closes again what was closed.
  function setUpPrinting() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
        details.open = true;
        return true;
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  function start() {
    addCopyButtons();
    setUpSearch();
    setUpThemeSwitch();
    setUpKeyboardPaging();
    setUpMenu();
    setUpScrollStops();
    setUpPageTOC();
    setUpPrinting();
    markSearchHits();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
