#!/usr/bin/env bash
# Mesh I/O against meshio in the same run: a unit box of 6 × CELLS³ tetrahedra (CELLS = 56:
# 1,053,696 tetrahedra, 185,193 points), read and written as VTU binary (appended raw: ours;
# meshio reads the same file and writes its own raw binary, base64 inline) and as Gmsh MSH 4.1
# binary (both sides read the same file and write MSH 4.1 binary). Each side runs in its own
# process; the median of REPEATS runs of read and write seconds, and the largest peak RSS, are
# printed with the ratios meshio / ours. Run through `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-.build/release/surrogate}
PYTHON=${PYTHON:-.venv/bin/python}
REPEATS=${REPEATS:-3}
CELLS=${CELLS:-56}
DIR=${DIR:-Benchmarks/data/mesh}
mkdir -p "$DIR"

$SWIFT mesh generate box --cells "$CELLS" --out "$DIR/box.vtu" --format vtu-appended
$SWIFT mesh convert "$DIR/box.vtu" "$DIR/box.msh" --format gmsh41-binary
ls -l "$DIR/box.vtu" "$DIR/box.msh"

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
largest() { sort -g | tail -1; }
ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }

printf '\n| format | step | surrogate s | meshio s | meshio / surrogate | surrogate peak RSS MB | meshio peak RSS MB |\n|---|---|---|---|---|---|---|\n'
for format in vtu gmsh41-binary; do
    extension=$([ "$format" = vtu ] && echo vtu || echo msh)
    ours="" theirs=""
    for _ in $(seq "$REPEATS"); do
        if [ "$format" = vtu ]; then
            ours+="$($SWIFT mesh convert "$DIR/box.vtu" "$DIR/ours-out.vtu" --format vtu-appended --timing)"$'\n'
        else
            ours+="$($SWIFT mesh convert "$DIR/box.msh" "$DIR/ours-out.msh" --format gmsh41-binary --timing)"$'\n'
        fi
        theirs+="$($PYTHON Benchmarks/meshio_io.py "$DIR/box.$extension" "$DIR/meshio-out.$extension" "$format")"$'\n'
    done
    for step in read write; do
        a=$(echo "$ours" | value ${step}_seconds | median)
        b=$(echo "$theirs" | value ${step}_seconds | median)
        echo "| $format | $step | $a | $b | $(ratio "$b" "$a") | $(echo "$ours" | value peak_rss_mb | largest) | $(echo "$theirs" | value peak_rss_mb | largest) |"
    done
done
echo
echo "Peak RSS is per process (read + write of one file); seconds are medians of $REPEATS runs."
