#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for trying and testing `trainbench sweep --executor slurm`
# (docs: ../README.md, "Beyond one machine"; facts behind it: SLURM-NOTES in the design notes).
#
#   scripts/slurm-local.sh start    install slurm-wlm and munge if missing (apt-get, as root), write a
#                                   one-node slurm.conf from hostname, nproc and the memory, start munged,
#                                   slurmctld and slurmd, wait until the node is idle
#   scripts/slurm-local.sh stop [NAME...]
#                                   stop the daemons this script started (never others); with names
#                                   (munged, slurmctld, slurmd), only those of them
#   scripts/slurm-local.sh status   whether a cluster answers here, and which daemons this script started
#
# Reuses what already runs: a working munge and a controller that answers are kept as they are.
# The daemons keep running after `start` returns (Slurm's daemons detach); `stop` ends only those
# whose PIDs this script recorded in $STATE_DIR. Exits non-zero with the reason when the cluster
# cannot start (not root, no apt-get, a daemon that dies: its log's last lines are printed).
set -euo pipefail

STATE_DIR=${TRAINBENCH_SLURM_STATE:-/run/trainbench-slurm}
CONF=/etc/slurm/slurm.conf
MARK="# written by TrainBench scripts/slurm-local.sh"
LOG_DIR=/var/log/slurm
WAIT_S=${TRAINBENCH_SLURM_WAIT:-60}

say() { echo "slurm-local: $*" >&2; }
fail() { say "cannot start the cluster: $*"; exit 1; }

cluster_idle() {
    # a node in state idle (or mixed/allocated: busy but up) in some partition
    local states
    states=$(timeout 10 sinfo -h -o '%T' 2>/dev/null) || return 1
    grep -Eq '^(idle|mixed|allocated|completing)' <<<"$states"
}

munge_works() {
    command -v munge >/dev/null 2>&1 && command -v unmunge >/dev/null 2>&1 \
        && munge -n 2>/dev/null | unmunge 2>/dev/null | grep -q 'STATUS: *Success'
}

