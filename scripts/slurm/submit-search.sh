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
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/submit-common.sh"

check_task_count "${1:-}" "NAS_CONFIG, NAS_OUT, ..."
tasks="$1"
shift
: "${NAS_CONFIG:?set NAS_CONFIG to the search config}"
: "${NAS_OUT:?set NAS_OUT to the directory of the parts}"
mkdir -p "$NAS_OUT"
export NAS_CONFIG NAS_OUT
submit_array_and_merge "$here/search-array.sbatch" "$here/search-merge.sbatch" "$tasks" "$@"
