#!/usr/bin/env bash
# The CAPE reproduction (METHODS.md §1.8), one command:
#   Benchmarks/cape/reproduce.sh [advection|burgers|all]      (default all)
# generates the data (generate_data.sh), trains the four models of each PDE from configs/
# (plain FNO, "conditional" FNO, CAPE-FNO with the curriculum, CAPE-FNO with pure teacher
# forcing), two at a time on one BLAS thread each, evaluates every model on every test file and
# writes Benchmarks/results/cape_<pde>.md (tables of rollout nRMSE per parameter value).
# Runs that finished are kept; interrupted ones resume. JOBS=1 runs one model at a time;
# MODELS="cape fno" trains and tabulates a subset.
set -euo pipefail
cd "$(dirname "$0")/../.."
PDES=${1:-all}
[ "$PDES" = all ] && PDES="advection burgers"
JOBS=${JOBS:-2}
MODELS=${MODELS:-cape fno cape-tf conditional}   # the order they train in
make --no-print-directory build >/dev/null
SURROGATE=${SURROGATE:-$(mktemp -d)/surrogate}
[ -x "$SURROGATE" ] || cp .build/release/surrogate "$SURROGATE"   # a fixed copy: rebuilds cannot change a running reproduction
export SURROGATE
Benchmarks/cape/generate_data.sh
RUNS=Benchmarks/data/cape/runs
mkdir -p "$RUNS" Benchmarks/results

train() {  # config name
    local config=Benchmarks/cape/configs/$1.json log=$RUNS/$1.log
    local state=$RUNS/$1/training-state.safetensors
    if [ -f "$RUNS/$1/done" ]; then echo "$1: trained already"; return 0; fi
    echo "$1: training (log: $log)"
    if [ -f "$state" ]; then resume=--resume; else resume=; fi
    OPENBLAS_NUM_THREADS=$((2 / JOBS > 0 ? 2 / JOBS : 1)) "$SURROGATE" train --config "$config" $resume >>"$log" 2>&1 \
        && touch "$RUNS/$1/done" && tail -2 "$log" | head -1
}

for pde in $PDES; do
    pids=()
    for model in $MODELS; do
        train "$pde-$model" & pids+=($!)
        if [ ${#pids[@]} -ge "$JOBS" ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    for model in $MODELS; do
        "$SURROGATE" evaluate "$RUNS/$pde-$model" Benchmarks/data/cape/${pde}_*_test.h5 \
            --json "$RUNS/$pde-$model/evaluation.json" --pictures "$RUNS/$pde-$model/pictures" >/dev/null
    done
    python3 Benchmarks/cape/table.py "$pde" "$RUNS" > Benchmarks/results/cape_$pde.md
    cat Benchmarks/results/cape_$pde.md
done
