#!/usr/bin/env bash
# `trainbench list` as a user runs it (a new JVM each time) on a workspace of synthetic runs, before
# and after the run index, alternating the builds each round so both see the same machine load.
#   bash bench/list-processes.sh CLASSPATH_BEFORE CLASSPATH_AFTER WORKSPACE [ROUNDS]
# A class path is a jar (target/trainbench.jar) or target/classes:<dependencies>. Make the workspace
# first with `java -jar target/trainbench.jar bench list --runs 10000 --dir WORKSPACE`. Prints, per
# round, wall-clock seconds and the process's CPU seconds (user + sys, all threads) of: the build
# before (reads every run.json), the build after with the index in place, and the build after with
# the index deleted first (it reads every run.json and writes the index); then an empty workspace
# (the JVM's own start-up and the CLI, the floor under all three).
set -euo pipefail
before=$1 after=$2 ws=$3 rounds=${4:-5}
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
run() { # label classpath workspace: the whole `trainbench list` process (all its threads' CPU)
    /usr/bin/time -f "$1 %e s wall, %U+%S s cpu" java -cp "$2" dev.trainbench.cli.Cli list -w "$3" >/dev/null
}
inproc() { # label classpath workspace: RunStore.list() alone, first in a new JVM and again (bench/ListCpu.java)
    echo "$1 $(java -cp "$2" bench/ListCpu.java "$3")"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(ls "$ws/runs" | wc -l) runs"
java -cp "$after" dev.trainbench.cli.Cli list -w "$ws" >/dev/null # the index in place before round 1
for r in $(seq 1 "$rounds"); do
    echo "round $r"
    run "  before (no index)          " "$before" "$ws"
    run "  after (index in place)     " "$after" "$ws"
    rm -f "$ws/runs-index.json"
    run "  after (index missing)      " "$after" "$ws"
    run "  empty workspace            " "$after" "$empty"
    inproc "  list() before              " "$before" "$ws"
    inproc "  list() after (index)       " "$after" "$ws"
done 2>&1
