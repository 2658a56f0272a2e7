// The notebook: on a lesson page served by `course serve`, the Swift cells become editable and
// runnable. Injected by the server only (the built site never loads it), so the page reads fine
// without it. Server text is always inserted as text; only chart SVG from the server's own
// renderer is inserted as markup (scripts and event attributes stripped). No other host is used.
(() => {
  "use strict";

  const article = document.querySelector("article[data-lesson]");
  if (!article) { return; }  // the print page, the landing page: nothing to do
  const lesson = article.getAttribute("data-lesson");
  const EDITABLE = ["code", "trap", "exercise"];
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");

  const cells = [];          // every cell with a data-line, in page order
  const byLine = new Map();  // fence line → cell
  let runCounter = 0;        // the newest Run started
  let lastApplied = 0;       // the newest Run whose answer is shown
  let savedSignature = "[]"; // the edits the server holds, as signature(edits, Infinity)

  // Small helpers

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // A box of text that may scroll sideways: a keyboard stop, as the site's own (site.js keeps
  // the stop only where the box really scrolls).
  function scrollBox(className, text) {
    const node = el("pre", className, text);
    node.tabIndex = 0;
    node.dataset.scroll = "";
    return node;
  }

  function button(label, className, ariaLabel, action) {
    const b = el("button", "nb-button " + className, label);
    b.type = "button";
    b.setAttribute("aria-label", ariaLabel);
    b.addEventListener("click", action);
    return b;
  }

  const trimNewline = (text) => String(text).replace(/\n$/, "");

  // JSON over fetch; a failed answer rejects with an Error carrying `status` and the server's "error".
  async function api(method, path, body) {
    const options = { method, credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try { response = await fetch(path, options); } catch (error) {
      throw Object.assign(new Error("the notebook server does not answer (is `course serve` still running?)"), { status: 0 });
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (error) { data = null; }
    if (!response.ok) {
      throw Object.assign(new Error((data && data.error) || text.trim() || "HTTP " + response.status), { status: response.status });
    }
    return data || {};
  }

  // Edits: line → code for the cells whose code differs from the author's.
  function currentEdits() {
    const edits = {};
    for (const cell of cells) {
      if (cell.editable && cell.current !== cell.original) { edits[cell.line] = cell.current; }
    }
    return edits;
  }

  // The edits a cell's output depends on (those at or before it), as a comparable string.
  function signature(edits, upto) {
    return JSON.stringify(Object.keys(edits).map(Number).filter((line) => line <= upto)
      .sort((a, b) => a - b).map((line) => [line, edits[line]]));
  }

  // A cell is stale when what it shows was computed from other edits than the current ones.
  function refreshStale() {
    const edits = currentEdits();
    for (const cell of cells) {
      if (!cell.editable) { continue; }
      const stale = cell.basis !== signature(edits, cell.line);
      cell.el.classList.toggle("nb-stale", stale);
      cell.staleBadge.hidden = !stale;
    }
  }

  function updateEdited(cell) {
    const edited = cell.current !== cell.original;
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
    const code = cell.current === cell.original ? cell.originalCode.cloneNode(true)
      : el("code", cell.originalCode.className, cell.current);
    cell.pre.replaceChild(code, cell.code);
    cell.code = code;
  }

  // The lesson's own output (and build failure) of a cell: hidden, not removed, under a fresh result.
  function showStatics(cell, shown) {
    for (const child of cell.el.children) {
      if (child.matches(".output, .cell-failure")) { child.hidden = !shown; }
    }
  }

  // The editor

  const helpId = "nb-editor-help";
  function ensureHelp() {
    if (document.getElementById(helpId)) { return; }
    const help = el("p", null, "Tab indents, Shift+Tab outdents, Escape leaves the editor, Shift+Enter or " +
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
    let node = null;
    let offset = 0;
    if (document.caretPositionFromPoint) {
      const position = document.caretPositionFromPoint(x, y);
      if (position) { node = position.offsetNode; offset = position.offset; }
    } else if (document.caretRangeFromPoint) {
      const point = document.caretRangeFromPoint(x, y);
      if (point) { node = point.startContainer; offset = point.startOffset; }
    }
    if (!node || !code.contains(node)) { return null; }
    const range = document.createRange();
    range.setStart(code, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  // Replaces the pre by a text area holding the cell's current code, the caret at `caret`.
  function openEditor(cell, caret) {
    if (cell.editor) { cell.editor.focus(); return; }
    ensureHelp();
    const editor = el("textarea", "nb-editor");
    editor.value = cell.current;
    const attributes = { wrap: "off", spellcheck: "false", autocapitalize: "off", autocomplete: "off", autocorrect: "off",
      "aria-label": "Code of " + cell.name + ", editing", "aria-describedby": helpId };
    for (const [name, value] of Object.entries(attributes)) { editor.setAttribute(name, value); }
    cell.pre.hidden = true;
    cell.pre.after(editor);
    cell.editor = editor;
    cell.el.classList.add("nb-editing");
    grow(editor);
    editor.focus({ preventScroll: true });
    const at = Math.min(caret || 0, editor.value.length);
    editor.setSelectionRange(at, at);
    editor.addEventListener("input", () => {
      cell.current = editor.value;
      grow(editor);
      updateEdited(cell);
      refreshStale();
    });
    editor.addEventListener("keydown", (event) => editorKey(cell, event));
  }

  // Leaves the editor, keeping the edit; the pre shows it again (as plain text if edited).
  function closeEditor(cell) {
    if (!cell.editor) { return; }
    cell.current = cell.editor.value;
    dropEditor(cell);
    showCode(cell);
    cell.pre.focus();
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
    let done = false;
    try { done = document.execCommand(text === "" ? "delete" : "insertText", false, text); } catch (error) { done = false; }
    if (!done) {
      editor.setRangeText(text, start, end, "end");
      editor.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  // Tab: 4 spaces (or indents every selected line); Shift-Tab: up to 4 leading spaces off.
  function indent(editor, outdent) {
    const { value, selectionStart: start, selectionEnd: end } = editor;
    if (!outdent && !value.slice(start, end).includes("\n")) { replaceText(editor, start, end, "    "); return; }
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    const next = value.indexOf("\n", end > start && value[end - 1] === "\n" ? end - 1 : end);
    const lineEnd = next === -1 ? value.length : next;
    const lines = value.slice(lineStart, lineEnd).split("\n");
    const changed = lines.map((line) => outdent ? line.replace(/^ {1,4}/, "") : "    " + line);
    const text = changed.join("\n");
    if (text === lines.join("\n")) { return; }
    replaceText(editor, lineStart, lineEnd, text);
    if (start === end) {
      const moved = Math.max(lineStart, start + changed[0].length - lines[0].length);
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
      closeEditor(cell);
    } else if (event.key === "Enter" && (event.shiftKey || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run(cell);
    }
  }

  // Results

  // A chart's SVG markup, parsed inert in a template, without scripts or event attributes.
  function chartFigure(markup) {
    const figure = el("figure", "chart");
    const template = document.createElement("template");
    template.innerHTML = markup;
    template.content.querySelectorAll("script").forEach((node) => node.remove());
    for (const node of template.content.querySelectorAll("*")) {
      for (const { name, value } of [...node.attributes]) {
        if (/^on/i.test(name) || /^\s*javascript:/i.test(value)) { node.removeAttribute(name); }
      }
    }
    figure.appendChild(template.content);
    return figure;
  }

  // A line diff by longest common subsequence: [" ", line], ["-", only expected], ["+", only new].
  function lineDiff(a, b) {
    let p = 0;
    let s = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) { p += 1; }
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) { s += 1; }
    const head = a.slice(0, p).map((line) => [" ", line]);
    const tail = a.slice(a.length - s).map((line) => [" ", line]);
    a = a.slice(p, a.length - s);
    b = b.slice(p, b.length - s);
    const n = a.length;
    const m = b.length;
    const gone = a.map((line) => ["-", line]);
    const added = b.map((line) => ["+", line]);
    if (n * m > 1000000) { return head.concat(gone, added, tail); }  // too big to align
    const table = [];  // table[i][j]: the length of the LCS of a[i…] and b[j…]
    for (let i = n; i >= 0; i -= 1) {
      table[i] = new Int32Array(m + 1);
      for (let j = m - 1; i < n && j >= 0; j -= 1) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    const middle = [];
    let x = 0;
    let y = 0;
    while (x < n && y < m) {
      if (a[x] === b[y]) { middle.push([" ", a[x]]); x += 1; y += 1; }
      else if (table[x + 1][y] >= table[x][y + 1]) { middle.push(gone[x]); x += 1; }
      else { middle.push(added[y]); y += 1; }
    }
    return head.concat(middle, gone.slice(x), added.slice(y), tail);
  }

  // "The lesson printed:" the expected text, then the line diff against this run's output.
  function diffBlock(expected, actual) {
    const block = el("div", "nb-diff");
    block.appendChild(el("p", "nb-diff-label", "The lesson printed:"));
    block.appendChild(scrollBox("nb-expected", trimNewline(expected)));
    block.appendChild(el("p", "nb-diff-label", "Difference (− only in the lesson, + only in this run):"));
    const lines = block.appendChild(scrollBox("nb-diff-lines"));
    const split = (text) => text === "" ? [] : trimNewline(text).split("\n");
    for (const [mark, line] of lineDiff(split(expected), split(actual))) {
      const kind = mark === "-" ? "nb-diff-del" : mark === "+" ? "nb-diff-add" : "nb-diff-same";
      lines.appendChild(el("span", kind, mark + " " + line));
    }
    return block;
  }

  // Shows a Run answer's cell (or a Check answer, with `check`) in the cell's nb-result.
  function showResult(cell, data, check) {
    const box = el("div", "nb-result");
    if (check) {
      box.classList.add(check.passed ? "nb-passed" : "nb-failed");
      box.appendChild(el("p", "nb-verdict", check.passed ? "✓ Solved" : "Not solved yet"));
      if (check.failures.length) {
        const failures = box.appendChild(el("ul", "nb-failures"));
        check.failures.forEach((failure) => failures.appendChild(el("li", "nb-failure", failure)));
      }
    } else if (typeof data.verdict === "string") {
      box.classList.add("nb-verdict-" + data.verdict.replace(/[^a-z-]/gi, ""));
    }
    const label = box.appendChild(el("p", "output-label", check ? "Output of your code" : "Output of this run"));
    // The lesson's block, where this run matched it (the rule of the site's pages: README, "What the outputs show").
    if (!check && typeof data.note === "string") { label.appendChild(el("span", "output-note", " · " + data.note)); }
    const parts = Array.isArray(data.parts) && data.parts.length ? data.parts
      : typeof data.output === "string" && data.output !== "" ? [{ text: data.output }] : [];
    let shown = 0;
    for (const part of parts) {
      if (part && typeof part.chart === "string") { box.appendChild(chartFigure(part.chart)); shown += 1; }
      else if (part && typeof part.text === "string" && part.text !== "") { box.appendChild(scrollBox("output-text", trimNewline(part.text))); shown += 1; }
    }
    const diagnostics = Array.isArray(data.diagnostics) ? data.diagnostics : [];
    if (!shown && !diagnostics.length && !data.message) { box.appendChild(el("p", "nb-empty", "No output.")); }
    if (diagnostics.length) {
      const list = box.appendChild(el("ul", "nb-diagnostics"));
      for (const d of diagnostics) {
        const severity = String(d.severity || "error");
        list.appendChild(el("li", "nb-diagnostic nb-" + severity.replace(/[^a-z]/gi, ""),
          `line ${d.line}:${d.column}: ${severity}: ${d.message}`));
      }
    }
    if (data.message) { box.appendChild(el("p", "nb-message", data.message)); }
    if (!check && data.verdict === "failed" && typeof data.expected === "string") {
      const actual = typeof data.output === "string" ? data.output
        : parts.map((part) => part && typeof part.text === "string" ? part.text : "").join("");
      box.appendChild(diffBlock(data.expected, actual));
    }
    if (cell.result) { cell.result.replaceWith(box); } else { cell.el.appendChild(box); }
    cell.result = box;
    showStatics(cell, false);
  }

  // A failed request's status: 409 means a newer run cancelled this one, said quietly.
  function showFailure(cell, error) {
    if (error.status === 409) { setStatus(cell, "Cancelled"); } else { setStatus(cell, "Error: " + error.message, true); }
  }

  const seconds = (value) => (Math.round(value * 10) / 10).toFixed(1) + " s";

  // Run: the lesson up to this cell, with every edit of the page.

  async function run(cell) {
    const token = runCounter += 1;
    const edits = currentEdits();
    const started = Date.now();
    cell.running = token;
    setBusy(cell, cell.runButton, true);
    setStatus(cell, "Running…");
    try {
      const answer = await api("POST", "/api/run", { lesson, edits, upto: cell.line });
      savedSignature = signature(edits, Infinity);  // a run saves its edits
      if (token >= lastApplied) {                    // else a newer run is already shown
        lastApplied = token;
        applyRun(cell, answer, edits, (Date.now() - started) / 1000);
      }
    } catch (error) {
      if (cell.running === token) { showFailure(cell, error); }
    }
    if (cell.running !== token) { return; }  // this cell was run again meanwhile
    cell.running = 0;
    setBusy(cell, cell.runButton, false);
  }

  function applyRun(cell, answer, edits, elapsed) {
    let mine = null;
    for (const data of Array.isArray(answer.cells) ? answer.cells : []) {
      const target = byLine.get(Number(data.line));
      if (!target) { continue; }
      if (target === cell) { mine = data; }
      showResult(target, data, null);
      target.basis = signature(edits, target.line);
      if (target !== cell && !target.running && !target.checking) { setStatus(target, ""); }
    }
    refreshStale();
    const time = seconds(typeof answer.seconds === "number" ? answer.seconds : elapsed);
    if (answer.timedOut) { setStatus(cell, "Timed out after " + time, true); return; }
    const errors = mine && (mine.diagnostics || []).some((d) => d.severity === "error");
    const why = !mine ? "this cell did not run"
      : errors ? "it does not compile"
      : mine.verdict === "failed" ? "not what the lesson expected"
      : mine.verdict === "skipped" ? "skipped"
      : mine.message && cell.kind !== "trap" ? "it stopped with an error" : "";
    setStatus(cell, "Ran in " + time + (why ? ": " + why : ""), !!why);
  }

  // Reset: the author's code, highlighting and output back; the remaining edits saved.
  async function reset(cell) {
    dropEditor(cell);
    cell.current = cell.original;
    showCode(cell);
    if (cell.result) { cell.result.remove(); cell.result = null; }
    showStatics(cell, true);
    cell.basis = "[]";
    updateEdited(cell);
    refreshStale();
    cell.pre.focus();  // the Reset button is disabled now
    setStatus(cell, "Reset to the lesson's code");
    const edits = currentEdits();
    try {
      await api("PUT", "/api/notebook", { lesson, edits });
      savedSignature = signature(edits, Infinity);
    } catch (error) {
      setStatus(cell, "Reset here, but not saved: " + error.message, true);
    }
  }

  // Check (exercise cells); a pass opens the exercise's hint and solution.

  function openHelp(cell) {
    for (let node = cell.el.nextElementSibling; node && !/^H[1-6]$/.test(node.tagName); node = node.nextElementSibling) {
      if (node.matches(".cell[data-kind='exercise']")) { break; }
      if (node.matches("details.solution, details.hint")) { node.open = true; }
    }
  }

  async function check(cell) {
    cell.checking = true;
    setBusy(cell, cell.checkButton, true);
    setStatus(cell, "Checking…");
    try {
      const answer = await api("POST", "/api/check-exercise", { lesson, line: cell.line, code: cell.current });
      const passed = answer.passed === true;
      const failures = Array.isArray(answer.failures) ? answer.failures.map(String) : [];
      showResult(cell, answer, { passed, failures });
      if (passed) { openHelp(cell); }
      const count = failures.length === 1 ? ": 1 expectation fails" : failures.length ? `: ${failures.length} expectations fail` : "";
      setStatus(cell, passed ? "Solved" : "Not solved yet" + count, !passed);
    } catch (error) {
      showFailure(cell, error);
    }
    cell.checking = false;
    setBusy(cell, cell.checkButton, false);
  }

  // Setting up the cells: state for each, and for the editable ones a focusable code block
  // and a toolbar (Run, Reset, Check; the edited and stale badges; the status).

  function setUp(element) {
    const pre = element.querySelector(":scope > .code-block > pre");
    const code = pre && pre.querySelector("code");
    const line = Number(element.getAttribute("data-line"));
    if (!code || !line) { return; }
    const kind = element.getAttribute("data-kind");
    const cell = {
      el: element, line, kind, editable: EDITABLE.includes(kind), pre, code,
      original: code.textContent, current: code.textContent, originalCode: code.cloneNode(true), basis: "[]",
      name: element.id ? element.id.replace(/^cell-/, "cell ") : "the cell at line " + line,
      editor: null, result: null, running: 0, checking: false, status: null
    };
    cells.push(cell);
    byLine.set(line, cell);
    if (!cell.editable) { return; }

    element.classList.add("nb-cell");
    pre.tabIndex = 0;
    pre.setAttribute("role", "group");
    pre.setAttribute("aria-label", "Code of " + cell.name + ". Press Enter to edit it.");
    pre.title = "Click to edit";
    pre.addEventListener("click", (event) => {
      const selection = window.getSelection();
      if (selection && !selection.isCollapsed && pre.contains(selection.anchorNode)) { return; }  // selecting to copy
      openEditor(cell, offsetAt(cell.code, event.clientX, event.clientY));
    });
    pre.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.target !== pre) { return; }
      event.preventDefault();
      if (event.shiftKey || event.ctrlKey || event.metaKey) { run(cell); } else { openEditor(cell, 0); }
    });

    const toolbar = el("div", "nb-toolbar");
    toolbar.setAttribute("role", "group");
    toolbar.setAttribute("aria-label", "Notebook actions for " + cell.name);
    toolbar.tabIndex = -1;  // holds focus while a pressed button is disabled
    cell.runButton = toolbar.appendChild(button("Run", "nb-run", "Run " + cell.name, () => run(cell)));
    cell.resetButton = toolbar.appendChild(button("Reset", "nb-reset", "Reset " + cell.name + " to the lesson's code", () => reset(cell)));
    cell.resetButton.disabled = true;
    if (kind === "exercise") {
      cell.checkButton = toolbar.appendChild(button("Check", "nb-check", "Check " + cell.name + " against the exercise", () => check(cell)));
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
  async function loadEdits() {
    try {
      const answer = await api("GET", "/api/notebook?lesson=" + encodeURIComponent(lesson));
      for (const [key, code] of Object.entries(answer.edits || {})) {
        const cell = byLine.get(Number(key));
        if (!cell || !cell.editable || cell.editor || typeof code !== "string" || code === cell.original) { continue; }
        cell.current = code;
        showCode(cell);
        updateEdited(cell);
      }
      savedSignature = signature(currentEdits(), Infinity);
      refreshStale();
    } catch (error) {
      const first = cells.find((cell) => cell.editable);
      if (first) { setStatus(first, "Saved edits could not be loaded: " + error.message, true); }
    }
  }

  // Live reload: the server says "reload" after a rebuild. Unsaved edits are saved first.
  let reloading = false;
  async function reloadPage() {
    if (reloading) { return; }
    reloading = true;
    const edits = currentEdits();
    if (signature(edits, Infinity) !== savedSignature) {
      try { await api("PUT", "/api/notebook", { lesson, edits }); } catch (error) { /* reload anyway */ }
    }
    location.reload();
  }

  function listen(attempt) {
    let socket;
    try {
      socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__course/live");
    } catch (error) { return; }
    socket.onopen = () => { attempt = 0; };
    socket.onmessage = (event) => { if (String(event.data).trim() === "reload") { reloadPage(); } };
    socket.onclose = () => {  // reconnect: 1 s, 2 s, 4 s … 30 s
      if (!reloading) { setTimeout(() => listen(attempt + 1), Math.min(30000, 1000 * 2 ** attempt)); }
    };
  }

  function start() {
    article.querySelectorAll(".cell[data-line]").forEach(setUp);
    loadEdits();
    listen(0);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
