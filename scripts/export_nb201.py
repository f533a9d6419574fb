#!/usr/bin/env python3
"""Export the NAS-Bench-201 / NATS-Bench topology table to CSV.

Writes the layout nas-search reads (`nb201_200epoch.csv`, `nb201_12epoch.csv`) from
the official benchmark file through the official Python API, one row per
architecture in the benchmark's own order (row i = arch_index i), metrics averaged
over the training seeds (`is_random=False`).

    pip install nats_bench            # NATS-Bench API (or: pip install nas-bench-201)
    python3 scripts/export_nb201.py --benchmark $TORCH_HOME/NATS-tss-v1_0-3ffb9-simple \
        --hp 200 --output nb201_200epoch.csv
    python3 scripts/export_nb201.py --benchmark $TORCH_HOME/NATS-tss-v1_0-3ffb9-simple \
        --hp 12 --output nb201_12epoch.csv

`--benchmark` is either the NATS-Bench topology archive directory
(`NATS-tss-v1_0-3ffb9-simple`, opened with `nats_bench.create(path, "tss",
fast_mode=True)`) or a NAS-Bench-201 file (`NAS-Bench-201-v1_1-096897.pth`, opened
with `nas_201_api.NASBench201API`). Both APIs provide `get_more_info(index, dataset,
hp=..., is_random=False)` and `get_cost_info(index, dataset, hp=...)`, which this
script uses.

Columns (hp=200), as described in the reference data's README:
  arch_index, arch_str, edge_J_I (op on the edge from node I to node J), unique_str
  (XAutoDL's Structure.to_unique_str(consider_zero=True)), accuracies and losses per
  dataset, training times, stored parameter counts, the seed count, FLOPs from the
  exact linear model in the op counts, op counts, the closed-form CIFAR-10 parameter
  count and whether the stored count equals it.
Columns (hp=12): arch_index, arch_str and the six accuracies.
"""

import argparse
import csv
import os
import sys

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
EDGES = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]

COLUMNS_200 = (
    ["arch_index", "arch_str"]
    + ["edge_%d_%d" % edge for edge in EDGES]
    + [
        "unique_str",
        "cifar10_valid_val_acc", "cifar10_valid_test_acc", "cifar10_test_acc",
        "cifar100_val_acc_derived", "cifar100_test_acc", "cifar100_valtest_acc",
        "imagenet16_val_acc_derived", "imagenet16_test_acc", "imagenet16_valtest_acc",
        "cifar10_valid_train_acc", "cifar10_valid_train_loss", "cifar10_valid_val_loss",
        "cifar10_valid_test_loss",
        "cifar10_valid_train_time_per_epoch_s", "cifar10_valid_train_time_total_s",
        "cifar100_train_time_total_s", "imagenet16_train_time_total_s",
        "params_mb_cifar10", "params_mb_cifar100", "params_mb_imagenet16",
        "n_seeds",
        "flops_m_cifar10_derived", "flops_m_cifar100_derived", "flops_m_imagenet16_derived",
        "n_conv3x3", "n_conv1x1", "n_avgpool", "n_skip", "n_none",
        "params_mb_cifar10_formula", "params_stored_eq_formula",
    ]
)

COLUMNS_12 = [
    "arch_index", "arch_str", "cifar10_test_acc", "cifar10_valid_val_acc",
    "cifar100_test_acc", "cifar100_val_acc", "imagenet16_test_acc", "imagenet16_val_acc",
]

# MFLOPs of the benchmark's networks as an exact linear function of the op counts
# (intercept, per 3x3 conv, per 1x1 conv, per average pooling); it reproduces the
# benchmark's and NASLib's counts. The intercept differs by the classifier's size
# (10 / 100 classes) and the input size (32x32 / 16x16 for ImageNet16-120).
FLOPS_MODEL = {
    "cifar10": (7.943872, 35.81952, 4.36224, 1.29024),
    "cifar100": (7.949632, 35.81952, 4.36224, 1.29024),
    "imagenet16": (1.993792, 8.95488, 1.09056, 0.32256),
}


def fail(message):
    """Print an error and exit with the usage-error status."""
    print("export_nb201.py: error: " + message, file=sys.stderr)
    sys.exit(2)


def parse_arch(arch_str):
    """The (op, source) pairs of each node's group, checked against the NB201 form."""
    groups = arch_str.split("+")
    if len(groups) != 3:
        raise ValueError("expected 3 node groups in %r" % arch_str)
    nodes = []
    for target, group in enumerate(groups, start=1):
        if not (group.startswith("|") and group.endswith("|")):
            raise ValueError("malformed group %r in %r" % (group, arch_str))
        edges = [item.split("~") for item in group[1:-1].split("|")]
        if [int(source) for _, source in edges] != list(range(target)):
            raise ValueError("unexpected sources in group %r of %r" % (group, arch_str))
        if any(op not in OPS for op, _ in edges):
            raise ValueError("unknown operation in %r" % arch_str)
        nodes.append([(op, int(source)) for op, source in edges])
    return nodes


def unique_str(nodes):
    """NATS-Bench's isomorphism-canonical string (to_unique_str, consider_zero=True).

    Node 0 is "0"; an edge term is "#" (zero) when its op is none or its source's
    string is exactly "#", the source's string for skip_connect, and
    "(source)@op" otherwise; a node's string is its terms sorted and joined by "+".
    """
    strings = {0: "0"}
    for target, edges in enumerate(nodes, start=1):
        terms = []
        for op, source in edges:
            if op == "none" or strings[source] == "#":
                terms.append("#")
            elif op == "skip_connect":
                terms.append(strings[source])
            else:
                terms.append("(" + strings[source] + ")@" + op)
        strings[target] = "+".join(sorted(terms))
    return strings[len(nodes)]


