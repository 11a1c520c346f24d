#!/usr/bin/env bash
# NetCDF batch conversion against nccopy and xarray in the same run: FILES NetCDF-3 files of about
# SIZE_MB MB each to NetCDF-4 with deflate level 1, every tool over all the files.
#
# Inputs (Benchmarks/netcdf_generate.py, kept between runs in Benchmarks/data/netcdf/): NETCDF3_64BIT_OFFSET,
#   uncompressed record layout -- the NetCDF-3 model output users most often convert to NetCDF-4 with
#   deflate -- time (unlimited) x 360 x 720, float32 tas (smooth + noise) and tos (smooth + noise,
#   _FillValue over a third of the grid). MB = 10^6 bytes of input (file sizes).
# Tools, each writing to its own directory under OUT (emptied before every run):
#   nccopy-seq       for f in inputs: nccopy -k nc4 -d1 f out/f   (a shell loop, as users write it)
#   nccopy-parallel  the same nccopy commands, xargs -P $(nproc)
#   xarray           Benchmarks/xarray_convert.py: per file, one after the other in one process,
#                    xr.open_dataset(f).to_netcdf(out, encoding={v: {"zlib": True, "complevel": 1}})
#                    (netCDF4-python adds shuffle with zlib: its output is smaller than nccopy's)
#   surrogate        surrogate convert inputs... --to netcdf4 --deflate 1 --out DIR --quiet (default --jobs)
#   surrogate-shuffle  the same with --shuffle: xarray's storage settings (deflate 1 + shuffle)
# Timing: wall seconds of the whole batch, the median of REPEATS runs; the tools take turns within a
#   repeat. The page cache cannot be dropped without root: instead every input is read once
#   (cat > /dev/null) right before each timed run, so every tool starts from a warm cache.
#   CPU s = user + system of the command and all its children; peak RSS = the largest single process
#   (GNU time's %M, or getrusage(RUSAGE_CHILDREN) without /usr/bin/time), the largest over the repeats.
# Checks after the runs: surrogate's outputs against nccopy-seq's (netcdf_compare.py identical: format,
#   dimensions, attributes, stored values bit for bit; chunking and filters may differ), nccopy-parallel's
#   against nccopy-seq's, xarray's against the inputs (decoded values), and the storage of each first file.
#
# Usage: Benchmarks/netcdf_convert.sh   (from anywhere; `make bench` builds the binary first)
#   FILES=20  SIZE_MB=100  REPEATS=3  SKIP_OURS=0 (1: run the peers only, before `surrogate convert` exists)
#   SURROGATE=.build/release/surrogate  PYTHON=.venv/bin/python  DATA=Benchmarks/data/netcdf
#   OUT=Benchmarks/data/netcdf-out  KEEP_OUTPUTS=0 (1: keep the converted files)
# Prints a table and the speed-ups and writes them to Benchmarks/results/netcdf_convert.txt (with
# SKIP_OURS=1: to Benchmarks/data/netcdf_convert.skip-ours.txt, unless RESULTS is set).
set -euo pipefail
cd "$(dirname "$0")/.."
SURROGATE=${SURROGATE:-.build/release/surrogate}
PYTHON=${PYTHON:-.venv/bin/python}
FILES=${FILES:-20}
SIZE_MB=${SIZE_MB:-100}
REPEATS=${REPEATS:-3}
SKIP_OURS=${SKIP_OURS:-0}
DATA=${DATA:-Benchmarks/data/netcdf}
OUT=${OUT:-Benchmarks/data/netcdf-out}
KEEP_OUTPUTS=${KEEP_OUTPUTS:-0}
if [ "$SKIP_OURS" = 1 ]; then RESULTS=${RESULTS:-Benchmarks/data/netcdf_convert.skip-ours.txt}
else RESULTS=${RESULTS:-Benchmarks/results/netcdf_convert.txt}; fi
JOBS=$(nproc)
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

fail() { echo "netcdf_convert.sh: $*" >&2; exit 1; }
[ "$SKIP_OURS" = 1 ] || [ -x "$SURROGATE" ] || fail "no binary at $SURROGATE (make bench builds it; or set SURROGATE; SKIP_OURS=1 runs the peers only)"
[ -x "$PYTHON" ] || fail "no Python at $PYTHON (make venv creates .venv; or set PYTHON)"
if ! command -v nccopy >/dev/null; then
    echo "installing nccopy (Debian package netcdf-bin)" >&2
    { $SUDO apt-get install -y -qq netcdf-bin || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq netcdf-bin; }; } >/dev/null 2>&1 ||
        fail "nccopy is needed (Debian package netcdf-bin; make bench installs it)"
fi
"$PYTHON" -c "import netCDF4, xarray" 2>/dev/null ||
    "$(dirname "$PYTHON")/pip" install -q --disable-pip-version-check netCDF4 xarray

