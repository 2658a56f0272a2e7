#!/usr/bin/env python3
"""Measures the runner on the real course, in one run, against references measured the same way.

  (a) an unchanged course re-checked                       goal <= 0.3 s
  (b) one lesson edited and re-checked, against the bare
      `swiftc` compile of its generated source + its run     goal <= 1.2x
  (c) the whole course cold (library cached), against one
      program per cell as mdBook/rustdoc do                   goal >= 10x faster
  (d) rendering the site from cached outputs                  goal <= 0.5 s

Usage: Benchmarks/Runner/bench_runner.py [--repeats N] [--course PATH] [--binary PATH]
Builds `course` in release mode unless --binary is given. Works on a copy of the course in a
temporary folder, so the author's lessons and caches are never touched.
"""
import argparse, concurrent.futures, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

def timed(command, cwd, env=None):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}")
    return elapsed

def median(values):
    return statistics.median(values)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--course", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    parser.add_argument("--binary")
    args = parser.parse_args()
    repo = os.path.abspath(args.course)

    binary = args.binary
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "--product", "course"], cwd=repo, check=True,
                       stdout=subprocess.DEVNULL)
        binary = os.path.join(repo, ".build", "release", "course")
    binary = os.path.abspath(binary)

    work = tempfile.mkdtemp(prefix="course-bench-")
    shutil.copytree(os.path.join(repo, "Lessons"), os.path.join(work, "Lessons"))
    os.symlink(os.path.join(repo, "Sources"), os.path.join(work, "Sources"))
    if os.path.isdir(os.path.join(repo, "Site")):
        os.symlink(os.path.join(repo, "Site"), os.path.join(work, "Site"))
    env = dict(os.environ, CI="1")
    check = [binary, "check", "--quiet", "--color", "never", "--root", work]

    print(f"course: {binary}\ncopy of the course: {work}\nwarming the library cache...", flush=True)
    timed(check, work, env)
    rows = []

    # (a) unchanged course, re-checked
    a = median([timed(check, work, env) for _ in range(args.repeats)])
    rows.append(("(a) unchanged course re-checked", a, None, "<= 0.3 s", a <= 0.3))

    # (b) one lesson edited: the largest lesson gets a new comment in its last cell each time
    lessons = sorted(f for f in os.listdir(os.path.join(work, "Lessons")) if re.match(r"\d+-.*\.md$", f))
    largest = max(lessons, key=lambda f: os.path.getsize(os.path.join(work, "Lessons", f)))
    path = os.path.join(work, "Lessons", largest)
    original = open(path).read()
    ours, reference = [], []
    for i in range(args.repeats):
        edited = re.sub(r"(```swift[^\n]*\n)(?![\s\S]*```swift)", lambda m: m.group(1) + f"// edit {i} {time.time()}\n", original, count=1)
        open(path, "w").write(edited)
        ours.append(timed(check + [largest], work, env))
        program = newest_program(work)
        command = open(os.path.join(program, "command.txt")).read().split("\n")
        scratch = tempfile.mkdtemp(prefix="course-bench-swiftc-")
        shutil.copy(os.path.join(program, "main.swift"), scratch)
        start = time.perf_counter()
        subprocess.run(command, cwd=scratch, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([os.path.join(scratch, "lesson")], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(env, OPENBLAS_NUM_THREADS="1"))
        reference.append(time.perf_counter() - start)
        shutil.rmtree(scratch)
    open(path, "w").write(original)
    b, b_ref = median(ours), median(reference)
    rows.append((f"(b) {largest} edited, re-checked", b, b_ref, "<= 1.2x swiftc + run", b / b_ref <= 1.2))

    # (c) the whole course cold, library cached; reference: one program per cell (cells 1..k each)
    shutil.rmtree(os.path.join(work, ".build", "course", "programs"), ignore_errors=True)
    c = median([timed(check + ["--no-cache"], work, env) for _ in range(max(1, args.repeats // 2))])
    jobs = os.cpu_count() or 1
    programs = []
    for program in all_programs(work):
        source = open(os.path.join(program, "main.swift")).read()
        command = open(os.path.join(program, "command.txt")).read().split("\n")
        parts = re.split(r"(?=^(?:_CourseCell\.begin\(|if _CourseCell\.beginTrapping\())", source, flags=re.M)
        prelude, cells = parts[0], parts[1:]
        for k in range(1, len(cells) + 1):
            programs.append((prelude + "".join(cells[:k]).replace("_CourseCell.end()\n", "") + "_CourseCell.end()\n", command))
    def compile_and_run(item):
        source, command = item
        scratch = tempfile.mkdtemp(prefix="course-bench-cell-")
        open(os.path.join(scratch, "main.swift"), "w").write(source)
        subprocess.run(command, cwd=scratch, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([os.path.join(scratch, "lesson")], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(env, OPENBLAS_NUM_THREADS="1"))
        shutil.rmtree(scratch)
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(compile_and_run, programs))
    c_ref = time.perf_counter() - start
    rows.append((f"(c) whole course cold ({len(programs)} cells)", c, c_ref, ">= 10x faster", c_ref / c >= 10))

    # (d) the site from cached outputs
    help_text = subprocess.run([binary, "--help"], stdout=subprocess.PIPE, text=True).stdout
    if re.search(r"^\s+build\b", help_text, re.M):
        site = os.path.join(work, "_site")
        build = [binary, "build", "--root", work, "--output", site]
        timed(build, work, env)
        d = median([timed(build, work, env) for _ in range(args.repeats)])
        rows.append(("(d) site rendered from cached outputs", d, None, "<= 0.5 s", d <= 0.5))

    print(f"\nmedian of {args.repeats} runs; {jobs} cores\n")
    print(f"{'measurement':<48} {'course':>9} {'reference':>10} {'ratio':>7}  goal")
    for name, ours_, ref, goal, ok in rows:
        ratio = f"{ours_ / ref:.2f}x" if ref else ""
        if ref and "faster" in goal:
            ratio = f"{ref / ours_:.1f}x"
        print(f"{name:<48} {ours_:>8.3f}s {(f'{ref:.3f}s' if ref else ''):>10} {ratio:>7}  {goal} {'ok' if ok else 'MISSED'}")
    shutil.rmtree(work)

def newest_program(root):
    folder = os.path.join(root, ".build", "course", "programs")
    candidates = [os.path.join(folder, f) for f in os.listdir(folder) if not f.startswith(".")]
    return max(candidates, key=os.path.getmtime)

def all_programs(root):
    folder = os.path.join(root, ".build", "course", "programs")
    return [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if not f.startswith(".")]

if __name__ == "__main__":
    main()
