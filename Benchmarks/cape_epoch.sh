#!/usr/bin/env bash
# One training epoch of our CAPE-FNO and plain FNO against PyTorch CPU, in the same run.
#
# What is measured, per model (fno: conditioning none, FNO width 36; cape: FNO width 21 with a
# CAPE module of d = 64 and 16 modes; both 12 FNO modes, 4 layers; 128 points, 41 frames):
#   - the wall time of one curriculum training epoch (not warm-up) with T_AR = 20 of 40 steps:
#     900 shuffled training trajectories in batches of 50, the rollout loss with gradients through
#     the whole rollout (+ CAPE's auxiliary loss), Adam lr 3e-3 with weight decay 1e-4, followed by
#     the fully autoregressive validation rollout (no gradients) of 100 trajectories, which our
#     trainer runs after every epoch. PyTorch does the same validation rollout, so the work is
#     equal. (Checkpoint writing, after the epoch clock stops, is not included on either side.)
#       ours:    `surrogate train` with epochs 2, warmupEpochs 0, feeding curriculum; the time is
#                EpochRecord.seconds of the 2nd epoch (T_AR 20/40; the 1st epoch, T_AR 1, is the
#                warm-up), read from the "history" metadata of training-state.safetensors.
#       PyTorch: Benchmarks/cape_epoch_torch.py, the same architecture written from our Swift code
#                (same parameter count, printed by both), one untimed warm-up batch, then
#                $TORCH_EPOCHS timed epochs (median), random data of the same shape.
#   - peak resident memory of each process: /usr/bin/time -f %M for ours, ru_maxrss for PyTorch
#     (which includes torch's own import footprint).
# Both sides run with the same thread count: THREADS (default 1) goes to OMP_NUM_THREADS,
# OPENBLAS_NUM_THREADS, MKL_NUM_THREADS and torch.set_num_threads. OPENBLAS_CORETYPE is left as the
# environment has it for both (ours picks SkylakeX itself when it is unset; PyTorch uses MKL).
# Runs are interleaved (for each repeat: each model, ours then PyTorch), REPEATS times (default 3);
# medians are reported. ratio = PyTorch s/epoch ÷ ours s/epoch: > 1 means we are faster.
#
# Usage: Benchmarks/cape_epoch.sh   (from anywhere; needs a release build and .venv-bench with torch)
#   SURROGATE=path   our binary (default .build/release/surrogate)
#   THREADS=1 REPEATS=3 MODELS="fno cape" TRAJECTORIES=900 VALIDATION=100 TORCH_EPOCHS=1
#   SIDES=both|ours|torch   (ours/torch alone: a plumbing check, no ratio)
# The data (PDEBench layout, advection β = 1, 128 points × 41 frames) is generated once into
# Benchmarks/data/ by `surrogate simulate`.
set -euo pipefail
cd "$(dirname "$0")/.."
SURROGATE=${SURROGATE:-.build/release/surrogate}
PYTHON=${PYTHON:-.venv-bench/bin/python}
THREADS=${THREADS:-1}
REPEATS=${REPEATS:-3}
MODELS=${MODELS:-fno cape}
TRAJECTORIES=${TRAJECTORIES:-900}
VALIDATION=${VALIDATION:-100}
TORCH_EPOCHS=${TORCH_EPOCHS:-1}
SIDES=${SIDES:-both}
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS

case "$SIDES" in both|ours|torch) ;; *) echo "SIDES must be both, ours or torch" >&2; exit 2 ;; esac
if [ "$SIDES" != torch ] && [ ! -x "$SURROGATE" ]; then
    echo "no binary at $SURROGATE (build with 'swift build -c release' or set SURROGATE)" >&2; exit 1
fi
if [ "$SIDES" != ours ] && ! "$PYTHON" -c "import torch" 2>/dev/null; then
    echo "$PYTHON cannot import torch (make bench installs it into .venv-bench)" >&2; exit 1
fi

total=$((TRAJECTORIES + VALIDATION))
samples=$((total > 1000 ? total : 1000))
DATA=Benchmarks/data/cape_epoch_advection_beta1_${samples}.h5
if [ "$SIDES" != torch ] && [ ! -f "$DATA" ]; then
    mkdir -p Benchmarks/data
    "$SURROGATE" simulate advection --beta 1 --samples "$samples" --nx 128 --nt 41 --out "$DATA.partial" | tail -1
    mv "$DATA.partial" "$DATA"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cape-epoch.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The training configuration of one of our runs: model $1, output folder $2.
