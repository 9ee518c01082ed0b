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
echo "## overhead vs a bare DJL loop"
for t in 1 2; do
  for spec in bench/mnist-mlp-bench.json bench/mnist-cnn-bench.json; do
    java -jar $jar bench overhead "$spec" --threads $t --rounds 5 2>/dev/null | sed "s/^/threads $t: /"
  done
done
echo "## PyTorch eager (Debian python3-torch), same models, batch 64"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  for t in 1 2; do
    for m in mlp cnn; do /usr/bin/python3 bench/pytorch_baseline.py $m --threads $t | tail -1; done
  done
else
  echo "python3-torch not installed (apt-get install python3-torch)"
fi
echo "## memory"
java -jar $jar bench memory examples/mnist-mlp.json --epochs 20 2>/dev/null
java -Xms320m -XX:+AlwaysPreTouch -jar $jar bench memory examples/mnist-mlp.json --epochs 20 2>/dev/null | sed 's/^/-Xms320m -XX:+AlwaysPreTouch: /'
echo "## startup"
java -jar $jar bench startup examples/mnist-cnn.json 2>/dev/null
echo "## data fingerprint (cost against loading the same data)"
java -jar $jar bench fingerprint examples/mnist-mlp.json --rounds 5 2>/dev/null
folder=$(mktemp -d)
python3 scripts/export-digit-folder.py "$folder/digits" 3000 >/dev/null
printf '{"name": "digits-folder", "data": {"source": "images", "path": "%s"}, "model": {"layers": []}}' "$folder/digits" > "$folder/spec.json"
java -jar $jar bench fingerprint "$folder/spec.json" --rounds 5 2>/dev/null
rm -rf "$folder"
rm -rf "$ws"
