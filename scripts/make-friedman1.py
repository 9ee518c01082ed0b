#!/usr/bin/env python3
"""Writes examples/data/friedman1.csv: Friedman's first regression problem (J. H. Friedman, "Multivariate
adaptive regression splines", Annals of Statistics 19(1), 1991): ten features uniform in [0, 1], of which
only the first five matter,

    y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + N(0, 1),

1,000 rows, seeded: the same file every time. Generated, so no licence beyond the project's.
    python3 scripts/make-friedman1.py
"""
import math
import os
import random

rng = random.Random(1991)
out = os.path.join(os.path.dirname(__file__), "..", "examples", "data", "friedman1.csv")
with open(out, "w", newline="\n") as f:
    f.write(",".join(f"x{j}" for j in range(10)) + ",y\n")
    for _ in range(1000):
        x = [rng.random() for _ in range(10)]
        y = 10 * math.sin(math.pi * x[0] * x[1]) + 20 * (x[2] - 0.5) ** 2 + 10 * x[3] + 5 * x[4] + rng.gauss(0, 1)
        f.write(",".join(f"{v:.4f}" for v in x) + f",{y:.4f}\n")
print("wrote", os.path.normpath(out))
