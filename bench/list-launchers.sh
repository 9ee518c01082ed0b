#!/usr/bin/env bash
# `trainbench list` of a workspace as a user runs it: a new process each time, `./trainbench list`
# (the launcher's flags for a quick command and its class-data archive) and `java -jar
# target/trainbench.jar list` alternating, ROUNDS rounds; prints each time and the medians.
#   bash bench/list-launchers.sh WORKSPACE [ROUNDS]
# The workspace: `java -jar target/trainbench.jar bench list --runs 10000 --dir WORKSPACE`.
set -euo pipefail
cd "$(dirname "$0")/.."
ws=$1
rounds=${2:-7}
./trainbench list -w "$ws" >/dev/null # writes target/trainbench-cli.jsa when missing or older than the jar
java -jar target/trainbench.jar list -w "$ws" >/dev/null
launcher=()
plain=()
for i in $(seq "$rounds"); do
  for way in launcher plain; do
    if [ $way = launcher ]; then cmd=(./trainbench list -w "$ws"); else cmd=(java -jar target/trainbench.jar list -w "$ws"); fi
    t=$( { /usr/bin/time -f "%e %U %S" "${cmd[@]}" >/dev/null; } 2>&1 | tail -1)
    echo "  round $i $way: ${t% * *} s wall, cpu $(echo "$t" | awk '{printf "%.2f", $2 + $3}') s"
    if [ $way = launcher ]; then launcher+=("${t%% *}"); else plain+=("${t%% *}"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "list of $(ls "$ws/runs" | wc -l) runs, median of $rounds new processes: ./trainbench $(median "${launcher[@]}") s wall," \
  "java -jar $(median "${plain[@]}") s wall; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
