#!/usr/bin/env bash
# Shared by submit-score.sh and submit-search.sh (sourced, not run): the TASKS argument check
# and the two submissions, a job array and its merge job that runs only if every task
# succeeded.

# Exits with the usage line unless $1 is a positive task count. $2 names the environment
# variables the caller needs.
check_task_count() {
  if [ -z "${1:-}" ] || ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 TASKS [SBATCH OPTION...]  (with $2 in the environment)" >&2
    exit 2
  fi
}

# submit_array_and_merge ARRAY_SCRIPT MERGE_SCRIPT TASKS [SBATCH OPTION...]: submits
# ARRAY_SCRIPT as tasks 0..TASKS-1 and MERGE_SCRIPT after them (afterok), both logging
# under $NAS_OUT and both with the SBATCH OPTIONs; prints "ARRAY_ID MERGE_ID".
submit_array_and_merge() {
  local array_script="$1" merge_script="$2" tasks="$3"
  shift 3
  local array merge
  array=$(sbatch --parsable --array="0-$((tasks - 1))" --output="$NAS_OUT/slurm-%A_%a.out" \
    "$@" "$array_script")
  array="${array%%;*}"
  merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --output="$NAS_OUT/slurm-merge-%j.out" "$@" "$merge_script")
  merge="${merge%%;*}"
  echo "$array $merge"
}
