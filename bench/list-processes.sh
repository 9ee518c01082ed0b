#!/usr/bin/env bash
# `trainbench list` as a user runs it (a new JVM each time) on a workspace of synthetic runs, one
# build before and one after a change to listing, alternating the builds each round so both see
# the same machine load.
#   bash bench/list-processes.sh CLASSPATH_BEFORE CLASSPATH_AFTER WORKSPACE [ROUNDS]
# A class path is a jar (target/trainbench.jar) or target/classes:<dependencies>. Make the workspace
# first with `java -jar target/trainbench.jar bench list --runs 10000 --dir WORKSPACE`. The build
# before lists a hard-linked copy of it (the same run.json files, so the same stamps): each build
# keeps its own run index, as two versions of the index would otherwise rebuild each other's.
# Prints, per round, wall-clock seconds and the process's CPU seconds (user + sys, all threads: the
# JIT compiler's and the GC's included) of: the build before, the build after with its index in
# place, the build after with the index deleted first (it reads every run.json and writes the
# index), an empty workspace (the JVM's start-up and the CLI: the floor under all three), then the
# listing alone in a new JVM (bench/ListCpu.java: its thread's CPU, first list and again).
set -euo pipefail
before=$1 after=$2 ws=$3 rounds=${4:-5}
empty=$(mktemp -d)
copy=$(mktemp -d)
trap 'rm -rf "$empty" "$copy"' EXIT
cp -al "$ws/runs" "$copy/runs"
run() { # label classpath workspace: the whole `trainbench list` process (all its threads' CPU)
    /usr/bin/time -f "$1 %e s wall, %U+%S s cpu" java -cp "$2" dev.trainbench.cli.Cli list -w "$3" >/dev/null
}
inproc() { # label classpath workspace: the listing alone, first in a new JVM and again (bench/ListCpu.java)
    echo "$1 $(java -cp "$2" bench/ListCpu.java "$3")"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(ls "$ws/runs" | wc -l) runs"
java -cp "$before" dev.trainbench.cli.Cli list -w "$copy" >/dev/null # each build's index in place before round 1
java -cp "$after" dev.trainbench.cli.Cli list -w "$ws" >/dev/null
for r in $(seq 1 "$rounds"); do
    echo "round $r (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    run "  before (its index)         " "$before" "$copy"
    run "  after (index in place)     " "$after" "$ws"
    run "  empty workspace            " "$after" "$empty"
    inproc "  list before                " "$before" "$copy"
    inproc "  list after (index)         " "$after" "$ws"
done 2>&1
rm -f "$ws/runs-index.json"
run "after (index missing, rebuilt)" "$after" "$ws" 2>&1
