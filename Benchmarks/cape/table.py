"""Assembles Benchmarks/results/cape_<pde>.md from the evaluation.json files of reproduce.sh."""
import json
import os
import sys

pde, runs = sys.argv[1], sys.argv[2]
models = [("fno", "FNO (plain)"), ("conditional", "FNO + λ channels"), ("cape", "CAPE-FNO, curriculum"),
          ("cape-tf", "CAPE-FNO, teacher forcing")]
models = [(key, label) for key, label in models if os.path.exists(os.path.join(runs, f"{pde}-{key}", "evaluation.json"))]
rows = {}
counts = {}
for key, _ in models:
    directory = os.path.join(runs, f"{pde}-{key}")
    with open(os.path.join(directory, "model.json")) as f:
        counts[key] = json.load(f)["parameter_count"]
    with open(os.path.join(directory, "evaluation.json")) as f:
        for row in json.load(f):
            (name, value), = row["parameters"].items()
            rows.setdefault(value, {"seen": row["seen"], "name": name, "samples": row["samples"]})[key] = row["nRMSE"]

name = next(iter(rows.values()))["name"]
print(f"# CAPE reproduction: {pde}\n")
print("Rollout nRMSE (fully autoregressive from the first frame, all 40 predicted frames, "
      f"PDEBench metrics averaged over samples); {next(iter(rows.values()))['samples']} test trajectories per value "
      "(seed 1, never trained on). Regenerate with `Benchmarks/cape/reproduce.sh " + pde + "`.\n")
print(f"| {name} | seen in training | " + " | ".join(label for _, label in models) + " | best |")
print("|---|---|" + "---|" * (len(models) + 1))
wins = {key: 0 for key, _ in models}
for value in sorted(rows):
    row = rows[value]
    best = min((row[key], key) for key, _ in models)[1]
    wins[best] += 1
    cells = [f"**{row[key]:.4f}**" if key == best else f"{row[key]:.4f}" for key, _ in models]
    print(f"| {value:g} | {'yes' if row['seen'] else 'no'} | " + " | ".join(cells) + f" | {dict(models)[best]} |")
for seen, label in [(False, "mean, unseen"), (True, "mean, seen")]:
    values = [v for v in rows if rows[v]["seen"] == seen]
    if values:
        means = [sum(rows[v][key] for v in values) / len(values) for key, _ in models]
        print(f"| {label} | | " + " | ".join(f"{m:.4f}" for m in means) + " | |")
print("\n| model | parameters | vs. plain FNO |\n|---|---|---|")
for key, label in models:
    print(f"| {label} | {counts[key]:,} | " + (f"{100 * (counts[key] / counts['fno'] - 1):+.1f} % |" if "fno" in counts else "|"))
keys = dict(models)
if "cape" in keys and "fno" in keys:
    better = all(rows[v]["cape"] < rows[v]["fno"] for v in rows)
    print(f"\nCAPE-FNO below the plain FNO on every value: {'yes' if better else 'no'}.")
if "cape" in keys and "cape-tf" in keys:
    better = sum(rows[v]["cape"] for v in rows) < sum(rows[v]["cape-tf"] for v in rows)
    print(f"Curriculum below pure teacher forcing (mean over values): {'yes' if better else 'no'}.")
