#!/usr/bin/env python3
"""Run -> new output latency of the notebook, against its limit.

Starts `course serve` on a copy of the course (so the learner's workspace is not touched),
and for a few cells of every lesson sends what the browser sends when a learner edits the
cell and presses Run: POST /api/run with the edited code (a new comment line, so nothing
comes from a cache) and `upto` the cell. The time is measured from sending the request to
having the whole answer.

The limit is what any runner must do for that edit: compile the same program with the same
`swiftc` command and run it. The runner leaves the command beside each program it compiles
(`.build/course/programs/<key>/command.txt`); this script compiles `main.swift` again with it
in a scratch folder and runs the result in the course root, timing both, right after each
notebook run (so the two see the same machine state).

    swift build && python3 Benchmarks/Notebook/latency.py [--cells-per-lesson 3] [--course-binary .build/debug/course]

Prints one line per cell and the medians of the ratio for lessons 1-6 and 7 onwards.
"""
import argparse
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def start_server(course, binary, root):
    process = subprocess.Popen([binary, "serve", "--root", root, "--port", "0", "--no-open", "--color", "never"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=root)
    for line in process.stdout:
        match = re.search(r"at (http://[0-9.]+:\d+)/\?token=([0-9a-f]+)", line)
        if match:
            return process, match.group(1), match.group(2)
    raise SystemExit("course serve did not start")


def request(base, token, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method="POST" if body is not None else "GET",
                                 headers={"X-Course-Token": token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=900) as response:
        return response.read()


def editable_cells(page):
    """(line, code) of every `code` cell of a lesson page, in order."""
    cells = []
    for match in re.finditer(r'<div class="cell[^"]*" id="[^"]*" data-line="(\d+)" data-kind="code">.*?'
                             r'<code class="language-swift">(.*?)</code>', page, re.S):
        code = html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))
        cells.append((int(match.group(1)), code))
    return cells


def newest_program(cache):
    folders = [os.path.join(cache, name) for name in os.listdir(cache) if not name.startswith(".")]
    folders = [f for f in folders if os.path.exists(os.path.join(f, "command.txt"))]
    return max(folders, key=lambda f: os.path.getmtime(os.path.join(f, "command.txt")))


def bare_compile_and_run(program, root):
    """Seconds to compile the program's main.swift again with its command, and to run it."""
    command = open(os.path.join(program, "command.txt")).read().split("\n")
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copy(os.path.join(program, "main.swift"), scratch)
        start = time.perf_counter()
        subprocess.run(command, cwd=scratch, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        compiled = time.perf_counter()
        subprocess.run([os.path.join(scratch, "lesson")], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
        ran = time.perf_counter()
    return compiled - start, ran - compiled


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cells-per-lesson", type=int, default=3)
    parser.add_argument("--course-binary", default=os.path.join(ROOT, ".build", "debug", "course"))
    arguments = parser.parse_args()

    work = tempfile.mkdtemp(prefix="notebook-latency-")
    # The course as it is, with the repository's caches (the site is built from them at
    # start), and a workspace of its own.
    for folder in ["Lessons", "Sources", "Site", ".build"]:
        os.symlink(os.path.join(ROOT, folder), os.path.join(work, folder))
    os.makedirs(os.path.join(work, "workspace"))
    server, base, token = start_server(ROOT, arguments.course_binary, work)
    try:
        lessons = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, "Lessons"))
                         if re.match(r"\d\d-.*\.md$", name))
        ratios = {"1-6": [], "7+": []}
        latencies = {"1-6": [], "7+": []}
        count = 0
        for lesson in lessons:
            page = request(base, token, "/%s.html" % lesson).decode()
            cells = editable_cells(page)
            if not cells:
                continue
            step = max(1, len(cells) // arguments.cells_per_lesson)
            chosen = cells[::step][:arguments.cells_per_lesson]
            group = "1-6" if int(lesson[:2]) <= 6 else "7+"
            for line, code in chosen:
                count += 1
                edited = code.rstrip("\n") + "\n// edited for the benchmark, %d %f\n" % (count, time.time())
                start = time.perf_counter()
                answer = json.loads(request(base, token, "/api/run", {"lesson": lesson, "edits": {str(line): edited}, "upto": line}))
                notebook = time.perf_counter() - start
                ran = [c for c in answer["cells"] if c["line"] == line]
                if not ran or ran[0]["verdict"] == "skipped" or ran[0]["diagnostics"]:
                    print("%s:%d: the cell did not run (%s), left out" % (lesson, line, ran[0]["message"] if ran else "no answer"))
                    continue
                program = newest_program(os.path.join(work, ".build", "course", "programs"))
                if os.path.getmtime(os.path.join(program, "command.txt")) < time.time() - notebook - 1:
                    print("%s:%d: no program was compiled for the run, left out" % (lesson, line))
                    continue
                compile_seconds, run_seconds = bare_compile_and_run(program, work)
                limit = compile_seconds + run_seconds
                ratio = notebook / limit
                ratios[group].append(ratio)
                latencies[group].append(notebook)
                print("%s:%-4d notebook %6.2f s   swiftc %6.2f s + run %6.2f s   ratio %.2f"
                      % (lesson, line, notebook, compile_seconds, run_seconds, ratio), flush=True)
        for group in ["1-6", "7+"]:
            if ratios[group]:
                print("lessons %s: median Run -> output %.2f s, median ratio to swiftc + run %.2f (%d cells)"
                      % (group, statistics.median(latencies[group]), statistics.median(ratios[group]), len(ratios[group])))
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
