#!/usr/bin/env python3
"""Runs every lesson of examples/lessons/ (both specs, one after the other) through the command line
and checks that the failing run is diagnosed with the lesson's rule and the fixed run has no
warning-level finding. Prints one line per run with its wall time, status and findings, and the
time of each pair. Usage: scripts/check-lessons.py [--jar target/trainbench.jar] [--only ID] [--epochs N]

Exit 0 when every lesson behaves, 1 otherwise. Nothing is kept: runs go to a temporary workspace.
"""
import argparse, json, os, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
p = argparse.ArgumentParser()
p.add_argument("--jar", default=os.path.join(root, "target", "trainbench.jar"))
p.add_argument("--only", action="append")
p.add_argument("--epochs", type=int, help="override every spec's epochs (a quick look, not the lesson)")
p.add_argument("--threads", type=int)
args = p.parse_args()

lessons = json.load(open(os.path.join(root, "examples", "lessons", "lessons.json")))["lessons"]
ws = tempfile.mkdtemp(prefix="trainbench-lessons-")
ok = True


def run(spec):
    cmd = ["java", "-jar", args.jar, "run", os.path.join(root, "examples", "lessons", spec),
           "--json", "-q", "-w", ws]
    if args.epochs:
        cmd += ["--epochs", str(args.epochs)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    t0 = time.time()
    cpu0 = os.times()
    out = subprocess.run(cmd, capture_output=True, text=True)
    cpu1 = os.times()
    wall = time.time() - t0
    cpu = (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
    line = json.loads(out.stdout.strip().splitlines()[-1])
    return line, wall, cpu, out.returncode


for lesson in lessons:
    if args.only and lesson["id"] not in args.only:
        continue
    pair_wall = 0
    pair_cpu = 0
    for role in ("failing", "fixed"):
        line, wall, cpu, code = run(lesson[role])
        pair_wall += wall
        pair_cpu += cpu
        rules = [f["rule"] + ":" + f["severity"] for f in line["findings"]]
        warned = [f["rule"] for f in line["findings"] if f["severity"] in ("warning", "error")]
        if role == "failing":
            good = lesson["rule"] in warned
        else:
            good = not warned
        ok &= good
        acc = line.get("bestValidationAccuracy")
        print("%-18s %-7s %5.1f s wall %5.1f s cpu  exit %d  %-9s val acc %s  findings %s  %s" % (
            lesson["id"], role, wall, cpu, code, line["status"], "-" if acc is None else "%.1f%%" % (100 * acc),
            rules or "none", "OK" if good else "UNEXPECTED"), flush=True)
    print("%-18s pair    %5.1f s wall %5.1f s cpu" % (lesson["id"], pair_wall, pair_cpu), flush=True)
sys.exit(0 if ok else 1)
