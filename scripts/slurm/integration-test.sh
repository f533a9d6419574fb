#!/usr/bin/env bash
# Integration test of the Slurm scripts on a throw-away one-node Slurm cluster.
#
# Installs slurm-wlm and munge with apt-get when they are missing (needs root), starts munged,
# slurmctld and slurmd as root on this host from a temporary directory (its own slurm.conf,
# munge key, state, spool and logs), submits through submit-score.sh and submit-search.sh:
#   1. a whole-space score table: flops on all 15,625 NB201 cells in 4 array tasks, merged
#      with --expect 15625 by a dependent job; then one shard is cut short and its task
#      requeued, which must resume the file;
#   2. naswot on 12 sampled cells with real CIFAR-10 images in 3 array tasks;
#   3. a search: configs/nb201-rea-cifar10.json with 20 runs in 4 array tasks, joined by
#      `nas-search merge-runs` in a dependent job; then one part is cut back to half its
#      journal and its task requeued, which must resume it;
# waits for them (squeue/scontrol polling with a timeout), and compares each merged result
# with the same command run directly without sharding: identical score rows (all but the
# seconds column) and identical search files apart from wall-time fields. Then it stops the
# daemons it started, by PID, and removes the temporary directory. Exit 0 only if all match.
#
#   scripts/slurm/integration-test.sh        (after `swift build`; CI: .ci/run)
#
# Environment: NAS_SEARCH (the binary; default .build/debug/nas-search, else
# .build/release/nas-search), NAS_DATA_DIR (default ../shared/data beside the repository),
# SLURM_TEST_TIMEOUT (seconds to wait for each group of jobs, default 600),
# SLURM_TEST_PARTS (default "score search": which parts to run),
# SLURM_TEST_KEEP=1 (keep the temporary directory).
set -euo pipefail

started=$(date +%s)
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/scripts/slurm"
timeout="${SLURM_TEST_TIMEOUT:-600}"
parts=" ${SLURM_TEST_PARTS:-score search} "

say() { echo "[slurm-test $(date -u +%H:%M:%S)] $*"; }
fail() {
  echo "[slurm-test] FAIL: $*" >&2
  exit 1
}

if [ -z "${NAS_SEARCH:-}" ]; then
  for candidate in "$repo/.build/debug/nas-search" "$repo/.build/release/nas-search"; do
    if [ -x "$candidate" ]; then
      NAS_SEARCH="$candidate"
      break
    fi
  done
fi
[ -n "${NAS_SEARCH:-}" ] && [ -x "$NAS_SEARCH" ] ||
  fail "no nas-search binary (build it with 'swift build', or set NAS_SEARCH)"
NAS_SEARCH="$(cd "$(dirname "$NAS_SEARCH")" && pwd)/$(basename "$NAS_SEARCH")"
export NAS_SEARCH
export NAS_DATA_DIR="${NAS_DATA_DIR:-$(cd "$repo/.." && pwd)/shared/data}"
[ -f "$NAS_DATA_DIR/nasbench201/nb201_200epoch.csv" ] ||
  fail "reference data not found at $NAS_DATA_DIR (set NAS_DATA_DIR)"
say "binary $NAS_SEARCH, data $NAS_DATA_DIR"

# --- Slurm and munge --------------------------------------------------------------------
if ! command -v sbatch >/dev/null || ! command -v slurmctld >/dev/null ||
  ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "slurm-wlm and munge are not installed, and installing needs root"
  say "installing slurm-wlm and munge with apt-get"
  # Keep the packages' init scripts from starting system daemons (this test starts its own).
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
  fi
  install_status=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      slurm-wlm munge >/dev/null ||
      { apt-get update -q >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
          slurm-wlm munge >/dev/null; }
  } || install_status=$?
  if [ -n "$policy" ]; then rm -f "$policy"; fi
  [ "$install_status" -eq 0 ] || fail "apt-get install slurm-wlm munge failed"
fi
[ "$(id -u)" -eq 0 ] || fail "the test cluster's daemons run as root: run this as root"
PATH="$PATH:/usr/sbin:/sbin"

