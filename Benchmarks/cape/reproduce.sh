#!/usr/bin/env bash
# The CAPE reproduction (METHODS.md §1.8), one command:
#   Benchmarks/cape/reproduce.sh [advection|burgers|all]      (default all)
# generates the data (generate_data.sh), trains the four models of each PDE from configs/
# (CAPE-FNO with the curriculum, plain FNO, CAPE-FNO with pure teacher forcing, "conditional"
# FNO with λ as input channels) as one queue of runs, JOBS at a time (default 2, one BLAS thread
# each), evaluates every model on every test file of its PDE (keeping the rollouts in each run's
# predictions/ folder) and writes Benchmarks/results/cape_<pde>.md (rollout nRMSE per parameter
# value, parameter counts); for advection also Benchmarks/results/cape_advection_speed.md
# (phase_speed.py: how close to β a rollout must move the field, and the speed each model uses).
# Finished runs are kept and interrupted ones resume, so the command can simply be run again.
# MODELS="cape fno" trains and tabulates a subset.
set -euo pipefail
cd "$(dirname "$0")/../.."
PDES=${1:-all}
[ "$PDES" = all ] && PDES="advection burgers"
JOBS=${JOBS:-2}
MODELS=${MODELS:-cape fno cape-tf conditional}
make --no-print-directory build venv >/dev/null
SURROGATE=${SURROGATE:-$(mktemp -d)/surrogate}
[ -x "$SURROGATE" ] || cp .build/release/surrogate "$SURROGATE"   # a fixed copy: rebuilds cannot change a running reproduction
export SURROGATE JOBS
Benchmarks/cape/generate_data.sh
RUNS=Benchmarks/data/cape/runs
mkdir -p "$RUNS" Benchmarks/results

# One run: trains (or resumes) configs/<name>.json into $RUNS/<name>, logging to $RUNS/<name>.log.
train() {
    local name=$1 log=$RUNS/$1.log
    if [ -f "$RUNS/$name/done" ]; then echo "$name: trained already"; return 0; fi
    local resume=
    [ -f "$RUNS/$name/training-state.safetensors" ] && resume=--resume
    echo "$name: training${resume:+ (resuming)}, log $log"
    if OPENBLAS_NUM_THREADS=$((JOBS >= 2 ? 1 : 2)) "$SURROGATE" train --config "Benchmarks/cape/configs/$name.json" $resume \
        >>"$log" 2>&1; then
        touch "$RUNS/$name/done"; echo "$name: $(grep '^epoch' "$log" | tail -1)"
    else
        echo "$name: FAILED, see $log"; return 1
    fi
}
export -f train
export RUNS

# The queue, model-major so that the main comparison (CAPE vs plain) of both PDEs comes first.
queue=()
for model in $MODELS; do for pde in $PDES; do queue+=("$pde-$model"); done; done
printf '%s\n' "${queue[@]}" | xargs -P "$JOBS" -I{} bash -c 'train {}'

for pde in $PDES; do
    for model in $MODELS; do
        "$SURROGATE" evaluate "$RUNS/$pde-$model" Benchmarks/data/cape/${pde}_*_test.h5 \
            --json "$RUNS/$pde-$model/evaluation.json" --pictures "$RUNS/$pde-$model/pictures" \
            --predictions "$RUNS/$pde-$model/predictions" >/dev/null
    done
    python3 Benchmarks/cape/table.py "$pde" "$RUNS" > Benchmarks/results/cape_$pde.md
    cat Benchmarks/results/cape_$pde.md
done

if [[ " $PDES " == *" advection "* && -f "$RUNS/advection-fno/evaluation.json" ]]; then
    models=()
    for model in $MODELS; do models+=(--model "$model=$RUNS/advection-$model/predictions"); done
    {
        echo "# CAPE reproduction: advection, the speed of the rollouts"
        echo
        echo "Regenerate with \`Benchmarks/cape/reproduce.sh advection\` (\`Benchmarks/cape/phase_speed.py\`, its docstring says how each column is computed)."
        echo
        .venv/bin/python Benchmarks/cape/phase_speed.py Benchmarks/data/cape --baseline "$RUNS/advection-fno/evaluation.json" "${models[@]}"
    } > Benchmarks/results/cape_advection_speed.md
    cat Benchmarks/results/cape_advection_speed.md
fi
