#!/usr/bin/env bash
# PDEBench-format data for the CAPE reproduction (METHODS.md §1.8), into Benchmarks/data/cape/.
#   advection: 200 training trajectories per β (seed 0) and 50 test trajectories per β (seed 1),
#              nx = 1024, 201 frames on t ∈ [0, 2] (training reads every 8th cell, every 5th frame);
#   Burgers:   the same counts, generated directly at nx = 128, 41 frames (the explicit viscous
#              step at 1024 cells would need ~2·10⁷ steps per trajectory for ν = 4), with
#              --mean-offsets (PDEBench's constant for the modes not drawn): without it most
#              initial states have zero mean and decay to zero at large ν, where nRMSE divides by 0.
# Files that exist already are kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
SURROGATE=${SURROGATE:-.build/release/surrogate}
DATA=Benchmarks/data/cape
mkdir -p "$DATA"

make_file() {  # equation flag value split samples seed nx nt [extra flags]
    local out="$DATA/$1_$3_$4.h5"
    [ -f "$out" ] && return 0
    "$SURROGATE" simulate "$1" "--$2" "$3" --samples "$5" --seed "$6" --nx "$7" --nt "$8" "${@:9}" --out "$out" | tail -1
}

for beta in 0.2 0.4 0.7 2.0 4.0; do make_file advection beta "$beta" train 200 0 1024 201; done
for beta in 0.1 0.2 0.4 0.7 1.0 2.0 4.0 7.0; do make_file advection beta "$beta" test 50 1 1024 201; done
for nu in 0.002 0.02 0.04 0.2 0.4 2.0; do make_file burgers nu "$nu" train 200 0 128 41 --mean-offsets; done
for nu in 0.001 0.002 0.01 0.02 0.04 0.1 0.2 0.4 1.0 2.0 4.0; do make_file burgers nu "$nu" test 50 1 128 41 --mean-offsets; done