"$PYTHON" Benchmarks/netcdf_generate.py "$DATA" "$FILES" "$SIZE_MB"
INPUTS=()
for i in $(seq 0 $((FILES - 1))); do INPUTS+=("$DATA/$(printf 'model_%03d.nc' "$i")"); done
NAMES=("${INPUTS[@]##*/}")
INPUT_BYTES=$(stat -c %s "${INPUTS[@]}" | awk '{ s += $1 } END { print s }')
INPUT_MB=$(awk -v b="$INPUT_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')

WORK=$(mktemp -d "${TMPDIR:-/tmp}/netcdf-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Run one tool once: name, then the command; appends "name wall cpu rss_kb" to $WORK/rows.
TIME=${TIME:-/usr/bin/time}
if [ -x "$TIME" ]; then MEASURE="GNU time"; else MEASURE="getrusage(RUSAGE_CHILDREN)"; fi
measure() {
    local name=$1; shift
    rm -rf "${OUT:?}/$name" && mkdir -p "$OUT/$name"
    cat "${INPUTS[@]}" > /dev/null  # warm the page cache: every tool reads the inputs from memory
    local start=$EPOCHREALTIME end
    if [ -x "$TIME" ]; then
        "$TIME" -f 'cpu=%U+%S rss_kb=%M' -o "$WORK/usage" "$@" > "$WORK/$name.log" 2>&1 ||
            { cat "$WORK/$name.log" >&2; fail "$name failed (its output above)"; }
    else
        python3 -c 'import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"cpu={r.ru_utime:.2f}+{r.ru_stime:.2f} rss_kb={r.ru_maxrss}\n")
sys.exit(code)' "$WORK/usage" "$@" > "$WORK/$name.log" 2>&1 || { cat "$WORK/$name.log" >&2; fail "$name failed (its output above)"; }
    fi
    end=$EPOCHREALTIME
    local usage; usage=$(grep '^cpu=' "$WORK/usage")
    local cpu; cpu=$(echo "$usage" | sed 's/^cpu=\([0-9.]*\)+\([0-9.]*\) .*/\1 \2/' | awk '{ print $1 + $2 }')
    local rss; rss=$(echo "$usage" | sed 's/.*rss_kb=\([0-9]*\).*/\1/')
    local wall; wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    echo "$name $wall $cpu $rss" >> "$WORK/rows"
    printf '  %-16s %8.2f s wall  %8.2f s CPU  peak RSS %7.1f MB\n' "$name" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" >&2
}

NCCOPY_SEQ='out=$1; shift; for f in "$@"; do nccopy -k nc4 -d1 "$f" "$out/${f##*/}"; done'
NCCOPY_PARALLEL='out=$1; shift; printf "%s\0" "$@" | xargs -0 -n 1 -P "$JOBS" sh -c '\''nccopy -k nc4 -d1 "$1" "$0/${1##*/}"'\'' "$out"'
export JOBS
TOOLS="nccopy-seq nccopy-parallel xarray"
[ "$SKIP_OURS" = 1 ] || TOOLS+=" surrogate surrogate-shuffle"
LOAD_AVERAGE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "converting $FILES files, $INPUT_MB MB in all, $REPEATS times per tool ($TOOLS); $JOBS cores" >&2
: > "$WORK/rows"
for repeat in $(seq "$REPEATS"); do
    echo "repeat $repeat of $REPEATS" >&2
    measure nccopy-seq bash -c "$NCCOPY_SEQ" _ "$OUT/nccopy-seq" "${INPUTS[@]}"
    measure nccopy-parallel bash -c "$NCCOPY_PARALLEL" _ "$OUT/nccopy-parallel" "${INPUTS[@]}"
    measure xarray "$PYTHON" Benchmarks/xarray_convert.py "$OUT/xarray" "${INPUTS[@]}"
    [ "$SKIP_OURS" = 1 ] ||
        measure surrogate "$SURROGATE" convert "${INPUTS[@]}" --to netcdf4 --deflate 1 --out "$OUT/surrogate" --quiet
    [ "$SKIP_OURS" = 1 ] ||
        measure surrogate-shuffle "$SURROGATE" convert "${INPUTS[@]}" --to netcdf4 --deflate 1 --shuffle \
            --out "$OUT/surrogate-shuffle" --quiet
done

# Checks of the last run's outputs.
CHECKS=$WORK/checks STATUS=0
: > "$CHECKS"
check() { "$PYTHON" Benchmarks/netcdf_compare.py "$@" >> "$CHECKS" 2>&1 || STATUS=1; }
if [ "$SKIP_OURS" = 1 ]; then
    echo "surrogate: skipped (SKIP_OURS=1)" >> "$CHECKS"
else
    check identical "$OUT/nccopy-seq" "$OUT/surrogate" "${NAMES[@]}"
    check identical "$OUT/nccopy-seq" "$OUT/surrogate-shuffle" "${NAMES[@]}"
fi
check identical "$OUT/nccopy-seq" "$OUT/nccopy-parallel" "${NAMES[@]}"
check decoded "$DATA" "$OUT/xarray" "${NAMES[@]}"
STORAGE=$WORK/storage
: > "$STORAGE"
for tool in input $TOOLS; do
    dir=$OUT/$tool; [ "$tool" = input ] && dir=$DATA
    echo "$tool: $("$PYTHON" Benchmarks/netcdf_compare.py storage "$dir/${NAMES[0]}")" >> "$STORAGE"
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$WORK/rows"; }
wall() { column "$1" 2 | median; }
REPORT=$WORK/report
{
    echo "| tool | wall s | MB/s | CPU s | peak RSS MB | output MB | output / input |"
    echo "|---|---|---|---|---|---|---|"
    for tool in $TOOLS; do
        w=$(wall "$tool") c=$(column "$tool" 3 | median) r=$(column "$tool" 4 | sort -g | tail -1)
        o=$(stat -c %s "$OUT/$tool"/*.nc | awk '{ s += $1 } END { print s }')
        awk -v t="$tool" -v w="$w" -v c="$c" -v r="$r" -v o="$o" -v i="$INPUT_BYTES" 'BEGIN {
            printf "| %s | %.2f | %.1f | %.2f | %.1f | %.1f | %.3f |\n", t, w, i / 1e6 / w, c, r / 1024, o / 1e6, o / i }'
    done
    echo
    if [ "$SKIP_OURS" = 1 ]; then
        echo "surrogate: skipped (SKIP_OURS=1); speed-ups not measured"
    else
        ours=$(wall surrogate)
        for peer in nccopy-seq nccopy-parallel xarray; do
            awk -v p="$peer" -v a="$(wall "$peer")" -v b="$ours" 'BEGIN { printf "speed-up x ours/%s: %.2f (%s %.2f s, ours %.2f s)\n", p, a / b, p, a, b }'
        done
        awk -v a="$(wall xarray)" -v b="$(wall surrogate-shuffle)" 'BEGIN {
            printf "speed-up x ours --shuffle/xarray (the same storage: deflate 1 + shuffle): %.2f (xarray %.2f s, ours %.2f s)\n", a / b, a, b }'
    fi
    awk -v a="$(wall nccopy-seq)" -v b="$(wall nccopy-parallel)" -v x="$(wall xarray)" 'BEGIN {
        printf "for reference: nccopy-parallel/nccopy-seq %.2f x, xarray/nccopy-seq %.2f x (time ratio nccopy-seq / other)\n", a / b, a / x }'
    echo
    echo "Checks:"
    sed 's/^/  /' "$CHECKS"
    echo
    echo "Storage of ${NAMES[0]} (chunking, deflate, shuffle, _FillValue per variable):"
    sed 's/^/  /' "$STORAGE"
    echo
    echo "Notes:"
    echo "- Inputs: $FILES files x $(awk -v b="$INPUT_BYTES" -v n="$FILES" 'BEGIN { printf "%.1f", b / n / 1e6 }') MB," \
         "NETCDF3_64BIT_OFFSET (Benchmarks/netcdf_generate.py); MB/s = input MB (10^6 bytes) / wall seconds."
    echo "- Wall seconds: median of $REPEATS runs per tool, the tools taking turns; page cache warm for every tool"
    echo "  (all inputs read once right before each timed run: dropping the cache needs root)."
    echo "- CPU s: user + system of the whole command and its children (median); peak RSS: the largest single"
    echo "  process ($MEASURE), the largest over the runs -- for surrogate and nccopy-parallel one worker, not their sum."
    echo "- nccopy: \`nccopy -k nc4 -d1\` (no shuffle); nccopy-parallel: xargs -P $JOBS. xarray: zlib level 1 per"
    echo "  data variable; netCDF4-python adds shuffle (hence its smaller output) and the new encoding replaces"
    echo "  _FillValue with NaN. surrogate: \`convert --to netcdf4 --deflate 1\`, default --jobs."
    echo "- nccopy: $(ncdump 2>&1 | grep -m1 'netcdf library version' | sed 's/ *\$$//' || echo 'netcdf library version unknown');" \
         "$("$PYTHON" -c 'import xarray, netCDF4; print(f"xarray {xarray.__version__}, netCDF4-python {netCDF4.__version__} (netCDF-C {netCDF4.__netcdf4libversion__}, HDF5 {netCDF4.__hdf5libversion__})")')."
    echo "- Load average before the run: $LOAD_AVERAGE (other work on the machine makes the numbers noisy)."
} > "$REPORT"
echo
cat "$REPORT"
mkdir -p "$(dirname "$RESULTS")"
{
    echo "NetCDF batch conversion: ours vs nccopy and xarray ($FILES files x ${SIZE_MB} MB, NetCDF-3 to NetCDF-4 deflate 1)"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(lscpu | sed -n 's/^Model name: *//p' | head -1), $JOBS cores, Linux $(uname -r);"
    echo "Benchmarks/netcdf_convert.sh (git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), working tree as run)."
    echo
    cat "$REPORT"
} > "$RESULTS"
echo
echo "written to $RESULTS"
[ "$KEEP_OUTPUTS" = 1 ] || rm -rf "${OUT:?}"/{nccopy-seq,nccopy-parallel,xarray,surrogate,surrogate-shuffle}
[ "$STATUS" = 0 ] || fail "a check failed (see Checks above)"
