#!/usr/bin/env bash
# Where the trainer thread's per-step garbage comes from, by Java Flight Recorder's allocation samples:
#   bash bench/alloc-profile.sh [JAR] [SPEC] [EPOCHS]
# Runs `bench memory` under JFR (plain JVM flags) and prints the sampled allocation weight of the
# training loop (stacks through TrainingLoop$Epochs.runAll: steps, listeners, validation), grouped by
# the first frame outside the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-target/trainbench.jar}
spec=${2:-examples/mnist-mlp.json}
epochs=${3:-6}
out=$(mktemp -d)
java -XX:StartFlightRecording=filename="$out/rec.jfr",settings=profile -jar "$jar" bench memory "$spec" --epochs "$epochs" 2>/dev/null | grep '^memory'
jfr print --json --events jdk.ObjectAllocationSample --stack-depth 64 "$out/rec.jfr" > "$out/alloc.json"
python3 bench/alloc_top.py "$out/alloc.json"
rm -rf "$out"
