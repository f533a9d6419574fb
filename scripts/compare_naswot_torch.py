#!/usr/bin/env python3
"""Compare nas-search's NASWOT with the PyTorch reference script on the same batch.

`../shared/tools/naswot_torch.py --cifar FILE --seed K` scores each cell on 128 images it
draws with numpy's `default_rng(K).choice`. This script writes exactly those images to a
CIFAR-10 binary file, so that `nas-search score --data cifar10:THAT_FILE --batch-size 128`
scores the same batch (NASWOT does not depend on the order of the images), then reports
the rank correlation between the two score columns, each one's correlation with the
benchmark's accuracy, and both implementations' times.

    # 1. the batch
    python3 scripts/compare_naswot_torch.py batch --cifar cifar10/cifar10_train_1864.bin \
        --seed 1 --output batch128.bin
    # 2. both scorers (torch per naswot_torch.py's header)
    ENV/bin/python tools/naswot_torch.py tools/anchor_archs_nb201.txt \
        --cifar cifar10/cifar10_train_1864.bin --seed 1 > torch.csv
    nas-search score --space nb201 --proxy naswot --data cifar10:batch128.bin \
        --batch-size 128 --seed 1 --archs tools/anchor_archs_nb201.txt > ours.csv
    # 3. the comparison
    python3 scripts/compare_naswot_torch.py compare --torch torch.csv --ours ours.csv \
        --benchmark nasbench201/nb201_200epoch.csv

Needs numpy (step 1) and scipy (step 3).
"""
import argparse
import csv
import statistics
import sys


def write_batch(args):
    import numpy as np

    raw = np.fromfile(args.cifar, dtype=np.uint8)
    if raw.size % 3073 != 0:
        sys.exit(f"{args.cifar}: not a CIFAR-10 binary file (size is not a multiple of 3073)")
    records = raw.reshape(-1, 3073)
    if len(records) < args.batch:
        sys.exit(f"{args.cifar}: {len(records)} images, fewer than the batch of {args.batch}")
    chosen = np.random.default_rng(args.seed).choice(len(records), args.batch, replace=False)
    records[chosen].tofile(args.output)
    print(f"wrote {args.batch} images to {args.output}")


def read_ours(path):
    scores = {}
    for line in open(path):
        if line.startswith("#") or line.startswith("arch,"):
            continue
        arch, score, seconds = line.strip().rsplit(",", 2)[:3]
        scores[arch] = (float(score), float(seconds))
    return scores


def compare(args):
    from scipy.stats import kendalltau, spearmanr

    torch_rows = {row["arch"]: row for row in csv.DictReader(open(args.torch))}
    ours = read_ours(args.ours)
    accuracy = {
        row["arch_str"]: float(row[args.metric])
        for row in csv.DictReader(open(args.benchmark))
    }
    archs = [arch for arch in torch_rows if arch in ours]
    if len(archs) < 3:
        sys.exit("fewer than 3 architectures in both files")
    theirs = [float(torch_rows[a]["score"]) for a in archs]
    mine = [ours[a][0] for a in archs]
    metric = [accuracy[a] for a in archs]
    torch_seconds = [float(torch_rows[a]["build_s"]) + float(torch_rows[a]["score_s"]) for a in archs]
    print(f"cells: {len(archs)}")
    print(f"nas-search vs PyTorch: Spearman {spearmanr(mine, theirs)[0]:.4f}, "
          f"Kendall {kendalltau(mine, theirs)[0]:.4f}")
    print(f"with {args.metric}: nas-search {spearmanr(mine, metric)[0]:.4f}, "
          f"PyTorch {spearmanr(theirs, metric)[0]:.4f}")
    print(f"median seconds per cell: nas-search {statistics.median(ours[a][1] for a in archs):.3f}, "
          f"PyTorch {statistics.median(torch_seconds):.3f}")


def main():
    try:
        run()
    except FileNotFoundError as error:
        sys.exit(f"error: {error.filename}: no such file")
    except KeyError as error:
        sys.exit(f"error: a CSV lacks the column {error} (--torch needs naswot_torch.py's output)")
    except ValueError as error:
        sys.exit(f"error: a value is not a number: {error}")


def run():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    batch = commands.add_parser("batch")
    batch.add_argument("--cifar", required=True)
    batch.add_argument("--seed", type=int, default=1)
    batch.add_argument("--batch", type=int, default=128)
    batch.add_argument("--output", required=True)
    comparison = commands.add_parser("compare")
    comparison.add_argument("--torch", required=True)
    comparison.add_argument("--ours", required=True)
    comparison.add_argument("--benchmark", required=True)
    comparison.add_argument("--metric", default="cifar10_valid_val_acc")
    args = parser.parse_args()
    write_batch(args) if args.command == "batch" else compare(args)


if __name__ == "__main__":
    main()