# --- the temporary cluster ----------------------------------------------------------------
tmp="$(mktemp -d /tmp/nas-slurm-test.XXXXXX)"
chmod 755 "$tmp"
pids=()
jobs_submitted=()

cleanup() {
  local status=$?
  set +e
  if [ "${#jobs_submitted[@]}" -gt 0 ] && [ -n "${SLURM_CONF:-}" ]; then
    scancel "${jobs_submitted[@]}" 2>/dev/null
    for _ in $(seq 1 30); do # let cancelled jobs end before their node goes away
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  # Stop the daemons in reverse order of starting, by PID.
  local i pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid="${pids[$i]}"
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "[slurm-test] daemon $pid did not stop, killing it" >&2
      kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
  done
  if [ "$status" -ne 0 ] && [ -d "$tmp/log" ]; then
    for log in "$tmp"/log/* "$tmp"/work/*/slurm-*.out; do
      [ -f "$log" ] || continue
      echo "----- $log (last 15 lines)" >&2
      tail -n 15 "$log" >&2
    done
  fi
  if [ "${SLURM_TEST_KEEP:-0}" = 1 ]; then
    echo "[slurm-test] kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  echo "[slurm-test] $([ "$status" -eq 0 ] && echo PASS || echo "FAIL (exit $status)")" \
    "in $(($(date +%s) - started)) s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if port_free "$port" && port_free "$((port + 1))"; then
      echo "$port"
      return
    fi
  done
  fail "no free TCP port pair found"
}

mkdir -p "$tmp"/{munge,state,spool,log,work}
chmod 700 "$tmp/munge"
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
munged --force --foreground --key-file="$tmp/munge/munge.key" \
  --socket="$tmp/munge/munge.socket" --pid-file="$tmp/munge/munged.pid" \
  --seed-file="$tmp/munge/munged.seed" --log-file="$tmp/log/munged.log" \
  >>"$tmp/log/munged.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 50); do
  [ -S "$tmp/munge/munge.socket" ] && break
  sleep 0.1
done
[ -S "$tmp/munge/munge.socket" ] || fail "munged did not start (see $tmp/log/munged.log)"

host="$(hostname -s)"
port="$(free_port)"
cpus="$(nproc)"
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=nastest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=sched_interval=2
SlurmdParameters=config_overrides
ReturnToService=2
MinJobAge=3600
MailProg=/bin/true
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -c -f "$SLURM_CONF" >>"$tmp/log/slurmctld.out" 2>&1 &
pids+=("$!")
slurmd -D -f "$SLURM_CONF" -N "$host" >>"$tmp/log/slurmd.out" 2>&1 &
pids+=("$!")
state=""
for _ in $(seq 1 120); do
  state="$(sinfo -h -N -o %T 2>/dev/null | head -n 1 || true)"
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "the test node did not become idle (state '$state')"
say "cluster up ($(sinfo --version)): node $host, $cpus CPUs, slurmctld port $port, in $tmp"

# --- helpers ------------------------------------------------------------------------------
# Waits until none of the given jobs is pending or running, then checks that every one
# (every array task) ended COMPLETED with exit code 0:0.
wait_jobs() {
  local deadline=$(($(date +%s) + timeout)) left
  while :; do
    left="$(squeue -h -j "$(IFS=,; echo "$*")" -o %i 2>/dev/null | wc -l)"
    [ "$left" -eq 0 ] && break
    [ "$(date +%s)" -lt "$deadline" ] || fail "jobs $* still queued or running after ${timeout} s"
    sleep 1
  done
  local job line id state code bad=0
  for job in "$@"; do
    while read -r line; do
      [ -n "$line" ] || continue
      id="$(grep -o 'JobId=[0-9]*' <<<"$line" | head -n 1)"
      if [[ "$line" =~ ArrayTaskId=([0-9]+) ]]; then id="$id task ${BASH_REMATCH[1]}"; fi
      state="$(grep -o ' JobState=[A-Z_]*' <<<"$line" | cut -d= -f2)"
      code="$(grep -o ' ExitCode=[0-9:]*' <<<"$line" | cut -d= -f2)"
      if [ "$state" != COMPLETED ] || [ "$code" != 0:0 ]; then
        echo "[slurm-test] $id ended $state with exit code $code" >&2
        bad=1
      fi
    done < <(scontrol -o show job "$job")
  done
  [ "$bad" -eq 0 ] || fail "some jobs did not complete (their slurm-*.out logs follow)"
}

