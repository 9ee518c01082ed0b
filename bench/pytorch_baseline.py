#!/usr/bin/env python3
"""PyTorch eager baseline for BENCHMARKS.md.

Throughput: the same MLP and CNN, data, batch and thread count as bench/mnist-*-bench.json, in a
plain PyTorch training loop. Prints training samples/s.
    /usr/bin/python3 bench/pytorch_baseline.py mlp|cnn [--threads 2] [--epochs 3]

Accuracy parity: the models, data, preprocessing, optimizer, batch and epochs of
bench/parity/fashion-*.json (data from scripts/convert-fashion-mnist.sh); prints one JSON line with
the test accuracy of the last epoch. --init torch is PyTorch's default (Kaiming-uniform a=sqrt(5),
uniform bias); --init he is TrainBench's "he" (N(0, 2/fan_in) weights, output layer N(0, 0.01^2),
zero biases).
    /usr/bin/python3 bench/pytorch_baseline.py parity mlp|lenet --seed 1 [--init torch|he] [--threads 2]
"""
import json
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


def parity_model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def he_like_trainbench(net):
    layers = [m for m in net.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]
    for i, m in enumerate(layers):
        fan_in = m.weight[0].numel()
        std = 0.01 if i == len(layers) - 1 else (2.0 / fan_in) ** 0.5
        nn.init.normal_(m.weight, 0.0, std)
        nn.init.zeros_(m.bias)


def parity(argv):
    p = argparse.ArgumentParser(prog="pytorch_baseline.py parity")
    p.add_argument("kind", choices=["mlp", "lenet"])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--init", choices=["torch", "he"], default="torch")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--data", default="bench/parity/data")
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = read_idx(f"{a.data}/train-images-idx3-ubyte.gz").astype(np.float32)
    y = read_idx(f"{a.data}/train-labels-idx1-ubyte.gz").astype(np.int64)
    tx = read_idx(f"{a.data}/t10k-images-idx3-ubyte.gz").astype(np.float32)
    ty = read_idx(f"{a.data}/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    # min-max fitted on the training data, as TrainBench's "minmax" (here: /255)
    lo, hi = x.min(), x.max()
    x = (x - lo) / (hi - lo)
    tx = (tx - lo) / (hi - lo)
    xs, ys = torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)
    txs, tys = torch.from_numpy(tx).unsqueeze(1), torch.from_numpy(ty)
    net = parity_model(a.kind)
    if a.init == "he":
        he_like_trainbench(net)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(a.seed)
    start = time.perf_counter()
    for epoch in range(a.epochs):
        net.train()
        order = torch.randperm(len(xs), generator=gen)
        total = 0.0
        for s in range(0, len(xs), a.batch):
            idx = order[s:s + a.batch]
            opt.zero_grad()
            loss = loss_fn(net(xs[idx]), ys[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch + 1}: train loss {total / len(xs):.4f}", flush=True)
    net.eval()
    with torch.no_grad():
        correct = sum((net(txs[s:s + 1000]).argmax(1) == tys[s:s + 1000]).sum().item() for s in range(0, len(txs), 1000))
    print(json.dumps({"framework": f"pytorch {torch.__version__}", "model": a.kind, "init": a.init, "seed": a.seed,
                      "train": len(xs), "test": len(txs), "testAccuracy": correct / len(txs),
                      "wallSeconds": round(time.perf_counter() - start, 1)}))


def main():
    import sys
    if len(sys.argv) > 1 and sys.argv[1] == "parity":
        parity(sys.argv[2:])
        return
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