# pid of a daemon started by this script, if it still runs as that program
our_pid() {
    local name=$1 file="$STATE_DIR/$1.pid" pid
    [ -f "$file" ] || return 1
    pid=$(cat "$file")
    [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$name" ] && echo "$pid"
}

# the pid of a running program by exact name (from the daemon's own pid file, else /proc)
running_pid() {
    local name=$1 pidfile=$2 pid
    if [ -n "$pidfile" ] && [ -f "$pidfile" ]; then
        pid=$(cat "$pidfile" 2>/dev/null || true)
        if [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$name" ]; then
            echo "$pid"
            return 0
        fi
    fi
    return 1
}

install_packages() {
    if command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 && command -v munged >/dev/null 2>&1 \
        && command -v sbatch >/dev/null 2>&1; then
        return 0
    fi
    [ "$(id -u)" = 0 ] || fail "Slurm is not installed and installing it needs root (apt-get install slurm-wlm munge)"
    command -v apt-get >/dev/null 2>&1 || fail "Slurm is not installed and there is no apt-get to install it (install slurm-wlm and munge)"
    say "installing slurm-wlm and munge (apt-get; about a minute)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 || fail "apt-get update failed (no network to the package mirror?)"
    apt-get install -y -q slurm-wlm munge >&2 || fail "apt-get install slurm-wlm munge failed"
}

start_munge() {
    if munge_works; then
        say "munge works already; reusing it"
        return 0
    fi
    local key=/etc/munge/munge.key
    mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
    if [ ! -s "$key" ]; then
        say "creating the munge key $key"
        dd if=/dev/urandom of="$key" bs=1 count=1024 status=none
    fi
    chown munge:munge "$key" /etc/munge /run/munge /var/lib/munge /var/log/munge
    chmod 400 "$key"
    chmod 700 /etc/munge
    chmod 755 /run/munge
    if ! running_pid munged /run/munge/munged.pid >/dev/null; then
        su -s /bin/sh munge -c /usr/sbin/munged || fail "munged did not start (see /var/log/munge/munged.log)"
        sleep 1
        local pid
        pid=$(running_pid munged /run/munge/munged.pid) || fail "munged did not stay up: $(tail -n 5 /var/log/munge/munged.log 2>/dev/null | tr '\n' ' ')"
        echo "$pid" >"$STATE_DIR/munged.pid"
        say "started munged (pid $pid)"
    fi
    munge_works || fail "munge does not work: 'munge -n | unmunge' fails (key $key, /run/munge)"
}

write_conf() {
    if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
        say "keeping the existing $CONF (not written by this script)"
        return 0
    fi
    local host cpus mem_total mem
    host=$(hostname -s 2>/dev/null || hostname)
    cpus=$(nproc)
    # the total `free -m` shows, read where free reads it (procps is not on a minimal Debian)
    mem_total=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
    # a little under the total: slurmd drains a node that has less memory than configured
    mem=$(( mem_total * 9 / 10 ))
    mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd "$LOG_DIR"
    cat >"$CONF" <<EOF
$MARK for a one-node cluster on $host; rewritten at each start while this line is here.
ClusterName=trainbench
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    say "wrote $CONF ($host: $cpus CPUs, $mem MB)"
}

start_daemon() {
    local name=$1 pidfile=$2 pid
    if pid=$(running_pid "$name" "$pidfile"); then
        say "$name runs already (pid $pid); reusing it"
        return 0
    fi
    "/usr/sbin/$name" || fail "$name did not start: $(tail -n 5 "$LOG_DIR/$name.log" 2>/dev/null | tr '\n' ' ')"
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        if pid=$(running_pid "$name" "$pidfile"); then
            echo "$pid" >"$STATE_DIR/$name.pid"
            say "started $name (pid $pid)"
            return 0
        fi
        sleep 0.5
    done
    fail "$name did not stay up: $(tail -n 8 "$LOG_DIR/$name.log" 2>/dev/null | tr '\n' ' ')"
}

start() {
    mkdir -p "$STATE_DIR" 2>/dev/null || true
    if command -v sinfo >/dev/null 2>&1 && cluster_idle; then
        say "a Slurm cluster answers here already; reusing it"
        sinfo >&2 || true
        return 0
    fi
    [ "$(id -u)" = 0 ] || fail "no Slurm cluster answers here, and starting one needs root (run this script as root)"
    mkdir -p "$STATE_DIR"
    install_packages
    start_munge
    write_conf
    start_daemon slurmctld /run/slurmctld.pid
    sleep 2
    start_daemon slurmd /run/slurmd.pid
    local host waited=0
    host=$(hostname -s 2>/dev/null || hostname)
    until cluster_idle; do
        if [ "$waited" -ge "$WAIT_S" ]; then
            fail "the node did not become idle within ${WAIT_S}s: $(sinfo -h -o '%N %T %E' 2>&1 | tr '\n' ' ') slurmd log: $(tail -n 5 "$LOG_DIR/slurmd.log" 2>/dev/null | tr '\n' ' ')"
        fi
        # a node drained by an earlier configuration comes back once this one fits it
        if sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(down|drain)'; then
            scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true
        fi
        sleep 1
        waited=$((waited + 1))
    done
    say "cluster ready:"
    sinfo >&2
}

stop() {
    local stopped=0 name pid names
    names=${*:-slurmd slurmctld munged}
    for name in slurmd slurmctld munged; do
        grep -qw "$name" <<<"$names" || continue
        if pid=$(our_pid "$name"); then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 20); do
                [ -d "/proc/$pid" ] || break
                sleep 0.25
            done
            say "stopped $name (pid $pid)"
            stopped=$((stopped + 1))
        fi
        rm -f "$STATE_DIR/$name.pid"
    done
    [ "$stopped" -gt 0 ] || say "no daemon started by this script is running"
}

status() {
    local name pid
    for name in munged slurmctld slurmd; do
        if pid=$(our_pid "$name"); then
            echo "$name: running (pid $pid, started by this script)"
        fi
    done
    if command -v sinfo >/dev/null 2>&1 && cluster_idle; then
        echo "cluster: answers"
        sinfo
        return 0
    fi
    echo "cluster: no Slurm cluster answers here"
    return 1
}

case "${1:-}" in
    start) start ;;
    stop) shift; stop "$@" ;;
    status) status ;;
    *) echo "usage: $0 start|stop [munged|slurmctld|slurmd ...]|status" >&2; exit 2 ;;
esac
