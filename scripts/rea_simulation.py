#!/usr/bin/env python3
"""Plain-Python reference for the speed of `nas-search run configs/nb201-rea-cifar10.json`.

The same regularized evolution as nas-search's `rea` strategy on NAS-Bench-201, with the
config's settings: population 10, tournament of 3 drawn with replacement (the first drawn
wins ties), parent = the fittest of the tournament, child = the parent with one edge changed
to a different operation (a node among 1..3 uniformly, then one of its incoming edges
uniformly, then one of the four other operations uniformly), child appended, oldest removed.
Fitness = the 12-epoch table's `cifar10_valid_val_acc`; every query charges
12 x `cifar10_valid_train_time_per_epoch_s` of the 200-epoch table; a run stops before a
query once 12,000 simulated seconds are spent (the query that crosses the limit counts);
the initial population is charged. 500 runs, seeds 0..499.

Like nas-search it loads both tables (every numeric column of the 200-epoch table, as
nas-search reports all of them), keeps every run's history (architecture, fitness, cost,
simulated clock), the best-so-far curve and each run's best architecture with its
200-epoch metrics. It writes nothing; it prints the mean of the best architectures'
CIFAR-10 test accuracy and its own time: everything after the interpreter started
(imports, table loading, the 500 searches), measured with time.perf_counter and
time.process_time.

It does not reproduce nas-search's random numbers (Python's `random` is a different
generator), only the amount of work.

With --write DIR it also writes, as nas-search does, DIR/history.csv (a row per
evaluation: run, seed, index, architecture, source, fitness, best so far, the best cell's
cifar10_test_acc, wall and simulated seconds) and DIR/runs.csv (a row per run: its best
cell and every 200-epoch column of it) with the csv module, each flushed to disk once;
nas-search also writes a journal, summaries and a plot, which this does not.

Usage: rea_simulation.py [DATA_DIR] [--runs N] [--write DIR]
DATA_DIR: the directory holding nasbench201/ (default: $NAS_DATA_DIR).
"""
import time

WALL_START = time.perf_counter()
CPU_START = time.process_time()

import csv  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402

OPERATIONS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
# (target, source) of the six edges in arch_str order.
EDGES = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]
TEXT_COLUMNS = {
    "arch_index", "arch_str", "unique_str", "edge_1_0", "edge_2_0", "edge_2_1", "edge_3_0",
    "edge_3_1", "edge_3_2", "params_stored_eq_formula",
}
POPULATION = 10
SAMPLE = 3
BUDGET = 12000.0
EPOCHS = 12


def parse_arch(text):
    """The six operation indices of an arch_str, in edge order."""
    ops = []
    for node in text.strip("|").split("|+|"):
        for edge in node.split("|"):
            name, _ = edge.split("~")
            ops.append(OPERATIONS.index(name))
    return tuple(ops)


