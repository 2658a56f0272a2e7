#!/usr/bin/env python3
"""Opens a built course site in headless Chromium and checks it as a reader would.

    Scripts/browser-test.py SITE_DIR [--search WORD --expect URL_PART] [--find QUERY=URL_PART ...]
                            [--screenshots DIR] [--no-axe] [--verbose]

For every page of the site (every .html file), at desktop (1280 px) and phone (390 px) width,
in the light and the dark theme:
- the page loads; the console shows no error or warning, no script throws, nothing is
  requested from another host;
- axe-core (Scripts/axe/axe.min.js, vendored) finds no serious or critical violation;
- on a phone, the page does not scroll sideways, and the Contents menu opens, and closes when
  a link in it is followed;
- on a desktop, no code line is hidden (no code box scrolls sideways) and no Copy button covers code.
Then, once: the theme switch (kept across pages, with axe run on the forced theme), ← and →
between lessons, print.html printed to PDF (every hint and solution open, each lesson on a
new page; with pdftotext, from poppler-utils, the PDF's text is checked too), the 404 page
served by a local web server for a missing address several folders deep (its styles, links
and search work), and the pages without JavaScript.

With --search, typing WORD in the search box lists a result whose address contains URL_PART;
each --find QUERY=URL_PART does the same, then opens that result and checks that the page
marks the words found. With --screenshots, saves what each page looks like (top of the page,
and the whole page) as PNG files there, and the printed PDF.

Drives Chromium with Selenium 4 through chromedriver (Debian: apt-get install chromium
chromium-driver; python3 -m pip install selenium; or Scripts/bootstrap --browser).
Exits 0 when every check passed, 1 otherwise (listing the failures), 2 on bad usage or when
selenium, chromedriver or the browser is missing or cannot be started.
"""

import argparse
import base64
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
except ImportError:
    webdriver = None

    class WebDriverException(Exception):
        pass

VIEWPORTS = {"desktop": (1280, 900, False), "phone": (390, 844, True)}
LOCAL_SCHEMES = ("file", "data", "blob", "about", "chrome-extension")
AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "axe", "axe.min.js")

# Runs in every document before its own scripts: keeps what went uncaught in a window global.
RECORD_ERRORS = """
window.__courseErrors = [];
window.addEventListener('error', e => {
  window.__courseErrors.push('uncaught exception: ' + (e.error && e.error.stack ? e.error.stack : e.message));
});
window.addEventListener('unhandledrejection', e => {
  const r = e.reason;
  window.__courseErrors.push('unhandled rejection: ' + (r && r.stack ? r.stack : String(r)));
});
"""


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def find_chromedriver():
    path = shutil.which("chromedriver")
    if path:
        return path
    return "/usr/bin/chromedriver" if os.access("/usr/bin/chromedriver", os.X_OK) else None


def start_browser(chromedriver, chromium):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                     "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--mute-audio"):
        options.add_argument(argument)
    if chromium:
        options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    # axe-core on a whole course's print page takes minutes on a busy machine.
    driver.set_script_timeout(900)
    driver.command_executor.client_config.timeout = 900
    return driver


