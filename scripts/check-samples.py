#!/usr/bin/env python3
"""Independent check of sample-datasets/ (written separately from the Node.js
converter; uses only the Python standard library).

    python3 scripts/check-samples.py [--show N] [sample-datasets dir]

Checks the IDX headers, dimensions, label range, class counts, that the
labels are interleaved (not sorted), the Iris CSV, and that the sha256 sums
listed in sample-datasets/README.md match the files. Prints N digits
(default 3) as ASCII art. Exits non-zero on any failure.
"""
import argparse
import csv
import gzip
import hashlib
import os
import re
import struct
import sys
from collections import Counter

MNIST_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]
SPECIES = ["setosa", "versicolor", "virginica"]
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def read_gzip_strict(path):
    raw = open(path, "rb").read()
    check(raw[:3] == b"\x1f\x8b\x08", f"{path}: not gzip/deflate")
    check(raw[3] == 0, f"{path}: gzip flags {raw[3]} (file name/comment stored?)")
    check(struct.unpack("<I", raw[4:8])[0] == 0, f"{path}: gzip mtime is not 0")
    return gzip.decompress(raw)


def ascii_digit(img, rows=28, cols=28):
    shades = " .:-=+*#%@"
    out = []
    for r in range(rows):
        line = img[r * cols:(r + 1) * cols]
        out.append("".join(shades[min(9, b * 10 // 256)] * 2 for b in line).rstrip())
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sample-datasets"))
    ap.add_argument("--show", type=int, default=3)
    args = ap.parse_args()
    d = os.path.normpath(args.dir)

    # --- MNIST images
    img = read_gzip_strict(os.path.join(d, "mnist", "digits-images-idx3-ubyte.gz"))
    magic, n, rows, cols = struct.unpack(">IIII", img[:16])
    check(magic == 0x00000803, f"images magic {magic:#010x}")
    check((n, rows, cols) == (10000, 28, 28), f"images dims {(n, rows, cols)}")
    check(len(img) == 16 + n * rows * cols, f"images length {len(img)}")
    pix = img[16:]
    hist = Counter(pix)
    print(f"images: magic {magic:#010x}, dims {n}x{rows}x{cols}, {len(hist)} distinct grey levels, "
          f"min {min(pix)} max {max(pix)}, {hist[0] / len(pix):.1%} zero")
    check(len(hist) == 256, "expected all 256 grey levels to occur (real MNIST does)")
    # MNIST digits are centred: the 2-pixel border is (nearly) always background.
    border_ink = 0
    for k in range(n):
        im = pix[k * 784:(k + 1) * 784]
        if max(im) == 0:
            check(False, f"image {k} is blank")
        border_ink += sum(1 for r in range(28) for c in range(28)
                          if (r < 2 or r > 25 or c < 2 or c > 25) and im[r * 28 + c])
    print(f"ink pixels on the 2-pixel border over all images: {border_ink}")

    # --- MNIST labels
    lab = read_gzip_strict(os.path.join(d, "mnist", "digits-labels-idx1-ubyte.gz"))
    magic, m = struct.unpack(">II", lab[:8])
    check(magic == 0x00000801, f"labels magic {magic:#010x}")
    check(m == n and len(lab) == 8 + m, f"labels count {m}, length {len(lab)}")
    labels = lab[8:]
    check(max(labels) <= 9, "label out of 0..9")
    counts = [labels.count(c) for c in range(10)]
    print("labels: class counts", counts)
    check(counts == MNIST_COUNTS, f"class counts {counts}")
    check(list(labels) != sorted(labels), "labels are sorted")
    # Interleaving: every block of 1000 holds each class in roughly its share.
    worst = max(abs(labels[b:b + 1000].count(c) - MNIST_COUNTS[c] / 10)
                for b in range(0, n, 1000) for c in range(10))
    print(f"labels: first 30 {' '.join(map(str, labels[:30]))}; "
          f"worst per-1000-block deviation from proportion {worst:.1f}")
    check(worst <= 2, "classes not evenly interleaved")
    seen = set()
    for k in range(n):
        seen.add(hashlib.sha1(pix[k * 784:(k + 1) * 784]).digest())
    check(len(seen) == n, f"{n - len(seen)} duplicate images")

    for k in range(args.show):
        print(f"\nimage {k}, label {labels[k]}:")
        print(ascii_digit(pix[k * 784:(k + 1) * 784]))

    # --- Iris
    with open(os.path.join(d, "iris", "iris.csv"), newline="", encoding="utf-8") as fh:
        text = fh.read()
    check("\r" not in text and text.endswith("\n"), "iris.csv line endings")
    rows_ = list(csv.reader(text.splitlines()))
    check(rows_[0] == ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], f"iris header {rows_[0]}")
    data = rows_[1:]
    check(len(data) == 150, f"iris rows {len(data)}")
    for i, r in enumerate(data):
        check(len(r) == 5 and all(re.fullmatch(r"\d+\.\d", v) for v in r[:4]) and r[4] in SPECIES, f"iris row {i + 1}: {r}")
    sc = Counter(r[4] for r in data)
    print("\niris: rows", len(data), dict(sc), "| row 1:", ",".join(data[0]), "| row 150:", ",".join(data[-1]))
    check(all(sc[s] == 50 for s in SPECIES), f"iris species counts {sc}")
    check([r[4] for r in data] == [s for s in SPECIES for _ in range(50)], "iris not in setosa/versicolor/virginica blocks")
    check(data[34][:4] == ["4.9", "3.1", "1.5", "0.2"] and data[37][:4] == ["4.9", "3.6", "1.4", "0.1"], "iris rows 35/38 (Fisher values)")
    check(data[101] == data[142] == ["5.8", "2.7", "5.1", "1.9", "virginica"], "iris rows 102/143")
    sums = [round(sum(float(r[j]) for r in data), 1) for j in range(4)]
    print("iris: column sums", sums)
    check(sums == [876.5, 458.6, 563.7, 179.9], "iris column sums differ from Fisher's data")

    # --- README sha256 sums
    readme = open(os.path.join(d, "README.md"), encoding="utf-8").read()
    for rel in ["mnist/digits-images-idx3-ubyte.gz", "mnist/digits-labels-idx1-ubyte.gz", "iris/iris.csv"]:
        h = hashlib.sha256(open(os.path.join(d, rel), "rb").read()).hexdigest()
        check(f"`{rel}` | {os.path.getsize(os.path.join(d, rel)):,} | `{h}`" in readme, f"README lacks size/sha256 of {rel}")
    for rel, payload in [("mnist/digits-images-idx3-ubyte.gz", img), ("mnist/digits-labels-idx1-ubyte.gz", lab)]:
        check(hashlib.sha256(payload).hexdigest() in readme, f"README lacks payload sha256 of {rel}")
    for lic in ["mnist/LICENSE", "iris/LICENSE"]:
        check("MIT License" in open(os.path.join(d, lic), encoding="utf-8").read(), f"{lic} is not an MIT licence text")

    print("\n" + ("OK" if not failures else f"{len(failures)} FAILURE(S)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
