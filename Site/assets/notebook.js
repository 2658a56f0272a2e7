// The notebook: on a lesson page served by `course serve`, the Swift cells become editable and
// runnable. Injected by the server only (the built site never loads it), so the page reads fine
// without it. Server text is always inserted as text; only chart SVG from the server's own
// renderer is inserted as markup (scripts and event attributes stripped). No other host is used.
(function () {
  "use strict";

  var article = document.querySelector("article[data-lesson]");
  if (!article) { return; }  // the print page, the landing page: nothing to do
  var lesson = article.getAttribute("data-lesson");
  var EDITABLE = ["code", "trap", "exercise"];
  var isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");

  var cells = [];            // every cell with a data-line, in page order
  var byLine = new Map();    // fence line → cell
  var runCounter = 0;        // the newest Run started
  var lastApplied = 0;       // the newest Run whose answer is shown
  var savedSignature = "[]"; // the edits the server holds, as signature(edits, Infinity)

  // Small helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function button(label, className, ariaLabel, action) {
    var b = el("button", "nb-button " + className, label);
    b.type = "button";
    b.setAttribute("aria-label", ariaLabel);
    b.addEventListener("click", action);
    return b;
  }

  function trimNewline(text) { return String(text).replace(/\n$/, ""); }

  // JSON over fetch; a failed answer rejects with {status, message} (the server's "error" text).
  function api(method, path, body) {
    var options = { method: method, credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (error) { data = null; }
        if (!response.ok) {
          var failure = new Error((data && data.error) || text.trim() || "HTTP " + response.status);
          failure.status = response.status;
          throw failure;
        }
        return data || {};
      });
    }, function () {
      var failure = new Error("the notebook server does not answer (is `course serve` still running?)");
      failure.status = 0;
      throw failure;
    });
  }

  // Edits: line → code for the cells whose code differs from the author's.

  function currentEdits() {
    var edits = {};
    cells.forEach(function (cell) {
      if (cell.editable && cell.current !== cell.original) { edits[cell.line] = cell.current; }
    });
    return edits;
  }

  // The edits a cell's output depends on (those at or before it), as a comparable string.
  function signature(edits, upto) {
    return JSON.stringify(Object.keys(edits).map(Number)
      .filter(function (line) { return line <= upto; })
      .sort(function (a, b) { return a - b; })
      .map(function (line) { return [line, edits[line]]; }));
  }

  // A cell is stale when what it shows was computed from other edits than the current ones.
  function refreshStale() {
    var edits = currentEdits();
    cells.forEach(function (cell) {
      if (!cell.editable) { return; }
      var stale = cell.basis !== signature(edits, cell.line);
      cell.el.classList.toggle("nb-stale", stale);
      cell.staleBadge.hidden = !stale;
    });
  }

  function updateEdited(cell) {
    var edited = cell.current !== cell.original;
    cell.el.classList.toggle("nb-edited", edited);
    cell.editedBadge.hidden = !edited;
    cell.resetButton.disabled = !edited;
  }

  function setStatus(cell, text, problem) {
    if (!cell.status) { return; }
    cell.status.textContent = text;
    cell.status.classList.toggle("nb-status-error", !!problem);
  }

  // While a request runs: class nb-running, its button disabled. Focus on a button being
  // disabled is parked on the toolbar and given back when the button is enabled again.
  function setBusy(cell, activeButton, busy) {
    cell.el.classList.toggle("nb-running", !!(cell.running || cell.checking));
    if (busy && document.activeElement === activeButton) { cell.toolbar.focus({ preventScroll: true }); }
    activeButton.disabled = busy;
    if (!busy && document.activeElement === cell.toolbar) { activeButton.focus({ preventScroll: true }); }
  }

  // The code shown in the pre: the author's highlighted code, or the edit as plain text.
  function showCode(cell) {
    var code;
    if (cell.current === cell.original) {
      code = cell.originalCode.cloneNode(true);
    } else {
      code = el("code", cell.originalCode.className, cell.current);
    }
    cell.pre.replaceChild(code, cell.code);
    cell.code = code;
  }

  function showStatics(cell, shown) {
    Array.prototype.forEach.call(cell.el.children, function (child) {
      if (child.classList.contains("output") || child.classList.contains("cell-failure")) { child.hidden = !shown; }
    });
  }

  // The editor

  var helpId = "nb-editor-help";
  function ensureHelp() {
    if (document.getElementById(helpId)) { return; }
    var help = el("p", null, "Tab indents, Shift+Tab outdents, Escape leaves the editor, Shift+Enter or " +
      (isMac ? "Command" : "Control") + "+Enter runs the cell.");
    help.id = helpId;
    help.hidden = true;  // still read as the editor's description
    article.appendChild(help);
  }

  // Grows the text area to its content (borders and a horizontal scroll bar included).
  function grow(editor) {
    editor.style.height = "auto";
    editor.style.height = (editor.scrollHeight + editor.offsetHeight - editor.clientHeight) + "px";
  }

  // The text offset in `code` under the point (x, y), or null.
  function offsetAt(code, x, y) {
    var node = null;
    var offset = 0;
    if (document.caretPositionFromPoint) {
      var position = document.caretPositionFromPoint(x, y);
      if (position) { node = position.offsetNode; offset = position.offset; }
    } else if (document.caretRangeFromPoint) {
      var point = document.caretRangeFromPoint(x, y);
      if (point) { node = point.startContainer; offset = point.startOffset; }
    }
    if (!node || !code.contains(node)) { return null; }
    var range = document.createRange();
    range.setStart(code, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function openEditor(cell, caret) {
    if (cell.editor) { cell.editor.focus(); return; }
    ensureHelp();
    var editor = el("textarea", "nb-editor");
    editor.value = cell.current;
    var attributes = { wrap: "off", spellcheck: "false", autocapitalize: "off", autocomplete: "off", autocorrect: "off",
      "aria-label": "Code of " + cell.name + ", editing", "aria-describedby": helpId };
    Object.keys(attributes).forEach(function (name) { editor.setAttribute(name, attributes[name]); });
    cell.pre.hidden = true;
    cell.pre.after(editor);
    cell.editor = editor;
    cell.el.classList.add("nb-editing");
    grow(editor);
    editor.focus({ preventScroll: true });
    var at = Math.min(caret || 0, editor.value.length);
    editor.setSelectionRange(at, at);
    editor.addEventListener("input", function () {
      cell.current = editor.value;
      grow(editor);
      updateEdited(cell);
      refreshStale();
    });
    editor.addEventListener("keydown", function (event) { editorKey(cell, event); });
  }

  // Leaves the editor, keeping the edit; the pre shows it again.
  function closeEditor(cell, focusCode) {
    if (!cell.editor) { return; }
    cell.current = cell.editor.value;
    dropEditor(cell);
    showCode(cell);
    if (focusCode) { cell.pre.focus(); }
  }

  function dropEditor(cell) {
    if (!cell.editor) { return; }
    cell.editor.remove();
    cell.editor = null;
    cell.el.classList.remove("nb-editing");
    cell.pre.hidden = false;
  }

  // Replaces [start, end) with text, through the editing commands where possible (undo works).
  function replaceText(editor, start, end, text) {
    editor.focus();
    editor.setSelectionRange(start, end);
    var done = false;
    try { done = document.execCommand(text === "" ? "delete" : "insertText", false, text); } catch (error) { done = false; }
    if (!done) {
      editor.setRangeText(text, start, end, "end");
      editor.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  // Tab: 4 spaces (or indents every selected line); Shift-Tab: up to 4 leading spaces off.
  function indent(editor, outdent) {
    var value = editor.value;
    var start = editor.selectionStart;
    var end = editor.selectionEnd;
    if (!outdent && value.slice(start, end).indexOf("\n") === -1) { replaceText(editor, start, end, "    "); return; }
    var lineStart = value.lastIndexOf("\n", start - 1) + 1;
    var lineEnd = end > start && value[end - 1] === "\n" ? end - 1 : end;
    var next = value.indexOf("\n", lineEnd);
    lineEnd = next === -1 ? value.length : next;
    var lines = value.slice(lineStart, lineEnd).split("\n");
    var changed = lines.map(function (line) { return outdent ? line.replace(/^ {1,4}/, "") : "    " + line; });
    var text = changed.join("\n");
    if (text === lines.join("\n")) { return; }
    replaceText(editor, lineStart, lineEnd, text);
    if (start === end) {
      var moved = Math.max(lineStart, start + changed[0].length - lines[0].length);
      editor.setSelectionRange(moved, moved);
    } else {
      editor.setSelectionRange(lineStart, lineStart + text.length);
    }
  }

  function editorKey(cell, event) {
    if (event.key === "Tab" && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      indent(cell.editor, event.shiftKey);
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeEditor(cell, true);
    } else if (event.key === "Enter" && (event.shiftKey || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run(cell);
    }
  }

  // Results

  // A chart's SVG markup, parsed inert in a template, without scripts or event attributes.
  function chartFigure(markup) {
    var figure = el("figure", "chart");
    var template = document.createElement("template");
    template.innerHTML = markup;
    Array.prototype.forEach.call(template.content.querySelectorAll("script"), function (node) { node.remove(); });
    Array.prototype.forEach.call(template.content.querySelectorAll("*"), function (node) {
      Array.prototype.slice.call(node.attributes).forEach(function (attribute) {
        if (/^on/i.test(attribute.name) || /^\s*javascript:/i.test(attribute.value)) { node.removeAttribute(attribute.name); }
      });
    });
    figure.appendChild(template.content);
    return figure;
  }

  // A line diff by longest common subsequence: [" ", line], ["-", only expected], ["+", only new].
  function lineDiff(a, b) {
    var same = function (line) { return [" ", line]; };
    var p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) { p += 1; }
    var s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) { s += 1; }
    var head = a.slice(0, p).map(same);
    var tail = a.slice(a.length - s).map(same);
    a = a.slice(p, a.length - s);
    b = b.slice(p, b.length - s);
    var n = a.length;
    var m = b.length;
    var middle = [];
    if (n * m > 1000000) {  // too big to align: all out, all in
      middle = a.map(function (line) { return ["-", line]; }).concat(b.map(function (line) { return ["+", line]; }));
    } else {
      var table = [];  // table[i][j]: the LCS length of a[i…] and b[j…]
      for (var i = n; i >= 0; i -= 1) {
        table[i] = new Int32Array(m + 1);
        for (var j = m - 1; i < n && j >= 0; j -= 1) {
          table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
        }
      }
      var x = 0;
      var y = 0;
      while (x < n && y < m) {
        if (a[x] === b[y]) { middle.push([" ", a[x]]); x += 1; y += 1; }
        else if (table[x + 1][y] >= table[x][y + 1]) { middle.push(["-", a[x]]); x += 1; }
        else { middle.push(["+", b[y]]); y += 1; }
      }
      for (; x < n; x += 1) { middle.push(["-", a[x]]); }
      for (; y < m; y += 1) { middle.push(["+", b[y]]); }
    }
    return head.concat(middle, tail);
  }

  function diffBlock(expected, actual) {
    var block = el("div", "nb-diff");
    block.appendChild(el("p", "nb-diff-label", "The lesson printed:"));
    block.appendChild(el("pre", "nb-expected", trimNewline(expected)));
    block.appendChild(el("p", "nb-diff-label", "Difference (− only in the lesson, + only in this run):"));
    var lines = el("pre", "nb-diff-lines");
    var split = function (text) { return text === "" ? [] : trimNewline(text).split("\n"); };
    lineDiff(split(expected), split(actual)).forEach(function (op) {
      var kind = op[0] === "-" ? "nb-diff-del" : op[0] === "+" ? "nb-diff-add" : "nb-diff-same";
      lines.appendChild(el("span", kind, op[0] + " " + op[1]));
    });
    block.appendChild(lines);
    return block;
  }

  // Shows a Run answer's cell (or a Check answer, with `check`) in the cell's nb-result.
  function showResult(cell, data, check) {
    var box = el("div", "nb-result");
    if (check) {
      box.classList.add(check.passed ? "nb-passed" : "nb-failed");
      if (check.passed) {
        box.appendChild(el("p", "nb-verdict", "✓ Solved"));
      } else {
        box.appendChild(el("p", "nb-verdict", "Not solved yet"));
        if (check.failures.length) {
          var failures = el("ul", "nb-failures");
          check.failures.forEach(function (failure) { failures.appendChild(el("li", "nb-failure", failure)); });
          box.appendChild(failures);
        }
      }
    } else if (typeof data.verdict === "string") {
      box.classList.add("nb-verdict-" + data.verdict.replace(/[^a-z-]/gi, ""));
    }
    box.appendChild(el("p", "output-label", check ? "Output of your code" : "Output of this run"));
    var parts = Array.isArray(data.parts) && data.parts.length ? data.parts
      : (typeof data.output === "string" && data.output !== "" ? [{ text: data.output }] : []);
    var shown = 0;
    parts.forEach(function (part) {
      if (part && typeof part.chart === "string") { box.appendChild(chartFigure(part.chart)); shown += 1; }
      else if (part && typeof part.text === "string" && part.text !== "") { box.appendChild(el("pre", "output-text", trimNewline(part.text))); shown += 1; }
    });
    var diagnostics = Array.isArray(data.diagnostics) ? data.diagnostics : [];
    if (!shown && !diagnostics.length && !data.message) { box.appendChild(el("p", "nb-empty", "No output.")); }
    if (diagnostics.length) {
      var list = el("ul", "nb-diagnostics");
      diagnostics.forEach(function (d) {
        var severity = String(d.severity || "error");
        list.appendChild(el("li", "nb-diagnostic nb-" + severity.replace(/[^a-z]/gi, ""),
          "line " + d.line + ":" + d.column + ": " + severity + ": " + d.message));
      });
      box.appendChild(list);
    }
    if (data.message) { box.appendChild(el("p", "nb-message", data.message)); }
    if (!check && data.verdict === "failed" && typeof data.expected === "string") {
      var actual = typeof data.output === "string" ? data.output
        : parts.map(function (part) { return part && typeof part.text === "string" ? part.text : ""; }).join("");
      box.appendChild(diffBlock(data.expected, actual));
    }
    if (cell.result) { cell.result.replaceWith(box); } else { cell.el.appendChild(box); }
    cell.result = box;
    showStatics(cell, false);
  }

  // A failed request: 409 means a newer run cancelled this one, said quietly.
  function failed(cell) {
    return function (error) {
      if (error.status === 409) { setStatus(cell, "Cancelled"); } else { setStatus(cell, "Error: " + error.message, true); }
    };
  }

  function seconds(value) { return (Math.round(value * 10) / 10).toFixed(1); }

  function hasErrors(data) {
    return (data.diagnostics || []).some(function (d) { return d.severity === "error"; });
  }

  // Run

  function run(cell) {
    var token = runCounter += 1;
    var edits = currentEdits();
    var started = Date.now();
    cell.running = token;
    setBusy(cell, cell.runButton, true);
    setStatus(cell, "Running…");
    api("POST", "/api/run", { lesson: lesson, edits: edits, upto: cell.line }).then(function (answer) {
      savedSignature = signature(edits, Infinity);  // a run saves its edits
      if (token < lastApplied) { return; }            // a newer run is already shown
      lastApplied = token;
      applyRun(cell, answer, edits, (Date.now() - started) / 1000);
    }, failed(cell)).then(function () {
      if (cell.running !== token) { return; }
      cell.running = 0;
      setBusy(cell, cell.runButton, false);
    });
  }

  function applyRun(cell, answer, edits, elapsed) {
    var mine = null;
    (Array.isArray(answer.cells) ? answer.cells : []).forEach(function (data) {
      var target = byLine.get(Number(data.line));
      if (!target) { return; }
      if (target === cell) { mine = data; }
      showResult(target, data, null);
      target.basis = signature(edits, target.line);
      if (target !== cell && !target.running && !target.checking) { setStatus(target, ""); }
    });
    refreshStale();
    var time = seconds(typeof answer.seconds === "number" ? answer.seconds : elapsed) + " s";
    if (answer.timedOut) { setStatus(cell, "Timed out after " + time, true); return; }
    var text = "Ran in " + time;
    var problem = true;
    if (!mine) { text += ": this cell did not run"; }
    else if (hasErrors(mine)) { text += ": it does not compile"; }
    else if (mine.verdict === "failed") { text += ": not what the lesson expected"; }
    else if (mine.message && cell.kind !== "trap") { text += ": it stopped with an error"; }
    else { problem = false; }
    setStatus(cell, text, problem);
  }

  // Reset: the author's code, output and highlighting back; the remaining edits saved.

  function reset(cell) {
    dropEditor(cell);
    cell.current = cell.original;
    showCode(cell);
    if (cell.result) { cell.result.remove(); cell.result = null; }
    showStatics(cell, true);
    cell.basis = "[]";
    updateEdited(cell);
    refreshStale();
    cell.pre.focus();
    setStatus(cell, "Reset to the lesson's code");
    var edits = currentEdits();
    api("PUT", "/api/notebook", { lesson: lesson, edits: edits }).then(function () {
      savedSignature = signature(edits, Infinity);
    }, function (error) {
      setStatus(cell, "Reset here, but not saved: " + error.message, true);
    });
  }

  // Check (exercise cells)

  function openHelp(cell) {
    for (var node = cell.el.nextElementSibling; node && !/^H[1-6]$/.test(node.tagName); node = node.nextElementSibling) {
      if (node.matches(".cell[data-kind='exercise']")) { break; }
      if (node.matches("details.solution, details.hint")) { node.open = true; }
    }
  }

  function check(cell) {
    cell.checking = true;
    setBusy(cell, cell.checkButton, true);
    setStatus(cell, "Checking…");
    api("POST", "/api/check-exercise", { lesson: lesson, line: cell.line, code: cell.current }).then(function (answer) {
      var failures = Array.isArray(answer.failures) ? answer.failures.map(String) : [];
      showResult(cell, answer, { passed: answer.passed === true, failures: failures });
      if (answer.passed === true) {
        setStatus(cell, "Solved");
        openHelp(cell);
      } else {
        setStatus(cell, failures.length ? "Not solved yet: " + failures.length + (failures.length === 1 ? " expectation fails" : " expectations fail")
          : "Not solved yet", true);
      }
    }, failed(cell)).then(function () {
      cell.checking = false;
      setBusy(cell, cell.checkButton, false);
    });
  }

  // Setting up the cells

  function setUp(element) {
    var pre = element.querySelector(":scope > .code-block > pre");
    var code = pre && pre.querySelector("code");
    var line = Number(element.getAttribute("data-line"));
    if (!code || !line) { return; }
    var kind = element.getAttribute("data-kind");
    var cell = {
      el: element, line: line, kind: kind, editable: EDITABLE.indexOf(kind) !== -1, pre: pre, code: code,
      original: code.textContent, originalCode: code.cloneNode(true), basis: "[]",
      name: element.id ? element.id.replace(/^cell-/, "cell ") : "the cell at line " + line,
      editor: null, result: null, running: 0, checking: false, status: null
    };
    cell.current = cell.original;
    cells.push(cell);
    byLine.set(line, cell);
    if (!cell.editable) { return; }

    element.classList.add("nb-cell");
    pre.tabIndex = 0;
    pre.setAttribute("role", "group");
    pre.setAttribute("aria-label", "Code of " + cell.name + ". Press Enter to edit it.");
    pre.title = "Click to edit";
    pre.addEventListener("click", function (event) {
      var selection = window.getSelection();
      if (selection && !selection.isCollapsed && pre.contains(selection.anchorNode)) { return; }  // selecting to copy
      openEditor(cell, offsetAt(cell.code, event.clientX, event.clientY));
    });
    pre.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.target !== pre) { return; }
      event.preventDefault();
      if (event.shiftKey || event.ctrlKey || event.metaKey) { run(cell); } else { openEditor(cell, 0); }
    });

    var toolbar = el("div", "nb-toolbar");
    toolbar.setAttribute("role", "group");
    toolbar.setAttribute("aria-label", "Notebook actions for " + cell.name);
    toolbar.tabIndex = -1;  // holds focus while a pressed button is disabled
    cell.runButton = button("Run", "nb-run", "Run " + cell.name, function () { run(cell); });
    cell.resetButton = button("Reset", "nb-reset", "Reset " + cell.name + " to the lesson's code", function () { reset(cell); });
    cell.resetButton.disabled = true;
    toolbar.appendChild(cell.runButton);
    toolbar.appendChild(cell.resetButton);
    if (kind === "exercise") {
      cell.checkButton = toolbar.appendChild(button("Check", "nb-check", "Check " + cell.name + " against the exercise", function () { check(cell); }));
    }
    cell.editedBadge = toolbar.appendChild(el("span", "nb-badge nb-edited-badge", "edited"));
    cell.staleBadge = toolbar.appendChild(el("span", "nb-badge nb-stale-badge", "stale: run to update"));
    cell.editedBadge.hidden = cell.staleBadge.hidden = true;
    cell.status = toolbar.appendChild(el("span", "nb-status"));
    cell.status.setAttribute("role", "status");
    cell.status.setAttribute("aria-live", "polite");
    pre.parentNode.after(toolbar);  // under the code, above the lesson's output
    cell.toolbar = toolbar;
  }

  // On load: the saved edits, shown as plain code; nothing runs.
  function loadEdits() {
    api("GET", "/api/notebook?lesson=" + encodeURIComponent(lesson)).then(function (answer) {
      var edits = answer.edits || {};
      Object.keys(edits).forEach(function (key) {
        var cell = byLine.get(Number(key));
        if (!cell || !cell.editable || cell.editor || typeof edits[key] !== "string" || edits[key] === cell.original) { return; }
        cell.current = edits[key];
        showCode(cell);
        updateEdited(cell);
      });
      savedSignature = signature(currentEdits(), Infinity);
      refreshStale();
    }, function (error) {
      var first = cells.filter(function (cell) { return cell.editable; })[0];
      if (first) { setStatus(first, "Saved edits could not be loaded: " + error.message, true); }
    });
  }

  // Live reload: the server says "reload" after a rebuild. Unsaved edits are saved first.
  var reloading = false;
  function reloadPage() {
    if (reloading) { return; }
    reloading = true;
    var edits = currentEdits();
    if (signature(edits, Infinity) === savedSignature) { location.reload(); return; }
    api("PUT", "/api/notebook", { lesson: lesson, edits: edits }).then(null, function () {}).then(function () { location.reload(); });
  }

  function listen(attempt) {
    if (!("WebSocket" in window)) { return; }
    var socket;
    try {
      socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__course/live");
    } catch (error) { return; }
    socket.onopen = function () { attempt = 0; };
    socket.onmessage = function (event) { if (String(event.data).trim() === "reload") { reloadPage(); } };
    socket.onclose = function () {
      if (reloading) { return; }
      window.setTimeout(function () { listen(attempt + 1); }, Math.min(30000, 1000 * Math.pow(2, attempt)));
    };
  }

  function start() {
    Array.prototype.forEach.call(article.querySelectorAll(".cell[data-line]"), setUp);
    loadEdits();
    listen(0);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
