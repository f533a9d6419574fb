"""Spearman/Kendall of a nas-search score table against a benchmark metric, looking each
scored architecture up with `nas-search describe` (the same lookup `score` uses).

usage: python3 correlate.py BINARY SPACE TABLE BENCHMARK METRIC
"""
import csv, json, subprocess, sys
from scipy import stats

binary, space, table, benchmark, metric = sys.argv[1:6]
rows = list(csv.DictReader(l for l in open(table) if not l.startswith('#')))
pairs, failed, missing = [], 0, 0
for r in rows:
    if r['failure']:
        failed += 1
        continue
    out = subprocess.run([binary, 'describe', '--space', space, r['arch'], '--benchmark', benchmark],
                         capture_output=True, text=True, check=True).stdout
    value = json.loads(out).get('metrics', {}).get(metric)
    if value is None:
        missing += 1
        continue
    pairs.append((float(r['score']), float(value)))
s, m = zip(*pairs)
print(f"rows={len(rows)} failed={failed} no_metric={missing} correlated={len(pairs)}")
print(f"spearman={stats.spearmanr(s, m)[0]:.4f} kendall={stats.kendalltau(s, m)[0]:.4f}")
