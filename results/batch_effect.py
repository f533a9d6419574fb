"""How much accuracy-stability scores move when the batch changes: the cells of TABLE_B
(rescored on another batch with the same seed, so the same initialisations) against their
scores in TABLE_A.

usage: python3 batch_effect.py TABLE_A TABLE_B

Prints the Spearman and Kendall correlation of the two scores over the cells scored in
both, the median and largest relative change of the CV, and which cell is lowest-CV in each.
"""
import csv
import statistics
import sys

from scipy import stats


def scores(path):
    rows = csv.DictReader(line for line in open(path) if not line.startswith("#"))
    return {r["arch"]: float(r["score"]) for r in rows if not r["failure"]}


a, b = scores(sys.argv[1]), scores(sys.argv[2])
cells = [cell for cell in b if cell in a]
x, y = [a[c] for c in cells], [b[c] for c in cells]
change = [abs(q - p) / abs(p) for p, q in zip(x, y)]
print(f"cells={len(cells)} (of {len(b)} rescored)")
print(f"spearman={stats.spearmanr(x, y)[0]:.3f} kendall={stats.kendalltau(x, y)[0]:.3f}")
print(f"relative change of the CV: median {statistics.median(change):.3f}, max {max(change):.3f}")
best_a, best_b = max(cells, key=a.get), max(cells, key=b.get)
print(f"lowest CV on batch A: {best_a} (rank on B: {sorted(cells, key=b.get, reverse=True).index(best_a) + 1})")
print(f"lowest CV on batch B: {best_b} (rank on A: {sorted(cells, key=a.get, reverse=True).index(best_b) + 1})")
