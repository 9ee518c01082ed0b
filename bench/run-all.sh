#!/usr/bin/env bash
# Reproduces the numbers in BENCHMARKS.md (CPU). Run from the repository root on a quiet machine:
#   bash bench/run-all.sh 2>&1 | tee bench/last-run.txt
# Needs the jar (mvn -B package -DskipTests) and, for the PyTorch comparison, Debian's python3-torch.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=target/trainbench.jar
ws=$(mktemp -d)
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "## accuracy (held-back test split)"
for spec in examples/mnist-mlp.json examples/mnist-cnn.json examples/spiral-mlp.json; do
  java -jar $jar run "$spec" --test --json -q -w "$ws" | tail -1
done
echo "## overhead vs a bare DJL loop (quiet, then beside one busy process pinned to core 0; 15 ABBA rounds,"
echo "## the MLP also interleaved step by step); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
for load in 0 1; do
  for t in 1 2; do
    java -jar $jar bench overhead bench/mnist-mlp-bench.json --threads $t --load $load --interleave 2>/dev/null
    java -jar $jar bench overhead bench/mnist-cnn-bench.json --threads $t --load $load 2>/dev/null
  done
done
echo "## OpenMP parallel regions (barriers) per step, bare DJL vs TrainBench (libtorch threads 2)"
for spec in bench/mnist-mlp-bench.json bench/mnist-cnn-bench.json; do
  bash bench/parallel-regions.sh $jar "$spec" 2
done
echo "## PyTorch eager (Debian python3-torch), same models, batch 64"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  for t in 1 2; do
    for m in mlp cnn; do /usr/bin/python3 bench/pytorch_baseline.py $m --threads $t | tail -1; done
  done
else
  echo "python3-torch not installed (apt-get install python3-torch)"
fi
echo "## memory (plain java -jar: no JVM flags)"
java -jar $jar bench memory examples/mnist-mlp.json --epochs 20 2>/dev/null
echo "## where the loop's remaining allocation comes from (JFR allocation samples)"
bash bench/alloc-profile.sh $jar examples/mnist-mlp.json 4
echo "## startup (first step; launch to the mapped window under Xvfb, java -jar and ./trainbench alternating)"
java -jar $jar bench startup examples/mnist-cnn.json --rounds 5 2>/dev/null
echo "## data fingerprint (cost against loading the same data)"
java -jar $jar bench fingerprint examples/mnist-mlp.json --rounds 5 2>/dev/null
folder=$(mktemp -d)
python3 scripts/export-digit-folder.py "$folder/digits" 3000 >/dev/null
printf '{"name": "digits-folder", "data": {"source": "images", "path": "%s"}, "model": {"layers": []}}' "$folder/digits" > "$folder/spec.json"
java -jar $jar bench fingerprint "$folder/spec.json" --rounds 5 2>/dev/null
rm -rf "$folder"
echo "## long run: 1,000,000 steps of a tiny MLP in the GUI (own Xvfb), live chart frame times and RSS; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar $jar bench long bench/long-run.json --steps 1000000 2>/dev/null
echo "## list: 10,000 synthetic runs (in one JVM; bench/list-processes.sh times new processes, before/after)"
java -jar $jar bench list --runs 10000 --dir "$ws/list" 2>/dev/null
echo "## list as a user runs it: new processes, ./trainbench and java -jar alternating"
bash bench/list-launchers.sh "$ws/list" 7
rm -rf "$ws"
