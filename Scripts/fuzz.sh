#!/usr/bin/env bash
# Fuzzes the lesson parser, the output matcher and the math renderer with libFuzzer, each for a
# bounded time, and reports executions and crashes per target.
#
#   Scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]     (default: 60 s; every target)
#
# Targets: FuzzLessonParser, FuzzOutputMatcher, FuzzMathRenderer (Fuzz/<Target>/main.swift; the
# properties they check are in Fuzz/Properties). Builds into .build-fuzz (release, with
# `--sanitize fuzzer`), grows a working corpus in .build-fuzz/corpus/<Target> seeded from
# Fuzz/Corpus/<Target>, writes failing inputs to .build-fuzz/crashes/<Target>/ and exits 1 if
# any target failed. To keep a failing input as a regression test, copy it to
# Tests/Fixtures/fuzz-regressions/<Target>/ (Tests/FuzzRegressionTests replays those).
# A plain build's Fuzz* executables replay files: `swift run FuzzLessonParser FILE...`.
#
# Environment: FUZZ_JOBS (parallel fuzzing processes per target, default 1), FUZZ_FLAGS (more
# libFuzzer flags, e.g. -seed=1).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzLessonParser FuzzOutputMatcher FuzzMathRenderer)
case "$seconds" in ''|*[!0-9]*) echo "usage: Scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]" >&2; exit 2 ;; esac

scratch=.build-fuzz
build=(swift build --scratch-path "$scratch" -c release --sanitize fuzzer
       -Xswiftc -DFUZZING -Xswiftc -parse-as-library)
for target in "${targets[@]}"; do
  [ -d "Fuzz/$target" ] || { echo "unknown target $target" >&2; exit 2; }
  echo "Building $target"
  "${build[@]}" --product "$target" 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -3
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build of $target failed" >&2; exit 1; }
done
bin=$("${build[@]}" --show-bin-path)

status=0
summary=()
for target in "${targets[@]}"; do
  corpus=$scratch/corpus/$target
  crashes=$scratch/crashes/$target
  log=$scratch/logs/$target.log
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  cp -n Fuzz/Corpus/"$target"/* "$corpus"/ 2>/dev/null || true
  before=$(find "$crashes" -type f | wc -l)
  touch "$log.start"
  dict=()
  [ -f "Fuzz/$target.dict" ] && dict=(-dict="Fuzz/$target.dict")
  echo "Fuzzing $target for $seconds s (log: $log)"
  # -fork keeps going after a failure (each crash is saved) until the time is up; the
  # Swift backtracer is off so that a failing input costs milliseconds, not seconds.
  set +e
  SWIFT_BACKTRACE=enable=no "$bin/$target" "$corpus" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 -fork="${FUZZ_JOBS:-1}" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="$crashes/" ${FUZZ_FLAGS:-} >"$log" 2>&1
  exit_code=$?
  set -e
  # In fork mode libFuzzer prints its totals on the last status line: "#N ... DONE"/"#N ...".
  # Fork mode: the parent's last "#N:" status line counts the units its jobs executed; without
  # fork, -print_final_stats=1 prints stat::number_of_executed_units.
  executions=$( { grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" || true; } | grep -Eo '[0-9]+$' | tail -1 || true)
  [ -n "$executions" ] || executions=$( { grep -Eo '^#[0-9]+' "$log" || true; } | tail -1 | tr -d '#')
  after=$(find "$crashes" -type f | wc -l)
  found=$((after - before))
  line="$target: ${executions:-0} executions, $found new failing inputs ($after in $crashes)"
  if [ "$found" -gt 0 ]; then
    status=1
    line+=": $(find "$crashes" -type f -newer "$log.start" 2>/dev/null | head -3 | tr '\n' ' ')"
  fi
  [ "$exit_code" -eq 0 ] || [ "$found" -gt 0 ] || { status=1; line+=" (libFuzzer exited with $exit_code, see $log)"; }
  summary+=("$line")
  echo "$(date -u +%FT%TZ) $seconds s $line" >> "$scratch/history.txt"  # totals across runs
done

echo
printf '%s\n' "${summary[@]}"
exit $status