# A score table without its seconds column, rows sorted: what must not depend on sharding.
score_rows() { tail -n +3 "$1" | sed -E 's/^([^,]*,[^,]*),[^,]*,/\1,/' | LC_ALL=C sort; }

compare_scores() { # name merged direct expected_rows
  local merged="$2" direct="$3"
  [ -f "$merged" ] || fail "$1: no merged table $merged"
  [ "$(head -n 1 "$merged")" = "$(head -n 1 "$direct")" ] ||
    fail "$1: header differs: '$(head -n 1 "$merged")' vs '$(head -n 1 "$direct")'"
  local rows
  rows="$(score_rows "$merged" | wc -l)"
  [ "$rows" -eq "$4" ] || fail "$1: merged table has $rows rows, expected $4"
  if ! diff <(score_rows "$merged") <(score_rows "$direct") >"$tmp/diff.txt"; then
    head -n 20 "$tmp/diff.txt" >&2
    fail "$1: merged score rows differ from the unsharded run ($(grep -c '^[<>]' "$tmp/diff.txt") lines)"
  fi
  say "$1: $rows rows, identical to the unsharded run (seconds column aside)"
}

work="$tmp/work"
cd "$work"

if [[ "$parts" == *" score "* ]]; then
# --- 1. flops over the whole space, 4 tasks -------------------------------------------------
say "score: flops, all NB201 cells, 4 array tasks + merge"
ids="$(NAS_OUT="$work/flops" NAS_PROXY=flops NAS_EXPECT=15625 "$here/submit-score.sh" 4)"
read -r array merge <<<"$ids"
jobs_submitted+=("$array" "$merge")
"$NAS_SEARCH" score --space nb201 --proxy flops --all --quiet --output "$work/flops-direct.csv" \
  2>>"$tmp/log/direct.log"
wait_jobs "$array" "$merge"
compare_scores "flops" "$work/flops/scores.csv" "$work/flops-direct.csv" 15625

# Rerun safety: cut shard 2 short, requeue its task, which must resume the file.
shard="$work/flops/shard-2.csv"
full="$(wc -l <"$shard")"
head -n 1000 "$shard" >"$work/shard-2.kept"
cp "$work/shard-2.kept" "$shard"
say "score: shard 2 cut to 1000 of $full lines, requeueing task ${array}_2"
scontrol requeue "${array}_2"
# A requeued job waits about two minutes before it may start again; let it start now.
scontrol update JobId="${array}_2" StartTime=now
wait_jobs "${array}_2"
[ "$(wc -l <"$shard")" -eq "$full" ] || fail "requeued task 2 left $(wc -l <"$shard") lines, not $full"
# Resumed, not rescored: the kept rows are unchanged, their seconds column included.
cmp -s <(head -n 1000 "$shard") "$work/shard-2.kept" ||
  fail "requeued task 2 rewrote the rows it had (it did not resume its shard file)"
NAS_OUT="$work/flops" NAS_EXPECT=15625 NAS_SCORES="$work/flops/scores-again.csv" \
  "$here/score-merge.sbatch" >/dev/null
compare_scores "flops after requeue" "$work/flops/scores-again.csv" "$work/flops-direct.csv" 15625

# --- 2. naswot on 12 sampled cells, real images, 3 tasks -----------------------------------
data="cifar10:$NAS_DATA_DIR/cifar10/cifar10_train_1864.bin"
say "score: naswot, 12 sampled cells, CIFAR-10 batch, 3 array tasks + merge"
ids="$(NAS_OUT="$work/naswot" NAS_PROXY=naswot NAS_DATA="$data" NAS_SELECTION="--sample 12" \
  NAS_SCORE_ARGS="--seed 3" NAS_EXPECT=12 "$here/submit-score.sh" 3)"
