// The site's only script, and an optional one: every page reads fine without it.
// It adds a "Copy" button to code blocks and shows the search box, which searches an index
// generated at build time (search-index.json; search-index.js where fetch cannot read files,
// as from file://). Nothing is loaded from another host.
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

  // Search

  var entries = null;
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
      entries = data.map(function (entry) {
        return {
          entry: entry,
          section: entry.section.toLowerCase(),
          page: entry.page.toLowerCase(),
          text: entry.text.toLowerCase()
        };
      });
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

  function terms(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(function (term) { return term.length > 0; });
  }

  function count(text, term) {
    var found = 0;
    var at = text.indexOf(term);
    while (at !== -1 && found < 5) {
      found += 1;
      at = text.indexOf(term, at + term.length);
    }
    return found;
  }

  // Every term must appear; a term in a section's title weighs most, then in the page's title.
  function search(query) {
    var words = terms(query);
    if (words.length === 0 || !entries) { return []; }
    var scored = [];
    entries.forEach(function (item) {
      var score = 0;
      for (var i = 0; i < words.length; i += 1) {
        var word = words[i];
        var inSection = item.section.indexOf(word) !== -1;
        var inPage = item.page.indexOf(word) !== -1;
        var inText = count(item.text, word);
        if (!inSection && !inPage && inText === 0) { return; }
        score += (inSection ? 10 : 0) + (inPage ? 3 : 0) + inText;
      }
      scored.push({ item: item, score: score });
    });
    scored.sort(function (a, b) { return b.score - a.score; });
    return scored.slice(0, 10).map(function (result) { return result.item; });
  }

  // Appends `text` to `parent`, with each term marked; text only, never HTML.
  function appendMarked(parent, text, words) {
    var lower = text.toLowerCase();
    var position = 0;
    while (position < text.length) {
      var next = -1;
      var length = 0;
      words.forEach(function (word) {
        var at = lower.indexOf(word, position);
        if (at !== -1 && (next === -1 || at < next)) { next = at; length = word.length; }
      });
      if (next === -1) { break; }
      parent.appendChild(document.createTextNode(text.slice(position, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      parent.appendChild(mark);
      position = next + length;
    }
    parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function snippet(entry, words) {
    var text = entry.text;
    var lower = text.toLowerCase();
    var at = -1;
    words.forEach(function (word) {
      var found = lower.indexOf(word);
      if (found !== -1 && (at === -1 || found < at)) { at = found; }
    });
    if (at === -1) { return text.slice(0, 120) + (text.length > 120 ? "…" : ""); }
    var start = Math.max(0, at - 50);
    var end = Math.min(text.length, at + 90);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function show(results, query, list) {
    var words = terms(query);
    list.textContent = "";
    if (words.length === 0) { return; }
    if (results.length === 0) {
      var empty = document.createElement("li");
      empty.className = "search-empty";
      empty.textContent = "Nothing found for “" + query.trim() + "”.";
      list.appendChild(empty);
      return;
    }
    results.forEach(function (item) {
      var entry = item.entry;
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      var title = document.createElement("span");
      title.className = "search-result-title";
      appendMarked(title, entry.section, words);
      link.appendChild(title);
      if (entry.section !== entry.page) {
        var page = document.createElement("span");
        page.className = "search-result-page";
        page.textContent = entry.page;
        link.appendChild(page);
      }
      var text = document.createElement("span");
      text.className = "search-result-snippet";
      appendMarked(text, snippet(entry, words), words);
      link.appendChild(text);
      li.appendChild(link);
      list.appendChild(li);
    });
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
      var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
      if (event.key === "/" && !typing && input.offsetParent !== null) {
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

  function start() {
    addCopyButtons();
    setUpSearch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
