#!/usr/bin/env python3
"""Opens a built course site in headless Chromium and checks it as a reader would.

    Scripts/browser-test.py SITE_DIR [--search WORD --expect URL_PART] [--screenshots DIR]

For every page of the site (every .html file), at desktop and phone width, in the light and
the dark theme: the page loads, the console shows no error or warning, no script throws, and
nothing is requested from another host. With --search, typing WORD in the search box lists a
result whose address contains URL_PART. With --screenshots, saves what each page looks like
(top of the page, and the whole page) as PNG files there.

Drives Chromium with Selenium 4 through chromedriver (Debian: apt-get install chromium
chromium-driver; python3 -m pip install selenium; or Scripts/bootstrap --browser).
Exits 0 when every check passed, 1 otherwise (listing the failures), 2 on bad usage or when
selenium, chromedriver or the browser is missing or cannot be started.
"""

import argparse
import base64
import json
import os
import shutil
import sys
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
    return webdriver.Chrome(service=Service(chromedriver), options=options)


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

    def problems(self):
        """Console errors and warnings, uncaught exceptions, requests to another host."""
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
            level = "error" if entry["level"] == "SEVERE" else "warning"
            found.append(f"console {level}: {message}")
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry.get("message", "{}")).get("message", {})
            if message.get("method") != "Network.requestWillBeSent":
                continue
            url = message.get("params", {}).get("request", {}).get("url", "")
            if urllib.parse.urlparse(url).scheme not in LOCAL_SCHEMES:
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--search", help="a word the search must find")
    parser.add_argument("--expect", help="part of the address of a result the search must list")
    parser.add_argument("--screenshots", help="folder for PNG screenshots")
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
    chromium = find_chromium()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)

    failures = []
    try:
        driver = start_browser(chromedriver, chromium)
    except WebDriverException as error:
        print(f"error: the browser did not start: {error.msg or error}".rstrip(), file=sys.stderr)
        return 2
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_ERRORS})
        for viewport, (width, height, mobile) in VIEWPORTS.items():
            for theme in ("light", "dark"):
                tab = Tab(driver, width, height, mobile, dark=theme == "dark")
                for page in pages:
                    url = "file://" + urllib.parse.quote(os.path.join(site, page))
                    tab.open(url)
                    for problem in tab.problems():
                        failures.append(f"{page} ({viewport}, {theme}): {problem}")
                    if args.screenshots:
                        stem = os.path.join(args.screenshots, f"{page[:-5]}-{viewport}-{theme}")
                        tab.screenshot(stem + ".png", full_page=False)
                        tab.screenshot(stem + "-full.png", full_page=True)
                    if mobile and page != "404.html":
                        # The table of contents opens from the top bar (a checkbox: no script needed).
                        shown = tab.evaluate(
                            "(() => { const t = document.getElementById('menu-toggle'); t.checked = true;"
                            " const d = getComputedStyle(document.getElementById('sidebar')).display;"
                            " return d; })()")
                        if shown == "none":
                            failures.append(f"{page} ({viewport}, {theme}): the Contents button does not show the table of contents")
                        if args.screenshots:
                            tab.screenshot(stem + "-menu.png", full_page=False)
                if viewport == "desktop" and theme == "light":
                    # A click on "Copy" (a real click: the clipboard wants a user gesture) copies.
                    copied = None
                    for page in pages:
                        tab.open("file://" + urllib.parse.quote(os.path.join(site, page)))
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
                            break
                if viewport == "desktop" and args.search:
                    tab.open("file://" + urllib.parse.quote(os.path.join(site, "index.html")))
                    found = tab.evaluate(SEARCH % json.dumps(args.search))
                    if found.get("error"):
                        failures.append(f"search ({theme}): {found['error']}")
                    elif args.expect and not any(args.expect in href for href in found["results"]):
                        failures.append(f"search ({theme}): '{args.search}' did not list {args.expect}: "
                                        f"{found['results'] or found.get('message')}")
                    if args.screenshots:
                        tab.screenshot(os.path.join(args.screenshots, f"search-desktop-{theme}.png"), full_page=False)
                    for problem in tab.problems():
                        failures.append(f"search ({theme}): {problem}")
                tab.close()
        # Without JavaScript, pages read the same (no search box, no copy buttons).
        tab = Tab(driver, 1280, 900, False, dark=False, scripts=False)
        tab.open("file://" + urllib.parse.quote(os.path.join(site, pages[0] if pages[0] != "404.html" else "index.html")))
        if args.screenshots:
            tab.screenshot(os.path.join(args.screenshots, "no-javascript-desktop-light.png"), full_page=False)
        tab.close()
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
    print(f"{checked} page views checked, {len(failures)} problem{'s' if len(failures) != 1 else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
