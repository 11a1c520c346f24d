#!/usr/bin/env bash
# Replays every crash and timeout artifact of a fuzz run and sorts it by where the fault is: inside
# libhdf5 or libnetcdf (a defect of the C library; reported) or anywhere else, i.e. our code (fails).
set -uo pipefail
fuzzer=$1 artifacts=$2
ours=0 library=0
declare -A sites
for artifact in "$artifacts"/crash-* "$artifacts"/timeout-* ; do
    [ -f "$artifact" ] || continue
    trace=$(SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=0 "$fuzzer" -timeout=10 "$artifact" 2>&1 \
            | sed -n '/ERROR: AddressSanitizer\|ERROR: libFuzzer/,$p')
    # The first frame of the faulting stack that is not the sanitizer's own or a libc routine.
    frame=$(echo "$trace" | grep -E '^ +#[0-9]+ ' \
            | grep -vE 'compiler-rt|sanitizer|asan_|/libc\.so|sysdeps|in (__)?(memcpy|memmove|memset|strlen|strdup)' | head -1)
    if [ -z "$frame" ]; then continue; fi   # no longer reproduces
    if echo "$frame" | grep -qE 'libhdf5|libnetcdf'; then
        library=$((library + 1))
        site=$(echo "$trace" | grep -E '^ +#[0-9]+ .* in (H5|nc|NC)[A-Za-z0-9_]* ' | head -1 \
               | sed -n 's/.* in \([HNn][A-Za-z0-9_]*\) .*/\1/p')
        site=${site:-C library}
        sites[$site]=$(( ${sites[$site]:-0} + 1 ))
    else
        ours=$((ours + 1))
        echo "CRASH OUTSIDE the C libraries: $artifact"
        echo "$trace" | grep -E '^ +#[0-9]+ ' | head -8
    fi
done
echo "fuzz triage: $ours crash(es)/hang(s) in our code, $library inside libhdf5/libnetcdf $(for s in "${!sites[@]}"; do printf '%s×%s ' "$s" "${sites[$s]}"; done)"
[ "$ours" -eq 0 ]
