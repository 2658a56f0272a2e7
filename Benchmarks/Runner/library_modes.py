#!/usr/bin/env python3
"""This course's lesson library built two ways, measured in one run: by SwiftPM, as
course.yml's `libraries: [Neural, Charts]` asks (the course as committed), against the
runner's built-in build (the same course without course.yml).

  cold   `course check` with empty caches (`.build/course` removed): the library build ("ready
         in") and the whole check, the median of --cold-runs, the two alternating (each mode
         goes first as often as the other, since the load of a shared machine drifts)
  warm   `course check` with every cache full: the median of --warm-runs, the two alternating
  same   the two `--format json` reports agree on every cell (verdict, output, diagnostics)

Usage: Benchmarks/Runner/library_modes.py [--binary PATH] [--cold-runs N] [--warm-runs N]
Works on two copies of the committed repository (`git archive HEAD`) in a temporary folder;
the default binary is the debug build, `.build/debug/course` (`swift build` first).
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, tarfile, tempfile, time, io

def check(binary, root, report=None):
    command = [binary, "check", "--color", "never"] + (["--format", "json", "--output", report] if report else [])
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed in {root}: {' '.join(command)}\n{result.stdout}")
    ready = re.search(r"ready in ([0-9.]+) s", result.stdout)
    return elapsed, float(ready.group(1)) if ready else None

def comparable(report):
    """The report without what depends on timing or the cache."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("seconds", "cached", "duration")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    with open(report) as file:
        return strip(json.load(file))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "course"))
    parser.add_argument("--cold-runs", type=int, default=2)
    parser.add_argument("--warm-runs", type=int, default=10)
    args = parser.parse_args()
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    binary = os.path.abspath(args.binary)
    if not os.path.exists(binary):
        sys.exit(f"no {binary}: run `swift build` first, or give --binary")

    work = tempfile.mkdtemp(prefix="course-library-modes-")
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=repo, stdout=subprocess.PIPE, check=True).stdout
    roots = {}
    for mode in ("swiftpm", "built-in"):
        root = os.path.join(work, mode)
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(root)
        if mode == "built-in":
            os.remove(os.path.join(root, "course.yml"))
        roots[mode] = root
    print(f"course: {binary}\ncopies: {work}", flush=True)

    cold = {"swiftpm": [], "built-in": []}
    warm = {"swiftpm": [], "built-in": []}
    reports = {mode: os.path.join(work, f"{mode}.json") for mode in roots}
    for run in range(args.cold_runs):
        for mode in (("swiftpm", "built-in") if run % 2 == 0 else ("built-in", "swiftpm")):
            shutil.rmtree(os.path.join(roots[mode], ".build", "course"), ignore_errors=True)
            cold[mode].append(check(binary, roots[mode], reports[mode]))
            print(f"cold {mode}: library ready in {cold[mode][-1][1]} s, check {cold[mode][-1][0]:.1f} s", flush=True)
    for _ in range(args.warm_runs):
        for mode, root in roots.items():
            warm[mode].append(check(binary, root)[0])
    same = comparable(reports["swiftpm"]) == comparable(reports["built-in"])

    def coldMedian(mode, index):
        return statistics.median(run[index] for run in cold[mode])
    rows = [
        (f"cold library build, median of {args.cold_runs} (s)", coldMedian("swiftpm", 1), coldMedian("built-in", 1)),
        (f"cold check, median of {args.cold_runs} (s)", coldMedian("swiftpm", 0), coldMedian("built-in", 0)),
        (f"warm check, median of {args.warm_runs} (s)", statistics.median(warm["swiftpm"]), statistics.median(warm["built-in"])),
    ]
    print(f"\n| measure | SwiftPM (`libraries:`) | built-in | ratio |\n|---|---|---|---|")
    for name, swiftpm, builtin in rows:
        print(f"| {name} | {swiftpm:.2f} | {builtin:.2f} | {swiftpm / builtin:.2f} |")
    print(f"\nreports identical (every cell's verdict, output, diagnostics): {'yes' if same else 'NO'}")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if same else 1)

if __name__ == "__main__":
    main()