class Tab:
    """The browser window, set to one size and theme, with what it logged since a page was opened."""

    def __init__(self, driver, width, height, mobile, dark, scripts=True):
        self.driver = driver
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "media": "screen",
            "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not scripts})
        self.width, self.height = width, height
        self.scripts = scripts
        self.drain()

    def drain(self):
        """Forgets what was logged so far."""
        self.driver.get_log("browser")
        self.driver.get_log("performance")

    def open(self, url):
        self.drain()
        self.driver.get(url)
        if self.scripts:
            self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        else:
            time.sleep(0.3)

    def evaluate(self, expression):
        return self.driver.execute_script("return " + expression.strip())

    def problems(self, local_host=None, ignore=()):
        """Console errors and warnings, uncaught exceptions, requests to another host (but
        `local_host`, a test server's `host:port`); console messages containing a string of
        `ignore` are expected ones."""
        found = []
        thrown = self.evaluate("window.__courseErrors || []") if self.scripts else []
        found += thrown
        for entry in self.driver.get_log("browser"):
            if entry.get("level") not in ("SEVERE", "WARNING"):
                continue
            message = entry.get("message", "")
            if entry.get("source") == "javascript" and "Uncaught" in message and any(
                    text.split("\n")[0].split(": ", 1)[-1] in message for text in thrown):
                continue  # the same uncaught exception, already listed
            if any(text in message for text in ignore):
                continue
            level = "error" if entry["level"] == "SEVERE" else "warning"
            found.append(f"console {level}: {message}")
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry.get("message", "{}")).get("message", {})
            if message.get("method") != "Network.requestWillBeSent":
                continue
            url = message.get("params", {}).get("request", {}).get("url", "")
            parsed = urllib.parse.urlparse(url)
            if parsed.scheme not in LOCAL_SCHEMES and not (local_host and parsed.netloc == local_host):
                found.append("request to another host: " + url)
        return found

    def click(self, x, y):
        for kind in ("mousePressed", "mouseReleased"):
            self.driver.execute_cdp_cmd("Input.dispatchMouseEvent", {
                "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path, full_page):
        params = {"format": "png"}
        if full_page:
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": max(size["width"], self.width),
                                "height": min(size["height"], 16000), "scale": 1})
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def media(self, media, dark=False):
        """Emulates `screen` or `print` media."""
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "media": media,
            "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})

    def key(self, key):
        """Presses and releases a key (a real key event, as a reader's)."""
        codes = {"ArrowLeft": 37, "ArrowRight": 39, "Escape": 27}
        for kind in ("rawKeyDown", "keyUp"):
            self.driver.execute_cdp_cmd("Input.dispatchKeyEvent", {
                "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": codes.get(key, 0)})

    def wait_for(self, expression, seconds=5):
        """Waits until `expression` is truthy; returns its last value."""
        value = None
        for _ in range(int(seconds / 0.05)):
            try:
                value = self.evaluate(expression)
            except WebDriverException:
                value = None
            if value:
                return value
            time.sleep(0.05)
        return value

    def close(self):
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


SEARCH = """
(async () => {
  const input = document.getElementById('search-input');
  if (!input || input.closest('[hidden]')) return {error: 'the search box is not shown'};
  input.focus();
  input.value = %s;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  for (let i = 0; i < 100; i++) {
    const links = [...document.querySelectorAll('#search-results a')];
    if (links.length) return {results: links.map(a => a.getAttribute('href'))};
    const empty = document.querySelector('#search-results .search-empty');
    if (empty) return {results: [], message: empty.textContent};
    await new Promise(r => setTimeout(r, 50));
  }
  return {results: [], message: 'no results after 5 s'};
})()
"""

# axe-core's serious and critical violations on the page, as "rule: help (nodes)" lines.
AXE_RUN = """
(async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v =>
    v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')
    + (v.nodes.length > 3 ? ' and ' + (v.nodes.length - 3) + ' more' : ''));
})()
"""

# What sticks out of a phone's width (outside any box that scrolls), if anything.
SIDEWAYS = """
(() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1 && !scrolls(e));
  const outermost = wide.filter(e => !wide.includes(e.parentElement));
  return {width: document.documentElement.scrollWidth, elements: outermost.slice(0, 5).map(e =>
    e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')
    + ' "' + e.textContent.trim().slice(0, 40) + '"')};
})()
"""

# On a desktop: code boxes that hide part of a line, and Copy buttons that cover code.
CODE_FITS = """
(() => {
  const problems = [];
  document.querySelectorAll('pre.code').forEach((pre, i) => {
    if (pre.scrollWidth > pre.clientWidth + 1) problems.push('code box ' + (i + 1) + ' hides part of a line: "' + pre.textContent.split('\\n').find(l => l.length > 60).slice(0, 50) + '…"');
  });
  document.querySelectorAll('.copy-button').forEach((button, i) => {
    const pre = button.parentElement.querySelector('pre');
    button.style.opacity = 1;
    const a = button.getBoundingClientRect(), b = pre.getBoundingClientRect();
    if (a.bottom > b.top + 1 && a.top < b.bottom && a.right > b.left && a.left < b.right) problems.push('Copy button ' + (i + 1) + ' covers its code');
  });
  return problems;
})()
"""


