#!/usr/bin/env bash
# Submits a many-run search as a Slurm job array of TASKS tasks (search-array.sbatch, each
# computing a contiguous part of the runs) and its merge step (search-merge.sbatch,
# `nas-search merge-runs`) as a job that runs only if every task succeeded.
#
#   NAS_SEARCH=$PWD/.build/release/nas-search NAS_CONFIG=configs/nb201-rea-cifar10.json \
#   NAS_OUT=runs/rea NAS_DATA_DIR=$NAS_DATA_DIR scripts/slurm/submit-search.sh 10 [SBATCH OPTION...]
#
# The environment variables are those of search-array.sbatch and search-merge.sbatch; the
# SBATCH OPTIONs (e.g. --partition=cpu --time=1:00:00) go to both submissions. Prints the
# two job ids ("ARRAY_ID MERGE_ID"). Resubmitting resumes the parts.
set -euo pipefail

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 TASKS [SBATCH OPTION...]  (with NAS_CONFIG, NAS_OUT, ... in the environment)" >&2
  exit 2
fi
tasks="$1"
shift
: "${NAS_CONFIG:?set NAS_CONFIG to the search config}"
: "${NAS_OUT:?set NAS_OUT to the directory of the parts}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$NAS_OUT"
export NAS_CONFIG NAS_OUT

array=$(sbatch --parsable --array="0-$((tasks - 1))" --output="$NAS_OUT/slurm-%A_%a.out" \
  "$@" "$here/search-array.sbatch")
array="${array%%;*}"
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$NAS_OUT/slurm-merge-%j.out" "$@" "$here/search-merge.sbatch")
merge="${merge%%;*}"
echo "$array $merge"
