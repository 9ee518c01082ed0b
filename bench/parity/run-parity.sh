#!/usr/bin/env bash
# Accuracy parity with PyTorch (BENCHMARKS.md): the two models of bench/parity/ in TrainBench and in a
# plain PyTorch loop (Debian's python3-torch), 3 seeds each, same data, preprocessing, optimizer,
# batch and epochs. One JSON line per run. Run from the repository root after
#   bash scripts/convert-fashion-mnist.sh && mvn -B package -DskipTests
#   bash bench/parity/run-parity.sh [JAR] 2>&1 | tee bench/parity/last-run.txt
set -uo pipefail
cd "$(dirname "$0")/../.."
jar="${1:-target/trainbench.jar}"
ws=$(mktemp -d)
seeds="${SEEDS:-1 2 3}"
models="${MODELS:-mlp lenet}"
echo "# $(date -u +%FT%TZ) $(nproc) cores; TrainBench $jar; $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)')"
for m in $models; do
  for s in $seeds; do
    java -jar "$jar" run "bench/parity/fashion-$m.json" --seed "$s" --threads 2 --test --json -q -w "$ws" \
      | tail -1 | sed "s/^/trainbench $m seed $s: /"
    for init in ${INITS:-torch he}; do
      /usr/bin/python3 bench/pytorch_baseline.py parity "$m" --seed "$s" --init "$init" --threads 2 | tail -1 \
        | sed "s/^/pytorch-$init $m seed $s: /"
    done
  done
done