read -r array merge <<<"$ids"
jobs_submitted+=("$array" "$merge")
"$NAS_SEARCH" score --space nb201 --proxy naswot --data "$data" --sample 12 --seed 3 \
  --jobs 1 --quiet --output "$work/naswot-direct.csv" 2>>"$tmp/log/direct.log"
wait_jobs "$array" "$merge"
compare_scores "naswot" "$work/naswot/scores.csv" "$work/naswot-direct.csv" 12
fi


# --- 3. a 20-run REA search in 4 tasks ------------------------------------------------------
# Result files compared with their wall-time fields (columns or keys with "wall" in the name)
# taken out.
without_wall() {
  case "$1" in
    *.csv)
      awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = ($i !~ /wall/) }
        { out = ""; for (i = 1; i <= NF; i++) if (keep[i]) out = out (out == "" ? "" : ",") $i; print out }' "$1"
      ;;
    *) sed -E 's/"[A-Za-z_]*wall[A-Za-z_]*" *: *[-+0-9.eE]+,? *//g' "$1" | grep -iv 'wall' || true ;;
  esac
}

compare_search() { # name merged direct
  local file compared=0
  [ -d "$2" ] || fail "$1: no merged directory $2"
  for file in summary.json summary.md runs.csv history.csv best_so_far.svg; do
    if [ ! -f "$3/$file" ]; then continue; fi
    [ -f "$2/$file" ] || fail "$1: the merged directory has no $file"
    if ! diff <(without_wall "$2/$file") <(without_wall "$3/$file") >"$tmp/diff.txt"; then
      head -n 20 "$tmp/diff.txt" >&2
      fail "$1: $file of the merged runs differs from the unsharded run"
    fi
    compared=$((compared + 1))
  done
  [ "$compared" -ge 3 ] || fail "$1: found only $compared of the result files to compare"
  say "$1: $compared result files identical to the unsharded run (wall times aside)"
}

if [[ "$parts" != *" search "* ]]; then
  :
elif ! "$NAS_SEARCH" merge-runs --help >/dev/null 2>&1; then
  fail "search: $NAS_SEARCH has no 'merge-runs' command (an old binary? rebuild it)"
else
  config="$repo/configs/nb201-rea-cifar10.json"
  say "search: $(basename "$config"), 20 runs, 4 array tasks + merge-runs"
  ids="$(NAS_OUT="$work/rea" NAS_CONFIG="$config" NAS_RUNS=20 "$here/submit-search.sh" 4)"
  read -r array merge <<<"$ids"
  jobs_submitted+=("$array" "$merge")
  "$NAS_SEARCH" run "$config" --runs 20 --quiet --output "$work/rea-direct" \
    >>"$tmp/log/direct.log" 2>&1
  wait_jobs "$array" "$merge"
  compare_search "search" "$work/rea/merged" "$work/rea-direct"

  # Rerun safety: part 1 as a killed task leaves it (half its journal, no result files);
  # its requeued task must resume it, and a second merge must give the same files.
  part="$work/rea/part-1"
  lines="$(wc -l <"$part/journal.jsonl")"
  head -n "$((lines / 2))" "$part/journal.jsonl" >"$work/journal.half"
  cp "$work/journal.half" "$part/journal.jsonl"
  rm -f "$part"/{history.csv,runs.csv,summary.json,summary.md,best_so_far.svg}
  say "search: part 1 cut to $((lines / 2)) of $lines journal lines, requeueing task ${array}_1"
  scontrol requeue "${array}_1"
  scontrol update JobId="${array}_1" StartTime=now
  wait_jobs "${array}_1"
  [ -f "$part/runs.csv" ] || fail "requeued search task 1 did not finish its part"
  cmp -s <(head -n "$((lines / 2))" "$part/journal.jsonl") "$work/journal.half" ||
    fail "requeued search task 1 rewrote its journal (it did not resume its part)"
  NAS_OUT="$work/rea" "$here/search-merge.sbatch" >/dev/null
  compare_search "search after requeue" "$work/rea/merged" "$work/rea-direct"
fi

cd "$repo"
say "all merged results match the unsharded runs"
