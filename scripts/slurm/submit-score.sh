#!/usr/bin/env bash
# Submits a whole-space score table as a Slurm job array of TASKS tasks (score-array.sbatch)
# and its merge step (score-merge.sbatch) as a job that runs only if every task succeeded.
#
#   NAS_SEARCH=$PWD/.build/release/nas-search NAS_PROXY=naswot \
#   NAS_DATA=cifar10:$NAS_DATA_DIR/cifar10/cifar10_train_1864.bin \
#   NAS_SCORE_ARGS="--seed 1" NAS_OUT=scores/naswot NAS_EXPECT=15625 \
#   scripts/slurm/submit-score.sh 16 [SBATCH OPTION...]
#
# The environment variables are those of score-array.sbatch and score-merge.sbatch; the
# SBATCH OPTIONs (e.g. --partition=cpu --time=2:00:00) go to both submissions. Prints the
# two job ids ("ARRAY_ID MERGE_ID"). Resubmitting resumes the shard files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/submit-common.sh"

check_task_count "${1:-}" "NAS_OUT, NAS_PROXY, ..."
tasks="$1"
shift
: "${NAS_OUT:?set NAS_OUT to the directory of the shard files}"
: "${NAS_PROXY:?set NAS_PROXY to the scorer, e.g. naswot}"
mkdir -p "$NAS_OUT"
export NAS_OUT NAS_PROXY
submit_array_and_merge "$here/score-array.sbatch" "$here/score-merge.sbatch" "$tasks" "$@"
