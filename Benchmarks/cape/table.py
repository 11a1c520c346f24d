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
            entry = rows.setdefault(value, {"seen": row["seen"], "extrapolated": row.get("extrapolated"), "name": name,
                                            "samples": row["samples"]})
            entry[key] = row["nRMSE"]
            entry[key + ".rmse"] = row["rmse"]

name = next(iter(rows.values()))["name"]
print(f"# CAPE reproduction: {pde}\n")
print("Rollout nRMSE (fully autoregressive from the first frame, all 40 predicted frames, "
      f"PDEBench metrics averaged over samples); {next(iter(rows.values()))['samples']} test trajectories per value "
      "(seed 1, never trained on). Regenerate with `Benchmarks/cape/reproduce.sh " + pde + "`."
      + (" \"no, extrapolated\": the value lies outside the range of the training values." if any(r["extrapolated"] for r in rows.values()) else "")
      + "\n")
def table(metric, suffix):
    print(f"| {name} | seen in training | " + " | ".join(label for _, label in models) + " | best |")
    print("|---|---|" + "---|" * (len(models) + 1))
    for value in sorted(rows):
        row = rows[value]
        best = min((row[key + suffix], key) for key, _ in models)[1]
        cells = [f"**{row[key + suffix]:.4g}**" if key == best else f"{row[key + suffix]:.4g}" for key, _ in models]
        seen = "yes" if row["seen"] else "no, extrapolated" if row["extrapolated"] else "no"
        print(f"| {value:g} | {seen} | " + " | ".join(cells) + f" | {dict(models)[best]} |")
    for seen, label in [(False, "mean, unseen"), (True, "mean, seen")]:
        values = [v for v in rows if rows[v]["seen"] == seen]
        if values:
            means = [sum(rows[v][key + suffix] for v in values) / len(values) for key, _ in models]
            print(f"| {label} | | " + " | ".join(f"{m:.4g}" for m in means) + " | |")
    print()


print("## nRMSE\n")
table("nRMSE", "")
print("## RMSE\n")
print("(RMSE does not divide by the norm of the truth, so it stays meaningful where a solution decays towards "
      "a small mean.)\n")
table("RMSE", ".rmse")
print("| model | parameters | vs. plain FNO |\n|---|---|---|")
for key, label in models:
    print(f"| {label} | {counts[key]:,} | " + (f"{100 * (counts[key] / counts['fno'] - 1):+.1f} % |" if "fno" in counts else "|"))
keys = dict(models)
for metric, suffix in [("nRMSE", ""), ("RMSE", ".rmse")]:
    if "cape" in keys and "fno" in keys:
        better = [v for v in sorted(rows) if rows[v]["cape" + suffix] < rows[v]["fno" + suffix]]
        print(f"\n{metric}: CAPE-FNO below the plain FNO on {len(better)} of {len(rows)} values"
              + ("" if len(better) == len(rows) else f" (not on {', '.join(f'{v:g}' for v in sorted(set(rows) - set(better)))})") + ".")
    if "cape" in keys and "conditional" in keys:
        better = [v for v in rows if rows[v]["cape" + suffix] < rows[v]["conditional" + suffix]]
        print(f"{metric}: CAPE-FNO below the FNO with λ channels on {len(better)} of {len(rows)} values.")
    if "cape" in keys and "cape-tf" in keys:
        better = [v for v in rows if rows[v]["cape" + suffix] < rows[v]["cape-tf" + suffix]]
        print(f"{metric}: curriculum below pure teacher forcing on {len(better)} of {len(rows)} values.")
