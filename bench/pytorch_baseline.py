#!/usr/bin/env python3
"""PyTorch eager baseline for BENCHMARKS.md: the same MLP and CNN, data, batch and thread count
as bench/mnist-*-bench.json, in a plain PyTorch training loop. Prints training samples/s.

Run with Debian's python3-torch:  /usr/bin/python3 bench/pytorch_baseline.py mlp|cnn [--threads 2] [--epochs 3]
"""
import argparse
import gzip
import struct
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Dropout(0.1),
                             nn.Linear(128, 128), nn.ReLU(), nn.Dropout(0.1), nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 5 * 5, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, 10))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["mlp", "cnn"])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--train", type=int, default=8000, help="training samples (80%% of 10,000 as in the specs)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x = read_idx("sample-datasets/mnist/digits-images-idx3-ubyte.gz").astype(np.float32)[: a.train]
    y = read_idx("sample-datasets/mnist/digits-labels-idx1-ubyte.gz").astype(np.int64)[: a.train]
    x = (x - x.mean()) / x.std()
    xs = torch.from_numpy(x).unsqueeze(1)
    ys = torch.from_numpy(y)
    net = model(a.kind)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    rng = np.random.default_rng(42)
    best = 0.0
    for epoch in range(a.epochs):
        order = torch.from_numpy(rng.permutation(len(xs)))
        start = time.perf_counter()
        for s in range(0, len(xs), a.batch):
            idx = order[s:s + a.batch]
            opt.zero_grad()
            loss = loss_fn(net(xs[idx]), ys[idx])
            loss.backward()
            opt.step()
        rate = len(xs) / (time.perf_counter() - start)
        best = max(best, rate)
        print(f"epoch {epoch + 1}: {rate:.0f} samples/s")
    print(f"pytorch {torch.__version__} {a.kind} batch {a.batch} threads {a.threads}: {best:.0f} samples/s (best epoch)")


if __name__ == "__main__":
    main()