def number(value):
    """A metric as the tables print it: six decimals."""
    if value is None:
        raise ValueError("the benchmark has no value for this metric")
    return "%.6f" % float(value)


def open_api(path):
    """The official API for a NATS-Bench archive directory or an NB201 .pth file."""
    if not os.path.exists(path):
        fail("benchmark file or directory not found: %s" % path)
    if os.path.isdir(path):
        try:
            from nats_bench import create
        except ImportError:
            fail("the NATS-Bench API is not installed: pip install nats_bench")
        return create(path, "tss", fast_mode=True, verbose=False)
    if path.endswith(".pth"):
        try:
            from nas_201_api import NASBench201API
        except ImportError:
            fail("the NAS-Bench-201 API is not installed: pip install nas-bench-201")
        return NASBench201API(path, verbose=False)
    try:
        from nats_bench import create
    except ImportError:
        fail("the NATS-Bench API is not installed: pip install nats_bench")
    return create(path, "tss", fast_mode=False, verbose=False)


def row_12(api, index, arch_str):
    def info(dataset):
        return api.get_more_info(index, dataset, hp="12", is_random=False)

    cifar10_valid, cifar10 = info("cifar10-valid"), info("cifar10")
    cifar100, imagenet16 = info("cifar100"), info("ImageNet16-120")
    return [
        str(index), arch_str,
        number(cifar10["test-accuracy"]), number(cifar10_valid["valid-accuracy"]),
        number(cifar100["test-accuracy"]), number(cifar100["valid-accuracy"]),
        number(imagenet16["test-accuracy"]), number(imagenet16["valid-accuracy"]),
    ]


def row_200(api, index, arch_str):
    def info(dataset):
        return api.get_more_info(index, dataset, hp="200", is_random=False)

    def cost(dataset):
        return api.get_cost_info(index, dataset, hp="200")

    nodes = parse_arch(arch_str)
    ops = {(target, source): op for target, edges in enumerate(nodes, start=1)
           for op, source in edges}
    counts = {op: sum(1 for value in ops.values() if value == op) for op in OPS}
    n3, n1, npool = counts["nor_conv_3x3"], counts["nor_conv_1x1"], counts["avg_pool_3x3"]

    cifar10_valid, cifar10 = info("cifar10-valid"), info("cifar10")
    cifar100, imagenet16 = info("cifar100"), info("ImageNet16-120")
    seeds = api.query_meta_info_by_index(index, hp="200").get_dataset_seeds("cifar10-valid")

    params = [cost(name)["params"] for name in ("cifar10", "cifar100", "ImageNet16-120")]
    formula = 0.073306 + 0.24304 * n3 + 0.028 * n1
    flops = [a + b * n3 + c * n1 + d * npool
             for a, b, c, d in (FLOPS_MODEL[name] for name in ("cifar10", "cifar100", "imagenet16"))]

    def derived_val(data):
        # x-valid and x-test are the two equal halves of ori-test, so the validation
        # accuracy is exactly 2 * (valid+test) - test.
        return 2 * data["valtest-accuracy"] - data["test-accuracy"]

    return (
        [str(index), arch_str]
        + [ops[edge] for edge in EDGES]
        + [unique_str(nodes)]
        + [number(x) for x in (
            cifar10_valid["valid-accuracy"], cifar10_valid["test-accuracy"],
            cifar10["test-accuracy"],
            derived_val(cifar100), cifar100["test-accuracy"], cifar100["valtest-accuracy"],
            derived_val(imagenet16), imagenet16["test-accuracy"],
            imagenet16["valtest-accuracy"],
            cifar10_valid["train-accuracy"], cifar10_valid["train-loss"],
            cifar10_valid["valid-loss"], cifar10_valid["test-loss"],
            cifar10_valid["train-per-time"], cifar10_valid["train-all-time"],
            cifar100["train-all-time"], imagenet16["train-all-time"],
        )]
        + [number(x) for x in params]
        + [str(len(seeds))]
        + [number(x) for x in flops]
        + [str(n3), str(n1), str(npool), str(counts["skip_connect"]), str(counts["none"])]
        + [number(formula), str(number(params[0]) == number(formula))]
    )


def main():
    parser = argparse.ArgumentParser(
        description="Export the NAS-Bench-201 (NATS-Bench tss) table to nas-search's CSV layout.")
    parser.add_argument("--benchmark", required=True,
                        help="NATS-tss-v1_0-3ffb9-simple directory, NATS .pickle.pbz2 file, "
                             "or NAS-Bench-201 .pth file")
    parser.add_argument("--hp", choices=["200", "12"], default="200",
                        help="training budget: 200 epochs (final results) or 12 (search reward)")
    parser.add_argument("--output", required=True, help="CSV file to write")
    parser.add_argument("--limit", type=int, default=None,
                        help="export only the first N architectures (for a quick check)")
    args = parser.parse_args()

    api = open_api(args.benchmark)
    total = len(api) if args.limit is None else min(args.limit, len(api))
    columns, make_row = (COLUMNS_200, row_200) if args.hp == "200" else (COLUMNS_12, row_12)
    with open(args.output, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for index in range(total):
            arch_str = api.arch(index)
            row = make_row(api, index, arch_str)
            assert len(row) == len(columns)
            writer.writerow(row)
            if hasattr(api, "clear_params"):
                api.clear_params(index, None)
            if (index + 1) % 1000 == 0:
                print("%d / %d" % (index + 1, total), file=sys.stderr)
    print("wrote %d architectures to %s" % (total, args.output), file=sys.stderr)


if __name__ == "__main__":
    main()
