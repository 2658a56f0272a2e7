#!/usr/bin/env python3
"""Opens a built course site in headless Chromium and checks it as a reader would.

    Scripts/browser-test.py SITE_DIR [--search WORD --expect URL_PART] [--screenshots DIR]

For every page of the site (every .html file), at desktop and phone width, in the light and
the dark theme: the page loads, the console shows no error or warning, no script throws, and
nothing is requested from another host. With --search, typing WORD in the search box lists a
result whose address contains URL_PART. With --screenshots, saves what each page looks like
(top of the page, and the whole page) as PNG files there.

Talks to Chromium through the DevTools protocol over a WebSocket written with the standard
library only, so it needs nothing but python3 and chromium (Debian: apt-get install chromium).
Exits 0 when every check passed, 1 otherwise (listing the failures), 2 on bad usage or when the
browser cannot be started.
"""

import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

VIEWPORTS = {"desktop": (1280, 900, False), "phone": (390, 844, True)}


class DevTools:
    """A minimal Chrome DevTools protocol client over one WebSocket (RFC 6455, text frames)."""

    def __init__(self, url):
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError("DevTools refused the WebSocket: " + head.decode(errors="replace"))
        self.next_id = 0
        self.events = []

    def _send(self, payload, opcode=0x1):
        header = bytearray([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header.append(0x80 | length)
        elif length < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack(">H", length)
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", length)
        mask = os.urandom(4)
        header += mask
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        self.sock.sendall(bytes(header) + masked)

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _message(self):
        message = b""
        while True:
            first, second = self._read(2)
            opcode, final = first & 0x0F, first & 0x80
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(length)
            if mask:
                payload = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the WebSocket")
            if opcode == 0x9:
                self._send(payload, opcode=0xA)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if final:
                return json.loads(message)

    def call(self, method, session=None, **params):
        self.next_id += 1
        request = {"id": self.next_id, "method": method, "params": params}
        if session:
            request["sessionId"] = session
        self._send(json.dumps(request).encode())
        while True:
            message = self._message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, session, timeout=20):
        """Waits for an event, keeping every other event for later."""
        deadline = time.time() + timeout
        for index, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                del self.events[index]
                return event
        while time.time() < deadline:
            message = self._message()
            if message.get("method") == method and message.get("sessionId") == session:
                return message
            self.events.append(message)
        raise TimeoutError(f"no {method} within {timeout} s")


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def start_browser(chromium, profile):
    process = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "--no-first-run",
         "--no-default-browser-check", "--disable-extensions", "--mute-audio", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 30
    while time.time() < deadline:
        if os.path.exists(port_file):
            lines = open(port_file).read().split("\n")
            if len(lines) >= 2 and lines[1]:
                return process, f"ws://127.0.0.1:{lines[0].strip()}{lines[1].strip()}"
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("chromium did not start (no DevToolsActivePort)")


class Tab:
    """One page target, with what it logged since it was opened."""

    def __init__(self, tools, width, height, mobile, dark, scripts=True):
        self.tools = tools
        target = tools.call("Target.createTarget", url="about:blank")["targetId"]
        self.target = target
        self.session = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            tools.call(f"{domain}.enable", self.session)
        tools.call("Emulation.setDeviceMetricsOverride", self.session, width=width, height=height,
                   deviceScaleFactor=1, mobile=mobile)
        tools.call("Emulation.setEmulatedMedia", self.session, media="screen",
                   features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])
        if not scripts:
            tools.call("Emulation.setScriptExecutionDisabled", self.session, value=True)
        self.width, self.height = width, height
        self.scripts = scripts

    def open(self, url):
        self.tools.events = [e for e in self.tools.events if e.get("sessionId") != self.session]
        self.tools.call("Page.navigate", self.session, url=url)
        self.tools.wait_for("Page.loadEventFired", self.session)
        if self.scripts:
            self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        else:
            time.sleep(0.3)

    def evaluate(self, expression):
        result = self.tools.call("Runtime.evaluate", self.session, expression=expression,
                                 awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "exception") + " in " + expression)
        return result.get("result", {}).get("value")

    def problems(self):
        """Console errors and warnings, uncaught exceptions, requests to another host."""
        found = []
        for event in self.tools.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                found.append("uncaught exception: " + details.get("exception", {}).get("description", details.get("text", "")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                found.append(f"console.{params['type']}: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
                entry = params["entry"]
                found.append(f"console {entry['level']}: {entry.get('text', '')} {entry.get('url', '')}".strip())
            elif method == "Network.requestWillBeSent":
                url = params.get("request", {}).get("url", "")
                if urllib.parse.urlparse(url).scheme not in ("file", "data", "about", "blob"):
                    found.append("request to another host: " + url)
        return found

    def screenshot(self, path, full_page):
        params = {"format": "png"}
        if full_page:
            metrics = self.tools.call("Page.getLayoutMetrics", self.session)
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": self.width, "height": min(size["height"], 16000), "scale": 1})
        data = self.tools.call("Page.captureScreenshot", self.session, **params)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self):
        self.tools.call("Target.closeTarget", targetId=self.target)


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
    chromium = find_chromium()
    if not chromium:
        print("error: chromium not found (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)

    failures = []
    profile = tempfile.mkdtemp(prefix="course-browser-")
    process = None
    try:
        process, endpoint = start_browser(chromium, profile)
        tools = DevTools(endpoint)
        for viewport, (width, height, mobile) in VIEWPORTS.items():
            for theme in ("light", "dark"):
                tab = Tab(tools, width, height, mobile, dark=theme == "dark")
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
                            for kind in ("mousePressed", "mouseReleased"):
                                tools.call("Input.dispatchMouseEvent", tab.session, type=kind, x=point[0], y=point[1],
                                           button="left", clickCount=1)
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
        tab = Tab(tools, 1280, 900, False, dark=False, scripts=False)
        tab.open("file://" + urllib.parse.quote(os.path.join(site, pages[0] if pages[0] != "404.html" else "index.html")))
        if args.screenshots:
            tab.screenshot(os.path.join(args.screenshots, "no-javascript-desktop-light.png"), full_page=False)
        tab.close()
    except (ConnectionError, RuntimeError, TimeoutError, OSError) as error:
        failures.append(f"browser: {error}")
    finally:
        if process:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(profile, ignore_errors=True)

    for failure in failures:
        print("error: " + failure)
    checked = len(pages) * len(VIEWPORTS) * 2
    print(f"{checked} page views checked, {len(failures)} problem{'s' if len(failures) != 1 else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
