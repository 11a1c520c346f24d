"""How exactly must a one-frame advection surrogate know its speed, and what speed do trained models use?

    python Benchmarks/cape/phase_speed.py DATA_DIR [--baseline EVALUATION.json] [--model NAME=PREDICTIONS_DIR]...

Advection u_t + β u_x = 0 on the periodic unit interval is a translation: u(x, t) = u₀(x − βt).
For every `advection_<β>_test.h5` in DATA_DIR (read at the models' resolution, every 8th cell and
5th frame), this prints

- the *speed oracle*: the rollout nRMSE (PDEBench's, over the 40 predicted frames) of the first
  frame translated exactly at a speed v instead of β, û(x, t) = u₀(x − vt) (by Fourier phase
  shift), and the interval of v around β within which that oracle scores below the baseline's
  nRMSE (`--baseline`, an `evaluation.json` of `surrogate evaluate`, e.g. the plain FNO's;
  default 1.0): how close to β a prediction that keeps the field's shape must move it;
- for each `--model NAME=DIR` (the `--predictions` folder of `surrogate evaluate`), the speed that
  model moves the field in one step, v̂ = argmin_v ‖û₁ − u₀(· − vΔt)‖ (median and quartiles over the
  samples), and the ratio of the last predicted frame's norm to the truth's (median).
"""
import argparse
import glob
import json
import os
import re

import h5py
import numpy as np

SPACE_STRIDE, TIME_STRIDE = 8, 5
SPEEDS = np.arange(0.0, 10.0001, 0.01)


def read_frames(path, strided):
    with h5py.File(path, "r") as f:
        tensor = f["tensor"][:, ::TIME_STRIDE, ::SPACE_STRIDE] if strided else f["tensor"][...]
        times = f["t-coordinate"][...]
    times = times[::TIME_STRIDE][: tensor.shape[1]] if strided else times[: tensor.shape[1]]
    return tensor.astype(np.float64), times.astype(np.float64)


def translated(first, shifts):
    """first [N, X] translated by each of shifts [S] on the unit interval: [N, S, X]."""
    points = first.shape[-1]
    spectrum = np.fft.rfft(first, axis=-1)[:, None, :]
    phase = np.exp(-2j * np.pi * np.arange(spectrum.shape[-1])[None, :] * shifts[:, None])
    return np.fft.irfft(spectrum * phase[None], n=points, axis=-1)


def nrmse(prediction, truth):
    """PDEBench nRMSE of [N, T, X] arrays: per sample and frame, then the mean."""
    error = np.sqrt(np.mean((prediction - truth) ** 2, axis=-1))
    return float(np.mean(error / np.sqrt(np.mean(truth ** 2, axis=-1))))


def oracle_scores(frames, times):
    """nRMSE of the first frame moved at each speed in SPEEDS, against frames 1…."""
    first, truth = frames[:, 0], frames[:, 1:]
    scores = []
    for v in SPEEDS:
        moved = translated(first, v * times[1:])
        scores.append(nrmse(moved, truth))
    return np.array(scores)


def window(scores, beta, threshold):
    """The interval of speeds around beta where the oracle scores below threshold."""
    centre = int(np.argmin(np.abs(SPEEDS - beta)))
    if scores[centre] >= threshold:
        return None
    low = high = centre
    while low > 0 and scores[low - 1] < threshold:
        low -= 1
    while high < len(SPEEDS) - 1 and scores[high + 1] < threshold:
        high += 1
    return SPEEDS[low], SPEEDS[high]


def step_speed(predicted, times):
    """Per sample, the speed that best explains predicted frame 1 as a translation of frame 0."""
    dt = times[1] - times[0]
    candidates = translated(predicted[:, 0], SPEEDS * dt)          # [N, S, X]
    misfit = np.sum((candidates - predicted[:, 1][:, None, :]) ** 2, axis=-1)
    return SPEEDS[np.argmin(misfit, axis=1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data")
    parser.add_argument("--baseline", help="evaluation.json whose nRMSE per β is the oracle's threshold")
    parser.add_argument("--model", action="append", default=[], help="NAME=PREDICTIONS_DIR")
    args = parser.parse_args()
    thresholds = {}
    if args.baseline:
        with open(args.baseline) as f:
            thresholds = {row["parameters"]["beta"]: row["nRMSE"] for row in json.load(f)}
    models = [spec.split("=", 1) for spec in args.model]
    files = sorted(glob.glob(os.path.join(args.data, "advection_*_test.h5")),
                   key=lambda p: float(re.search(r"advection_([0-9.]+)_test", p).group(1)))
    if not files:
        raise SystemExit(f"error: no advection_<β>_test.h5 in {args.data}")

    header = "| β | exact-speed oracle | baseline nRMSE | oracle below baseline for v in |"
    header += "".join(f" {name}: step speed (quartiles) | {name}: last-frame norm ratio |" for name, _ in models)
    print(header)
    print("|" + "---|" * (4 + 2 * len(models)))
    for path in files:
        beta = float(re.search(r"advection_([0-9.]+)_test", path).group(1))
        frames, times = read_frames(path, strided=True)
        scores = oracle_scores(frames, times)
        threshold = thresholds.get(beta, 1.0)
        interval = window(scores, beta, threshold)
        span = f"[{interval[0]:.2f}, {interval[1]:.2f}] (β ± {100 * max(beta - interval[0], interval[1] - beta) / beta:.1f} %)" \
            if interval else "none"
        cells = [f"{beta:g}", f"{scores[np.argmin(np.abs(SPEEDS - beta))]:.4f}", f"{threshold:.4f}", span]
        for _, directory in models:
            predicted, predicted_times = read_frames(os.path.join(directory, os.path.basename(path)), strided=False)
            speeds = step_speed(predicted, predicted_times)
            q1, median, q3 = np.percentile(speeds, [25, 50, 75])
            ratio = np.linalg.norm(predicted[:, -1], axis=-1) / np.linalg.norm(frames[:, -1], axis=-1)
            cells += [f"{median:.2f} ({q1:.2f}–{q3:.2f})", f"{np.median(ratio):.2f}"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
