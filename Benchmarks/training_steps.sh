#!/usr/bin/env bash
# Training-step throughput, this project against PyTorch CPU, in the same run and with the
# same BLAS thread count (default 1: two-thread figures on a 2-vCPU machine vary by 2×).
# Run through `make bench`, which builds the release binary and installs torch into .venv-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-1}
REPEATS=${REPEATS:-5}   # runs per side, interleaved; the median is reported
SWIFT=.build/release/surrogate
PYTHON=.venv-bench/bin/python

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The sgemm peak: the best of 20 products, measured before and after the training runs.
sgemm_peak() { $SWIFT bench-steps sgemm --threads "$THREADS" | tee /dev/stderr | value gflops; }
peak_before=$(sgemm_peak)
rows=""
for workload in mlp fno; do
    steps=$([ "$workload" = mlp ] && echo 20 || echo 50)
    ours="" theirs=""
    for _ in $(seq "$REPEATS"); do
        ours+="$($SWIFT bench-steps "$workload" --steps "$steps" --threads "$THREADS")"$'\n'
        theirs+="$($PYTHON Benchmarks/torch_steps.py "$workload" "$THREADS" "$steps" 2>/dev/null)"$'\n'
    done
    rows+="$workload $(echo "$ours" | value steps_per_second | median) $(echo "$theirs" | value steps_per_second | median)"
    gflops=$(echo "$ours" | value gflops)
    rows+=" ${gflops:+$(echo "$gflops" | median)}"$'\n'
done
peak_after=$(sgemm_peak)
peak=$(python3 -c "print(max($peak_before, $peak_after))")

printf '\n| workload | surrogate steps/s | PyTorch steps/s | ratio | surrogate GFLOP/s | %% of sgemm peak |\n|---|---|---|---|---|---|\n'
while read -r workload ours_rate their_rate gflops; do
    [ -n "$workload" ] || continue
    ratio=$(python3 -c "print(f'{$ours_rate / $their_rate:.2f}')")
    share=$([ -n "$gflops" ] && python3 -c "print(f'{100 * $gflops / $peak:.0f}')" || echo "-")
    echo "| $workload | $ours_rate | $their_rate | $ratio | ${gflops:--} | $share |"
done <<< "$rows"
echo
echo "threads=$THREADS; median of $REPEATS interleaved runs per side; sgemm peak ${peak} GFLOP/s (n=1024, best of 20, before and after); $($SWIFT info | head -2 | tr -s ' \n' ' ')"