def load(data_dir):
    """Every numeric column of the 200-epoch table and the 12-epoch fitness, by cell."""
    folder = os.path.join(data_dir, "nasbench201")
    metrics = {}
    with open(os.path.join(folder, "nb201_200epoch.csv"), newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        numeric = [(i, name) for i, name in enumerate(header) if name not in TEXT_COLUMNS]
        arch_column = header.index("arch_str")
        for row in reader:
            metrics[parse_arch(row[arch_column])] = {name: float(row[i]) for i, name in numeric}
    fitness = {}
    with open(os.path.join(folder, "nb201_12epoch.csv"), newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        arch_column = header.index("arch_str")
        value_column = header.index("cifar10_valid_val_acc")
        for row in reader:
            fitness[parse_arch(row[arch_column])] = float(row[value_column])
    cost = {cell: EPOCHS * m["cifar10_valid_train_time_per_epoch_s"] for cell, m in metrics.items()}
    return metrics, fitness, cost


def mutate(cell, rng):
    target = rng.randrange(1, 4)
    source = rng.randrange(0, target)
    edge = target * (target - 1) // 2 + source
    replacement = rng.randrange(4)
    if replacement >= cell[edge]:
        replacement += 1
    child = list(cell)
    child[edge] = replacement
    return tuple(child)


def arch_text(cell, texts={}):
    """The arch_str of a cell (memoised)."""
    text = texts.get(cell)
    if text is None:
        ops = [OPERATIONS[op] for op in cell]
        text = (f"|{ops[0]}~0|+|{ops[1]}~0|{ops[2]}~1|+|{ops[3]}~0|{ops[4]}~1|{ops[5]}~2|")
        texts[cell] = text
    return text


def write(directory, results, metrics):
    """history.csv and runs.csv of the runs, each flushed to disk once."""
    os.makedirs(directory, exist_ok=True)
    columns = sorted({name for values in metrics.values() for name in values})
    with open(os.path.join(directory, "history.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["run", "seed", "index", "arch", "source", "fitness", "best_so_far",
                      "best_so_far_metric", "wall_seconds", "simulated_seconds"])
        for seed, (history, curve, _, _, walls) in enumerate(results):
            best = None
            for index, ((cell, value, _, simulated), metric, wall) in enumerate(
                    zip(history, curve, walls)):
                best = value if best is None else max(best, value)
                out.writerow([seed, seed, index, arch_text(cell), "benchmark", repr(value),
                              repr(best), repr(metric), f"{wall:.6f}", repr(simulated)])
        f.flush()
        os.fsync(f.fileno())
    with open(os.path.join(directory, "runs.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["run", "seed", "best_arch", "fitness"] + columns)
        for seed, (_, _, best, best_metrics, _) in enumerate(results):
            out.writerow([seed, seed, arch_text(best[0]), repr(best[1])]
                         + [repr(best_metrics[name]) for name in columns])
        f.flush()
        os.fsync(f.fileno())


def run(seed, fitness, cost, metrics):
    """One REA run: its history, best-so-far curve, best cell, that cell's metrics and the
    wall seconds of each evaluation since the run began."""
    rng = random.Random(seed)
    start = time.perf_counter()
    walls = []
    history = []  # (cell, fitness, cost, simulated seconds)
    curve = []  # the plotted metric of the best cell so far, per evaluation
    simulated = 0.0
    best = None

    def evaluate(cell):
        nonlocal simulated, best
        if simulated >= BUDGET:
            return None
        value = fitness[cell]
        charged = cost[cell]
        simulated += charged
        history.append((cell, value, charged, simulated))
        walls.append(time.perf_counter() - start)
        if best is None or value > best[1]:
            best = (cell, value)
        curve.append(metrics[best[0]]["cifar10_test_acc"])
        return value

    population = []
    while len(population) < POPULATION:
        cell = tuple(rng.randrange(5) for _ in range(6))
        value = evaluate(cell)
        if value is None:
            return history, curve, best, metrics[best[0]], walls
        population.append((cell, value))
    while True:
        drawn = [population[rng.randrange(len(population))] for _ in range(SAMPLE)]
        parent = drawn[0]
        for member in drawn[1:]:
            if member[1] > parent[1]:
                parent = member
        child = mutate(parent[0], rng)
        value = evaluate(child)
        if value is None:
            return history, curve, best, metrics[best[0]], walls
        population.append((child, value))
        population.pop(0)


def main():
    args = sys.argv[1:]
    runs = 500
    if "--runs" in args:
        position = args.index("--runs")
        runs = int(args[position + 1])
        del args[position:position + 2]
    output = None
    if "--write" in args:
        position = args.index("--write")
        output = args[position + 1]
        del args[position:position + 2]
    data_dir = args[0] if args else os.environ.get("NAS_DATA_DIR")
    if not data_dir:
        sys.exit("usage: rea_simulation.py [DATA_DIR] [--runs N] [--write DIR] (or set NAS_DATA_DIR)")
    metrics, fitness, cost = load(data_dir)
    loaded_wall = time.perf_counter() - WALL_START
    results = [run(seed, fitness, cost, metrics) for seed in range(runs)]
    tests = [result[3]["cifar10_test_acc"] for result in results]
    evaluations = sum(len(result[0]) for result in results)
    if output:
        write(output, results, metrics)
    wall = time.perf_counter() - WALL_START
    cpu = time.process_time() - CPU_START
    print(
        f"{runs} REA runs, {evaluations} evaluations, best cifar10_test_acc "
        f"{statistics.mean(tests):.2f} +- {statistics.stdev(tests) if runs > 1 else 0:.2f}")
    print(f"tables loaded in {loaded_wall:.3f} s")
    print(f"wall {wall:.3f} s cpu {cpu:.3f} s")


if __name__ == "__main__":
    main()
