#!/usr/bin/env bash
# Builds the benchmark at -O for this machine's CPU (as the course runner builds the library
# for lessons) and runs it, with PyTorch and numpy measured in the same run.
# Needs python3 with numpy and torch (pip install torch==2.13.0+cpu).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
swift build -c release --product Benchmarks -Xswiftc -target-cpu -Xswiftc "${TARGET_CPU:-native}"
"$(swift build -c release --show-bin-path)/Benchmarks" "$@"