def file_url(site, page):
    return "file://" + urllib.parse.quote(os.path.join(site, page))


def check_axe(tab, where, failures, axe_source):
    if not axe_source:
        return
    if not tab.evaluate("typeof axe !== 'undefined'"):
        tab.driver.execute_script(axe_source)
    for violation in tab.evaluate(AXE_RUN):
        failures.append(f"{where}: axe: {violation}")


def check_page_views(driver, site, pages, args, axe_source, failures):
    """Every page, at both widths, in both themes."""
    for viewport, (width, height, mobile) in VIEWPORTS.items():
        for theme in ("light", "dark"):
            tab = Tab(driver, width, height, mobile, dark=theme == "dark")
            for page in pages:
                where = f"{page} ({viewport}, {theme})"
                started = time.monotonic()
                tab.open(file_url(site, page))
                for problem in tab.problems():
                    failures.append(f"{where}: {problem}")
                check_axe(tab, where, failures, axe_source)
                if args.screenshots:
                    stem = os.path.join(args.screenshots, f"{page[:-5]}-{viewport}-{theme}")
                    tab.screenshot(stem + ".png", full_page=False)
                    tab.screenshot(stem + "-full.png", full_page=True)
                if mobile:
                    sideways = tab.evaluate(SIDEWAYS)
                    if sideways:
                        failures.append(f"{where}: the page scrolls sideways ({sideways['width']} px wide): "
                                        + "; ".join(sideways["elements"]))
                else:
                    for problem in tab.evaluate(CODE_FITS):
                        failures.append(f"{where}: {problem}")
                if mobile and page != "404.html":
                    check_menu(tab, where, failures, stem if args.screenshots else None)
                if args.verbose:
                    print(f"{where}: {time.monotonic() - started:.1f} s", file=sys.stderr)
            if viewport == "desktop" and theme == "light":
                check_copy(tab, site, pages, failures)
            if viewport == "desktop" and args.search:
                check_search(tab, site, theme, args.search, args.expect, failures, args.screenshots)
            tab.close()


def check_menu(tab, where, failures, stem):
    """The table of contents opens from the top bar (a checkbox: no script needed), and a link
    followed in it closes it."""
    shown = tab.evaluate(
        "(() => { const t = document.getElementById('menu-toggle'); t.checked = true;"
        " return getComputedStyle(document.getElementById('sidebar')).display; })()")
    if shown == "none":
        failures.append(f"{where}: the Contents button does not show the table of contents")
        return
    if stem:
        tab.screenshot(stem + "-menu.png", full_page=False)
    closed = tab.evaluate(
        "(() => { const link = document.querySelector('#sidebar .toc-sections a, #sidebar a[aria-current]');"
        " if (!link) return 'no link'; link.click();"
        " return document.getElementById('menu-toggle').checked ? 'open' : 'closed'; })()")
    if closed == "open":
        failures.append(f"{where}: the Contents menu stays open after a link in it is followed")


