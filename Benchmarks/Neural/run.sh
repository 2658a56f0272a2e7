#!/usr/bin/env bash
# Builds the benchmark with a plain `swift build -c release` (as a package that depends on
# Neural builds it: no CPU flags; the matrix kernel picks AVX2+FMA at run time) and runs it,
# with PyTorch and numpy measured in the same run.
#   TARGET_CPU=native Benchmarks/Neural/run.sh   builds for this CPU, as the course runner
#                                                builds the library for lessons.
# Needs python3 with numpy and torch (pip install torch==2.13.0+cpu).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
flags=()
if [ -n "${TARGET_CPU:-}" ]; then flags=(-Xswiftc -target-cpu -Xswiftc "$TARGET_CPU"); fi
build=(swift build -c release --product Benchmarks ${flags[@]+"${flags[@]}"})
"${build[@]}"
"$("${build[@]}" --show-bin-path)/Benchmarks" "$@"
