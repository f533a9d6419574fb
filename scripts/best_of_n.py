#!/usr/bin/env python3
"""Best-of-N search result distribution from a pool of scored cells.

A "proxy search" draws N cells uniformly with replacement, scores them, and keeps the
best-scored one (NASWOT search, the untrained-accuracy-stability search of Gracheva 2021,
the epsinas search). Given a pool of M cells scored once (a score table from
`nas-search score ... --sample M --output POOL.csv`) and their trained accuracies, the
distribution of that search's result over a space whose cells are the pool's is exact:
with the pool sorted by score ascending (ties broken by table order), the probability that
the best of N draws is the cell of rank k (1-based) is (k/M)^N - ((k-1)/M)^N.
Failed scores (-inf) rank lowest, as in the searches.

This prints, per accuracy column, the mean and standard deviation of the result (the
papers' "mean ± std over runs"), and the standard error of that mean due to the finite
pool, by a bootstrap over the pool (resampling M cells with replacement, B times).

Usage: best_of_n.py POOL.csv BENCHMARK.csv [--n 100] [--columns a,b] [--bootstrap 2000]
       [--seed 0]
POOL.csv: a nas-search score table (arch,score,seconds,failure; '#' metadata lines).
BENCHMARK.csv: the NB201 table (arch_str and accuracy columns).
"""
import argparse
import csv
import math
import random
import sys


def read_pool(path):
    rows = []
    try:
        with open(path, newline="") as f:
            lines = [line for line in f if not line.startswith("#")]
    except OSError as error:
        sys.exit(f"{path}: cannot read ({error.strerror})")
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or "arch" not in reader.fieldnames or "score" not in reader.fieldnames:
        sys.exit(f"{path}: expected a score table with columns arch and score")
    for number, row in enumerate(reader, start=2):
        try:
            score = float(row["score"])
        except ValueError:
            sys.exit(f"{path}:{number}: score '{row['score']}' is not a number")
        rows.append((row["arch"], score))
    if not rows:
        sys.exit(f"{path}: no rows")
    return rows


def read_benchmark(path, columns):
    try:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ["arch_str"] + columns if c not in (reader.fieldnames or [])]
            if missing:
                sys.exit(f"{path}: no column(s) {', '.join(missing)}")
            return {row["arch_str"]: [float(row[c]) for c in columns] for row in reader}
    except OSError as error:
        sys.exit(f"{path}: cannot read ({error.strerror})")


def result_distribution(pool, accuracies, n):
    """Mean and std of each column of the best-of-n cell, exactly."""
    order = sorted(range(len(pool)), key=lambda i: (pool[i][1], -i))
    m = len(order)
    columns = len(accuracies[pool[0][0]])
    mean = [0.0] * columns
    second = [0.0] * columns
    for rank, index in enumerate(order, start=1):
        p = (rank / m) ** n - ((rank - 1) / m) ** n
        values = accuracies[pool[index][0]]
        for c in range(columns):
            mean[c] += p * values[c]
            second[c] += p * values[c] ** 2
    return [(mu, math.sqrt(max(0.0, s - mu * mu))) for mu, s in zip(mean, second)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pool")
    parser.add_argument("benchmark")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument(
        "--columns",
        default="cifar10_valid_val_acc,cifar10_test_acc,cifar100_val_acc_derived,"
        "cifar100_test_acc,imagenet16_val_acc_derived,imagenet16_test_acc")
    parser.add_argument("--bootstrap", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.n < 1:
        sys.exit("--n: expected an integer >= 1")
    columns = args.columns.split(",")
    pool = read_pool(args.pool)
    accuracies = read_benchmark(args.benchmark, columns)
    missing = [arch for arch, _ in pool if arch not in accuracies]
    if missing:
        sys.exit(f"{args.benchmark}: {len(missing)} pool cells not in the table, e.g. {missing[0]}")
    exact = result_distribution(pool, accuracies, args.n)
    rng = random.Random(args.seed)
    boots = [[] for _ in columns]
    for _ in range(args.bootstrap):
        sample = [pool[rng.randrange(len(pool))] for _ in pool]
        for c, (mu, _) in enumerate(result_distribution(sample, accuracies, args.n)):
            boots[c].append(mu)
    failed = sum(1 for _, score in pool if score == -math.inf)
    print(f"pool {len(pool)} cells ({failed} failed scores), best of N={args.n}")
    print("column,mean,std,standard_error_of_mean")
    for c, name in enumerate(columns):
        values = boots[c]
        centre = sum(values) / len(values)
        se = math.sqrt(sum((v - centre) ** 2 for v in values) / max(1, len(values) - 1))
        print(f"{name},{exact[c][0]:.2f},{exact[c][1]:.2f},{se:.2f}")


if __name__ == "__main__":
    main()
