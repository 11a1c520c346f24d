#!/usr/bin/env bash
# Read throughput of a PDEBench-layout file of at least 1 GB, this project against h5py, in the
# same run: stride 1 and stride 8 (every 8th frame and point), batches of 64 samples, the median
# of REPEATS interleaved runs per side. Run through `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=.build/release/surrogate
PYTHON=.venv/bin/python
REPEATS=${REPEATS:-3}
FILE=${FILE:-Benchmarks/data/1D_Advection_bench.hdf5}
mkdir -p "$(dirname "$FILE")"

if [ ! -f "$FILE" ]; then
    # 1300 samples × 201 frames × 1024 points of float32 = 1.07 GB, contiguous like PDEBench's.
    $PYTHON - "$FILE" <<'PY'
import sys, numpy as np, h5py
x = (np.arange(1024) + 0.5) / 1024
with h5py.File(sys.argv[1] + ".tmp", "w") as f:
    d = f.create_dataset("tensor", (1300, 201, 1024), dtype=np.float32)
    for i in range(0, 1300, 100):
        phase = np.arange(i, i + 100)[:, None, None] * 0.01 + np.arange(201)[None, :, None] * 0.005
        d[i:i + 100] = np.sin(2 * np.pi * (x[None, None, :] - phase)).astype(np.float32)
    f["x-coordinate"] = x.astype(np.float32)
    f["t-coordinate"] = (np.arange(202) * 0.01).astype(np.float32)
    f.attrs["beta"] = 0.5
PY
    mv "$FILE.tmp" "$FILE"
fi
ls -l "$FILE"

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '\n| stride | surrogate MB/s | h5py MB/s | ratio | surrogate peak RSS MB | h5py peak RSS MB |\n|---|---|---|---|---|---|\n'
for stride in 1 8; do
    ours="" theirs=""
    for _ in $(seq "$REPEATS"); do
        ours+="$($SWIFT data scan "$FILE" --batch-size 64 --time-stride "$stride" --space-stride "$stride")"$'\n'
        theirs+="$($PYTHON Benchmarks/h5py_read.py "$FILE" 64 "$stride")"$'\n'
    done
    a=$(echo "$ours" | value mb_per_second | median)
    b=$(echo "$theirs" | value mb_per_second | median)
    echo "| $stride | $a | $b | $(python3 -c "print(f'{$a / $b:.2f}')") | $(echo "$ours" | value peak_rss_mb | median) | $(echo "$theirs" | value peak_rss_mb | median) |"
done
echo
echo "MB/s counts the float32 values delivered (after striding); file read from the page cache after the first pass."
