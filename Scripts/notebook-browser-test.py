#!/usr/bin/env python3
"""The notebook in a real browser: `course serve` on a course, driven in headless Chromium.

    Scripts/notebook-browser-test.py COURSE_BINARY COURSE_ROOT [--screenshots DIR]

COURSE_ROOT must be a copy of Tests/Fixtures/notebook (with Site/ beside its Lessons/): its
lesson 01-cells has a cell at line 20 that prints "twice four is 8.0", a trap cell at line
30 and an exercise at line 39. Opens the address the server prints (with its token), then,
as a learner would: edits the cell at line 20, runs it, sees the new output and what the
lesson printed, sees the later cell marked stale, resets it, and solves the exercise. Fails
on any console error or uncaught exception.

Exits 0 when every step passed, 1 otherwise (listing the failures), 2 when selenium,
chromedriver or the browser is missing or cannot be started.
"""
import argparse
import importlib.util
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("browser_test", os.path.join(HERE, "browser-test.py"))
browser_test = importlib.util.module_from_spec(spec)
spec.loader.exec_module(browser_test)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("root")
    parser.add_argument("--screenshots")
    arguments = parser.parse_args()
    if browser_test.webdriver is None:
        print("selenium is not installed (python3 -m pip install selenium)")
        return 2
    chromedriver, chromium = browser_test.find_chromedriver(), browser_test.find_chromium()
    if not chromedriver or not chromium:
        print("chromium and chromedriver are needed (apt-get install chromium chromium-driver)")
        return 2

    server = subprocess.Popen([arguments.binary, "serve", "--root", arguments.root, "--port", "0", "--no-open",
                               "--color", "never"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    address = None
    log = []
    for line in server.stdout:
        log.append(line)
        match = re.search(r"at (http://\S+/\?token=[0-9a-f]+)", line)
        if match:
            address = match.group(1)
            break
    if not address:
        print("course serve did not start:\n" + "".join(log))
        return 1
    base = address.split("?")[0]

    try:
        driver = browser_test.start_browser(chromedriver, chromium)
    except browser_test.WebDriverException as error:
        server.terminate()
        print(f"cannot start the browser: {error}")
        return 2

    failures = []
    steps = 0

    def check(condition, what):
        nonlocal steps
        steps += 1
        if not condition:
            failures.append(what)
        return condition

    try:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        tab = browser_test.Tab(driver, 1280, 900, False, False)
        wait = WebDriverWait(driver, 120, poll_frequency=0.2)

        # The first visit with the token: the cookie is set and the address loses the token.
        tab.open(address)
        check("token=" not in driver.current_url, "the token stays in the address bar: " + driver.current_url)
        tab.open(base + "01-cells.html")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '.cell[data-line="20"] .nb-toolbar'))

        def cell(line):
            return driver.find_element(By.CSS_SELECTOR, f'.cell[data-line="{line}"]')

        def edit(line, code):
            cell(line).find_element(By.CSS_SELECTOR, "pre.code").click()
            editor = wait.until(lambda d: cell(line).find_elements(By.CSS_SELECTOR, "textarea.nb-editor"))[0]
            editor.clear()
            editor.send_keys(code)

        # Edit the second cell and run it: the new output, and what the lesson printed.
        edit(20, 'print("from the browser")')
        cell(20).find_element(By.CSS_SELECTOR, "button.nb-run").click()
        output = wait.until(lambda d: [e for e in cell(20).find_elements(By.CSS_SELECTOR, ".nb-result pre.output-text")
                                       if "from the browser" in e.text])
        check(bool(output), "the edited cell's new output is not shown")
        expected = cell(20).find_elements(By.CSS_SELECTOR, ".nb-result .nb-diff pre.nb-expected")
        check(expected and "twice four is 8.0" in expected[0].text, "the lesson's own output is not shown beside the new one")
        check("nb-stale" in cell(30).get_attribute("class"), "the later cell is not marked stale")
        if arguments.screenshots:
            os.makedirs(arguments.screenshots, exist_ok=True)
            driver.save_screenshot(os.path.join(arguments.screenshots, "notebook-run.png"))

        # Reset: the author's code and output are back.
        cell(20).find_element(By.CSS_SELECTOR, "button.nb-reset").click()
        wait.until(lambda d: not cell(20).find_elements(By.CSS_SELECTOR, ".nb-result"))
        check("twice four is" in cell(20).find_element(By.CSS_SELECTOR, "pre.code").text, "Reset did not restore the code")
        shown = cell(20).find_element(By.CSS_SELECTOR, ".output")
        check(shown.is_displayed() and "twice four is 8.0" in shown.text, "Reset did not restore the output")

        # Solve the exercise on the page.
        edit(39, "func triple(_ x: Double) -> Double { 3 * x }")
        cell(39).find_element(By.CSS_SELECTOR, "button.nb-check").click()
        solved = wait.until(lambda d: cell(39).find_elements(By.CSS_SELECTOR, ".nb-result.nb-passed, .nb-result.nb-failed"))
        check("nb-passed" in solved[0].get_attribute("class"), "the solved exercise is not marked solved: " + solved[0].text)
        if arguments.screenshots:
            driver.save_screenshot(os.path.join(arguments.screenshots, "notebook-exercise.png"))

        origin = base.rstrip("/")
        for problem in tab.problems():
            if problem.startswith("request to another host: " + origin + "/"):
                continue  # the server itself
            failures.append(problem)
    except Exception as error:  # a step that timed out or found nothing
        failures.append(f"{type(error).__name__}: {error}")
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:  # a parent that blocks SIGTERM (a test runner) passes that on
            server.kill()
            server.wait()

    for failure in failures:
        print("problem: " + failure)
    print(f"notebook: {steps} steps checked, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
