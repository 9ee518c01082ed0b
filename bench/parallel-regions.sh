#!/usr/bin/env bash
# How many OpenMP parallel regions (each ending in a barrier) one training step enters, bare DJL loop
# against TrainBench's: libgomp's GOMP_parallel is counted by a small preloaded library (needs gcc)
# that forwards every call to libtorch's own libgomp.
#   bash bench/parallel-regions.sh [JAR] [SPEC] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-target/trainbench.jar}
spec=${2:-bench/mnist-mlp-bench.json}
threads=${3:-2}
if ! command -v gcc >/dev/null; then
  echo "parallel regions: not measured (gcc is not installed)"
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -shared -fPIC -O2 -o "$out/gomp_count.so" bench/parallel-regions/gomp_count.c \
    -Wl,--version-script=bench/parallel-regions/gomp_count.map -ldl
LD_PRELOAD="$out/gomp_count.so" java -cp "$jar" bench/parallel-regions/ParallelRegions.java "$spec" "$threads" \
    "$out/gomp_count.so" 2>/dev/null
