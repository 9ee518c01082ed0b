#!/usr/bin/env python3
"""Writes shipped MNIST digits as an image folder (one sub-folder per class, PNG files), to try
TrainBench's image-folder loader on real files:

    python3 scripts/export-digit-folder.py OUT_DIR [COUNT]

Standard library only (PNG written with zlib). COUNT defaults to 3000 (the first COUNT digits).
"""
import gzip
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
MNIST = os.path.join(HERE, "..", "sample-datasets", "mnist")


def read_idx(name):
    with gzip.open(os.path.join(MNIST, name), "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def png(width, height, pixels):
    def chunk(kind, body):
        c = struct.pack(">I", len(body)) + kind + body
        return c + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + pixels[r * width:(r + 1) * width] for r in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    (n, h, w), images = read_idx("digits-images-idx3-ubyte.gz")
    _, labels = read_idx("digits-labels-idx1-ubyte.gz")
    count = min(count, n)
    for i in range(count):
        folder = os.path.join(out, "digit-%d" % labels[i])
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "%05d.png" % i), "wb") as f:
            f.write(png(w, h, images[i * h * w:(i + 1) * h * w]))
    print("wrote %d PNG files to %s" % (count, out))


if __name__ == "__main__":
    main()