def check_copy(tab, site, pages, failures):
    """A click on "Copy" (a real click: the clipboard wants a user gesture) copies."""
    for page in pages:
        tab.open(file_url(site, page))
        point = tab.evaluate(
            "(() => { const b = document.querySelector('.copy-button'); if (!b) return null;"
            " b.scrollIntoView({block: 'center'}); b.style.opacity = 1;"
            " const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        if point:
            tab.click(point[0], point[1])
            copied = tab.evaluate(
                "new Promise(r => setTimeout(() => r(document.querySelector('.copy-button').textContent), 200))")
            if copied != "Copied":
                failures.append(f"{page}: the Copy button says '{copied}' after a click")
            return


def check_search(tab, site, theme, word, expect, failures, screenshots):
    tab.open(file_url(site, "index.html"))
    found = tab.evaluate(SEARCH % json.dumps(word))
    if found.get("error"):
        failures.append(f"search ({theme}): {found['error']}")
    elif expect and not any(expect in href for href in found["results"]):
        failures.append(f"search ({theme}): '{word}' did not list {expect}: {found['results'] or found.get('message')}")
    if screenshots:
        tab.screenshot(os.path.join(screenshots, f"search-desktop-{theme}.png"), full_page=False)
    for problem in tab.problems():
        failures.append(f"search ({theme}): {problem}")


def check_finds(driver, site, finds, failures, screenshots):
    """Each QUERY=PAGE: the search lists PAGE, and the page it opens marks the words found."""
    tab = Tab(driver, 1280, 900, False, dark=False)
    for find in finds:
        query, _, expect = find.partition("=")
        tab.open(file_url(site, "index.html"))
        found = tab.evaluate(SEARCH % json.dumps(query))
        hrefs = [href for href in found.get("results", []) if expect in href]
        if not hrefs:
            failures.append(f"search: '{query}' did not list {expect}: {found.get('results') or found.get('message') or found.get('error')}")
            continue
        tab.open(urllib.parse.urljoin(file_url(site, "index.html"), hrefs[0]))
        marks = tab.wait_for("document.querySelectorAll('mark.search-hit').length", seconds=2)
        if not marks:
            failures.append(f"search: the page '{query}' opened ({hrefs[0]}) marks no word")
        elif screenshots:
            slug = re.sub(r"[^a-z0-9]+", "-", query.lower()).strip("-")
            tab.screenshot(os.path.join(screenshots, f"search-hit-{slug}.png"), full_page=False)
        for problem in tab.problems():
            failures.append(f"search '{query}': {problem}")
    tab.close()


def check_theme_switch(driver, site, pages, axe_source, failures):
    """The theme switch forces a theme over the system's, keeps it on the next page, and
    "System" follows the system again."""
    lessons = [page for page in pages if page not in ("index.html", "print.html", "404.html")]
    tab = Tab(driver, 1280, 900, False, dark=False)
    tab.open(file_url(site, "index.html"))
    background = "getComputedStyle(document.body).backgroundColor"
    light = tab.evaluate(background)
    chosen = tab.evaluate(
        "(() => { const s = document.getElementById('theme-select'); if (!s || s.closest('[hidden]')) return null;"
        " s.value = 'dark'; s.dispatchEvent(new Event('change', {bubbles: true}));"
        " return document.documentElement.dataset.theme || ''; })()")
    if chosen != "dark":
        failures.append(f"theme switch: choosing Dark gives data-theme '{chosen}'")
    elif tab.evaluate(background) == light:
        failures.append("theme switch: choosing Dark leaves the page light")
    else:
        tab.open(file_url(site, lessons[0] if lessons else "print.html"))
        kept = tab.evaluate("[document.documentElement.dataset.theme, document.getElementById('theme-select').value]")
        if kept != ["dark", "dark"]:
            failures.append(f"theme switch: the next page has theme {kept}, not dark")
        check_axe(tab, f"{lessons[0] if lessons else 'print.html'} (desktop, dark by the switch)", failures, axe_source)
        tab.evaluate("(() => { const s = document.getElementById('theme-select'); s.value = 'system';"
                     " s.dispatchEvent(new Event('change', {bubbles: true})); })()")
        if tab.evaluate("document.documentElement.dataset.theme || ''") or tab.evaluate(background) != light:
            failures.append("theme switch: System does not follow the system's light theme again")
    for problem in tab.problems():
        failures.append(f"theme switch: {problem}")
    tab.evaluate("localStorage.clear()")
    tab.close()


def check_keyboard_paging(driver, site, pages, failures):
    """→ opens the next lesson, ← the previous one."""
    lessons = [page for page in pages if page not in ("index.html", "print.html", "404.html")]
    if len(lessons) < 2:
        return
    tab = Tab(driver, 1280, 900, False, dark=False)
    tab.open(file_url(site, lessons[0]))
    tab.key("ArrowRight")
    if not tab.wait_for(f"location.pathname.endsWith({json.dumps('/' + lessons[1])})"):
        failures.append(f"keyboard: → on {lessons[0]} did not open {lessons[1]}: {tab.evaluate('location.href')}")
    else:
        tab.evaluate("1")
        tab.key("ArrowLeft")
        if not tab.wait_for(f"location.pathname.endsWith({json.dumps('/' + lessons[0])})"):
            failures.append(f"keyboard: ← on {lessons[1]} did not open {lessons[0]}")
    tab.close()


PRINT_STATE = """
(() => {
  const hidden = [...document.querySelectorAll('details')].filter(d =>
    [...d.children].some(c => c.tagName !== 'SUMMARY' && !c.checkVisibility()));
  const lessons = [...document.querySelectorAll('.print-lesson')];
  const together = lessons.slice(1).filter(l => getComputedStyle(l).breakBefore !== 'page').map(l => l.id);
  const titles = lessons.map(l => (l.querySelector('h1') || {}).textContent || '').map(t => t.replace(/#$/, '').trim());
  // Each hint's first words of prose, up to its first math or code (they print differently).
  const hints = [...document.querySelectorAll('details.hint')].map(d => {
    let text = '';
    const walker = document.createTreeWalker(d, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeType === 1 && node.matches('summary')) { walker.nextSibling(); continue; }
      if (node.nodeType === 1 && node.matches('math, code, pre, .math-inline, button')) break;
      if (node.nodeType === 3 && !node.parentElement.closest('summary')) text += node.nodeValue;
    }
    return text.replace(/\\s+/g, ' ').trim();
  });
  return {details: document.querySelectorAll('details').length, hidden: hidden.length, together, titles, hints};
})()
"""


def check_print(driver, site, failures, screenshots):
    """print.html printed: every <details> open, each lesson from a new page."""
    tab = Tab(driver, 1280, 900, False, dark=True)
    tab.open(file_url(site, "print.html"))
    tab.media("print", dark=True)
    state = tab.evaluate(PRINT_STATE)
    if state["hidden"]:
        failures.append(f"print: {state['hidden']} of {state['details']} hints and solutions stay closed in print")
    if state["together"]:
        failures.append(f"print: these lessons do not start a new page: {', '.join(state['together'])}")
    # Paper is light whatever the theme switch chose.
    scheme = tab.evaluate("(function (root) { root.dataset.theme = 'dark'; var scheme = getComputedStyle(root).colorScheme;"
                          " delete root.dataset.theme; return scheme; })(document.documentElement)")
    if scheme != "light":
        failures.append(f"print: with the theme switch on dark, the page prints in the '{scheme}' color scheme")
    # Chromium prints with the emulated media if one is set: none now, as a reader's print.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False})["data"])
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    folder = screenshots or tempfile.mkdtemp(prefix="course-print-")
    path = os.path.join(folder, "print.pdf")
    with open(path, "wb") as file:
        file.write(pdf)
    if pages < len(state["titles"]):
        failures.append(f"print: {len(state['titles'])} lessons on {pages} pages")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
        tops = [" ".join(page.split())[:200] for page in text.split("\f")]
        for title in state["titles"][1:]:
            if title and not any(top.startswith(title) for top in tops):
                failures.append(f"print: the lesson '{title}' does not start at the top of a page")
        letters = lambda text: re.sub(r"[^a-z0-9]", "", text.lower())
        printed = letters(text)
        for hint in state["hints"]:
            if len(letters(hint)) >= 8 and letters(hint)[:24] not in printed:
                failures.append(f"print: the hint '{hint[:40]}' is not in the printed PDF")
        if screenshots and shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", path, os.path.join(screenshots, "print-page")])
    for problem in tab.problems():
        failures.append(f"print: {problem}")
    tab.close()
    return pages


class SiteServer(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a web host does: 404.html, with status 404, for a missing address."""

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.exists(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as file:
            body = file.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def check_not_found(driver, site, failures, screenshots):
    """The 404 page, served for a missing address three folders deep, is styled, finds the
    site's folder, and its links and search work."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteServer, directory=site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{server.server_address[1]}"
    try:
        tab = Tab(driver, 1280, 900, False, dark=False)
        tab.open(f"http://{host}/a/b/c/missing.html")
        styled = tab.evaluate("getComputedStyle(document.querySelector('.sidebar')).position")
        if styled != "sticky":
            failures.append("404 page, 3 folders deep: not styled")
        base = tab.wait_for("document.querySelector('base') && document.querySelector('base').href")
        if base != f"http://{host}/":
            failures.append(f"404 page, 3 folders deep: the site's folder is taken to be {base}")
        link = tab.evaluate("document.querySelector('.not-found a').href")
        status = tab.evaluate(f"fetch({json.dumps(link)}).then(r => r.status)")
        if link != f"http://{host}/index.html" or status != 200:
            failures.append(f"404 page, 3 folders deep: its link to the first page goes to {link} ({status})")
        if not tab.wait_for("!document.getElementById('search').hidden"):
            failures.append("404 page, 3 folders deep: site.js did not load (no search box)")
        if screenshots:
            tab.screenshot(os.path.join(screenshots, "404-deep-desktop-light.png"), full_page=False)
        for problem in tab.problems(local_host=host, ignore=("search-index.json", "missing.html")):
            failures.append(f"404 page, 3 folders deep: {problem}")
        tab.close()
    finally:
        server.shutdown()
        server.server_close()


def check_without_javascript(driver, site, pages, screenshots):
    """Without JavaScript, pages read the same (no search box, no copy buttons)."""
    tab = Tab(driver, 1280, 900, False, dark=False, scripts=False)
    tab.open(file_url(site, pages[0] if pages[0] != "404.html" else "index.html"))
    if screenshots:
        tab.screenshot(os.path.join(screenshots, "no-javascript-desktop-light.png"), full_page=False)
    tab.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--search", help="a word the search must find")
    parser.add_argument("--expect", help="part of the address of a result the search must list")
    parser.add_argument("--find", action="append", default=[], metavar="QUERY=URL_PART",
                        help="a query the search must answer with URL_PART, whose page then marks the words found")
    parser.add_argument("--screenshots", help="folder for PNG screenshots (and the printed PDF)")
    parser.add_argument("--no-axe", action="store_true", help="skip the accessibility checks")
    parser.add_argument("--verbose", action="store_true", help="print how long each page view took")
    args = parser.parse_args()

    site = os.path.abspath(args.site)
    pages = sorted(name for name in os.listdir(site) if name.endswith(".html"))
    if "index.html" not in pages:
        print(f"error: {site} holds no index.html: not a built site", file=sys.stderr)
        return 2
    if webdriver is None:
        print("error: selenium not installed (python3 -m pip install selenium, or Scripts/bootstrap --browser)",
              file=sys.stderr)
        return 2
    chromedriver = find_chromedriver()
    if not chromedriver:
        print("error: chromedriver not found (Debian: apt-get install chromium-driver)", file=sys.stderr)
        return 2
    axe_source = None
    if not args.no_axe:
        with open(AXE, encoding="utf-8") as file:
            axe_source = file.read()
    chromium = find_chromium()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)

    failures = []
    try:
        driver = start_browser(chromedriver, chromium)
    except WebDriverException as error:
        print(f"error: the browser did not start: {error.msg or error}".rstrip(), file=sys.stderr)
        return 2
    printed = 0
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_ERRORS})
        check_page_views(driver, site, pages, args, axe_source, failures)
        check_finds(driver, site, args.find, failures, args.screenshots)
        check_theme_switch(driver, site, pages, axe_source, failures)
        check_keyboard_paging(driver, site, pages, failures)
        if "print.html" in pages:
            printed = check_print(driver, site, failures, args.screenshots)
        if "404.html" in pages:
            check_not_found(driver, site, failures, args.screenshots)
        check_without_javascript(driver, site, pages, args.screenshots)
    except (WebDriverException, RuntimeError, TimeoutError, OSError) as error:
        failures.append(f"browser: {getattr(error, 'msg', None) or error}")
    finally:
        try:
            driver.quit()
        except Exception:
            pass

    for failure in failures:
        print("error: " + failure)
    checked = len(pages) * len(VIEWPORTS) * 2
    axe_note = "" if args.no_axe else " with axe-core"
    print(f"{checked} page views checked{axe_note}, print.html on {printed} pages, "
          f"{len(failures)} problem{'s' if len(failures) != 1 else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
