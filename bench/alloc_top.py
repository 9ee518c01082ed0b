"""Sums jdk.ObjectAllocationSample weights of the training loop (stacks through TrainingLoop$Epochs.runAll,
steps, listeners and validation) by the first non-JDK frame (see alloc-profile.sh)."""
import collections
import json
import sys

JDK = ("java/", "jdk/", "sun/", "com/sun/", "java.", "jdk.", "sun.", "com.sun.")
LOOP = "TrainingLoop$Epochs.runAll"
events = json.load(open(sys.argv[1]))["recording"]["events"]
by_site = collections.Counter()
by_type = collections.Counter()
by_part = collections.Counter()
PARTS = [("TrainingStep.run", "training step"), ("onStep", "step listeners"), ("Evaluation.", "validation"),
         ("onEpochEnd", "epoch listeners")]
total = 0
for e in events:
    v = e["values"]
    if (v.get("eventThread") or {}).get("javaName") != "main":
        continue
    w = v["weight"]
    frames = (v.get("stackTrace") or {}).get("frames") or []
    if not any(LOOP in f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames):
        continue  # data loading, model building, JFR itself: not the loop
    total += w
    site = "?"
    for f in frames:
        m = f["method"]
        name = m["type"]["name"] + "." + m["name"]
        if not name.startswith(JDK):
            site = name + ":" + str(f.get("lineNumber"))
            break
    by_site[site] += w
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    part = "loop itself"
    for key, label in PARTS:
        if any(key in n for n in names):
            part = label
            break
    by_part[part] += w
    by_type[v["objectClass"]["name"]] += w
print(f"sampled allocation weight inside the training loop: {total / 1e6:.1f} MB")
for part, w in by_part.most_common():
    print(f"{100 * w / total:5.1f} %  {w / 1e6:8.1f} MB  {part}")
print("by first frame outside the JDK:")
for site, w in by_site.most_common(25):
    print(f"{100 * w / total:5.1f} %  {w / 1e6:8.1f} MB  {site}")
print("by type:")
for t, w in by_type.most_common(12):
    print(f"{100 * w / total:5.1f} %  {w / 1e6:8.1f} MB  {t}")