write_config() {
    local model=$1 output=$2 width conditioning
    if [ "$model" = fno ]; then width=36 conditioning=none; else width=21 conditioning=cape; fi
    cat > "$output.json" <<EOF
{
  "data": {"files": ["$PWD/$DATA"], "samplesPerFile": $total,
           "validationFraction": $(python3 -c "print($VALIDATION / $total)")},
  "model": {"architecture": "fno1d", "conditioning": "$conditioning", "width": $width, "modes": 12, "layers": 4,
            "capeWidth": 64, "capeModes": 16},
  "training": {"epochs": 2, "warmupEpochs": 0, "batchSize": 50, "learningRate": 0.003, "weightDecay": 0.0001,
               "stepSize": 8, "gamma": 0.5, "feeding": "curriculum", "inputNoise": 0.001,
               "auxiliaryWeight": 5.7e-05, "seed": 0},
  "output": "$output"
}
EOF
}

# The 2nd epoch's record from a training state: "seconds phase" (plain json + struct).
epoch_record() {
    python3 - "$1" <<'EOF'
import json, struct, sys
with open(sys.argv[1], "rb") as f:
    (length,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(length))
history = json.loads(header["__metadata__"]["history"])
record = history[1]
print(f"{record['seconds']:.3f} {record['phase'].replace(' ', '_')}")
EOF
}

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | tail -1; }
median() { sort -g | awk 'NF { v[++n] = $1 } END { if (n == 0) print "-"; else print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }'; }

declare -A OURS_S OURS_MB TORCH_S TORCH_MB OURS_P TORCH_P
run=0
for repeat in $(seq "$REPEATS"); do
    for model in $MODELS; do
        run=$((run + 1))
        if [ "$SIDES" != torch ]; then
            output=$WORK/run$run-$model
            write_config "$model" "$output"
            log=$WORK/run$run-$model.log
            if ! /usr/bin/time -f "peak_kb=%M" -o "$output.time" "$SURROGATE" train --config "$output.json" > "$log" 2>&1; then
                cat "$log" >&2; exit 1
            fi
            read -r seconds phase < <(epoch_record "$output/training-state.safetensors")
            peak=$(value peak_kb < "$output.time")
            parameters=$(sed -n 's/^model: .* \([0-9][0-9]*\) parameters$/\1/p' "$log")
            peak_mib=$(python3 -c "print(f'{$peak / 1024:.0f}')")
            [ "$phase" = "T_AR_20/40" ] || echo "warning: our 2nd epoch ran $phase, not T_AR 20/40" >&2
            echo "[$repeat/$REPEATS] $model ours:    ${seconds} s/epoch ($phase), peak $peak_mib MiB, $parameters parameters" >&2
            OURS_S[$model]+="$seconds"$'\n'
            OURS_MB[$model]+="$peak_mib"$'\n'
            OURS_P[$model]=$parameters
        fi
        if [ "$SIDES" != ours ]; then
            line=$("$PYTHON" Benchmarks/cape_epoch_torch.py --model "$model" --threads "$THREADS" \
                --trajectories "$TRAJECTORIES" --validation "$VALIDATION" --epochs "$TORCH_EPOCHS" --t-ar 20 | tail -1)
            echo "[$repeat/$REPEATS] $model PyTorch: $line" >&2
            TORCH_S[$model]+="$(echo "$line" | value seconds_per_epoch)"$'\n'
            TORCH_MB[$model]+="$(echo "$line" | value peak_rss_mib)"$'\n'
            TORCH_P[$model]=$(echo "$line" | value parameters)
        fi
    done
done

printf '\n| model | ours s/epoch | PyTorch s/epoch | ratio | ours peak MiB | PyTorch peak MiB | parameters (ours / PyTorch) |\n'
printf '|---|---|---|---|---|---|---|\n'
for model in $MODELS; do
    ours=$(printf '%s' "${OURS_S[$model]:-}" | median)
    theirs=$(printf '%s' "${TORCH_S[$model]:-}" | median)
    ratio=-
    if [ "$ours" != - ] && [ "$theirs" != - ]; then ratio=$(python3 -c "print(f'{$theirs / $ours:.2f}')"); fi
    ours_mb=$(printf '%s' "${OURS_MB[$model]:-}" | median)
    their_mb=$(printf '%s' "${TORCH_MB[$model]:-}" | median)
    echo "| $model | $ours | $theirs | $ratio | $ours_mb | $their_mb | ${OURS_P[$model]:--} / ${TORCH_P[$model]:--} |"
    if [ -n "${OURS_P[$model]:-}" ] && [ -n "${TORCH_P[$model]:-}" ] && [ "${OURS_P[$model]}" != "${TORCH_P[$model]}" ]; then
        echo "warning: parameter counts differ for $model: the two sides do not run the same architecture" >&2
    fi
done
echo
echo "threads=$THREADS; median of $REPEATS interleaved runs per side; $TRAJECTORIES training + $VALIDATION validation" \
     "trajectories [41, 1, 128], batch 50, T_AR 20/40; ratio = PyTorch / ours (> 1: we are faster);" \
     "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
if [ "$SIDES" != torch ]; then info=$("$SURROGATE" info 2>/dev/null || true); echo "${info}" | sed -n 1,2p; fi
if [ "$SIDES" != ours ]; then "$PYTHON" -c "import torch; print('torch', torch.__version__)"; fi
