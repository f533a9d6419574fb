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

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 TASKS [SBATCH OPTION...]  (with NAS_OUT, NAS_PROXY, ... in the environment)" >&2
  exit 2
fi
tasks="$1"
shift
: "${NAS_OUT:?set NAS_OUT to the directory of the shard files}"
: "${NAS_PROXY:?set NAS_PROXY to the scorer, e.g. naswot}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$NAS_OUT"
export NAS_OUT NAS_PROXY

array=$(sbatch --parsable --array="0-$((tasks - 1))" --output="$NAS_OUT/slurm-%A_%a.out" \
  "$@" "$here/score-array.sbatch")
array="${array%%;*}"
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$NAS_OUT/slurm-merge-%j.out" "$@" "$here/score-merge.sbatch")
merge="${merge%%;*}"
echo "$array $merge"
