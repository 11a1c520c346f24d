#!/usr/bin/env bash
# Serving benchmark: our server against KServe's Python ModelServer on the same model, same client,
# same run, loopback only.
#
# Servers:
#   ours:   `surrogate serve` on Models/ (the shipped cape-fno-advection), HTTP, plus gRPC when the
#           build has --grpc-port (otherwise: "ours: gRPC not available in this build").
#   kserve: KServe 0.21 ModelServer with the same architecture in PyTorch and our weights
#           (Benchmarks/serving/kserve_cape.py), HTTP and gRPC; torch threads 1 or 2, whichever is
#           faster for B = 1 (TORCH_THREADS=auto), its per-request logs off.
#   Before timing, the same request goes to every endpoint and the outputs are compared.
# Request: B = 1, steps = 1 (one 128-point step): inputs initial FP32 [1, 128], parameters FP32 [1, 1],
#   steps INT32 [1, 1]; output rollout FP32 [1, 1, 128].
# Clients (Benchmarks/serving/load_client.py, the same for both servers, closed loop):
#   tritonclient: HTTP with the binary tensor extension (its default) and gRPC; concurrency 1 is one
#                 process with the synchronous client, 16 is 2 processes x 8 asyncio tasks (aio client).
#   wrk:          HTTP only, posting the same binary-extension body (threads 1 for c = 1, 2 for c = 16).
#   Each run: WARMUP requests (wrk: a 1 s run), then SECONDS_PER_RUN seconds measured; p50/p99 over
#   the requests completed in the window; req/s = those requests / window. Runs alternate ours, kserve.
#   "server CPU ms/req" is the server process's utime + stime per request (/proc; tritonclient rows
#   include the warm-up requests). A second table breaks our server's time down from its statistics
#   extension (queue, whole request, forward pass per execution, mean dynamic batch).
# Caveat: both servers and the client share this machine's cores (2 here), so the client's own CPU
# time caps the throughput of both servers; server CPU ms/req is the per-request cost without it.
#
# Usage: Benchmarks/serving.sh   (from anywhere; `make bench` builds the binary first)
#   SURROGATE=path (default .build/release/surrogate)  SECONDS_PER_RUN=5  WARMUP=200  TORCH_THREADS=auto|1|2
#   CLIENTS="tritonclient wrk"
# Prints a Markdown table and the ratios, and writes them to Benchmarks/results/serving.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SURROGATE=${SURROGATE:-.build/release/surrogate}
BENCH_VENV=${BENCH_VENV:-.venv-bench}
PYTHON=$BENCH_VENV/bin/python
SECONDS_PER_RUN=${SECONDS_PER_RUN:-5}
WARMUP=${WARMUP:-200}
TORCH_THREADS=${TORCH_THREADS:-auto}
CLIENTS=${CLIENTS:-tritonclient wrk}
MODEL=cape-fno-advection
CLIENT=Benchmarks/serving/load_client.py
RESULTS=Benchmarks/results/serving.md
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

fail() { echo "serving.sh: $*" >&2; exit 1; }
# Fail a run; if server $1 (pid $2) has died meanwhile, show the end of its log first.
fail_run() {
    if [ -n "${WORK:-}" ] && ! kill -0 "$2" 2>/dev/null; then
        echo "serving.sh: $1 has exited; the end of its log:" >&2
        tail -20 "$WORK/$1.log" >&2
    fi
    fail "$3"
}

[ -x "$SURROGATE" ] || fail "no binary at $SURROGATE (make bench builds it; or set SURROGATE)"
command -v curl >/dev/null || fail "curl is needed to probe the servers"
[ -x "$PYTHON" ] || python3 -m venv "$BENCH_VENV"
"$PYTHON" -c "import numpy, torch" 2>/dev/null ||
    "$BENCH_VENV/bin/pip" install -q --disable-pip-version-check numpy torch
"$PYTHON" -c "import kserve, tritonclient.http.aio, tritonclient.grpc.aio, safetensors" 2>/dev/null ||
    "$BENCH_VENV/bin/pip" install -q --disable-pip-version-check kserve==0.21.0 "tritonclient[http,grpc]" safetensors aiohttp
if [[ " $CLIENTS " == *" wrk "* ]] && ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)" >&2
    { $SUDO apt-get install -y -qq wrk || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk; }; } >/dev/null 2>&1 ||
        { echo "wrk could not be installed: its rows are skipped" >&2; CLIENTS=${CLIENTS//wrk/}; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/serving-bench.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Free ports in 18000-18100 (nothing accepts a connection on 127.0.0.1).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORTS=()
for port in $(seq 18000 18100); do
    port_free "$port" && PORTS+=("$port")
    [ ${#PORTS[@]} -lt 5 ] || break
done
[ ${#PORTS[@]} -eq 5 ] || fail "fewer than 5 free ports in 18000-18100"
OURS_HTTP=${PORTS[0]} OURS_GRPC=${PORTS[1]} OURS_METRICS=${PORTS[2]} KSERVE_HTTP=${PORTS[3]} KSERVE_GRPC=${PORTS[4]}

# Wait until server $1 (pid $2, log $3) answers model-ready on HTTP port $4 and accepts on gRPC port $5.
wait_ready() {
    local name=$1 pid=$2 log=$3 http=$4 grpc=${5:-} deadline=$((SECONDS + 60))
    until curl -sf -o /dev/null "http://127.0.0.1:$http/v2/models/$MODEL/ready" && { [ -z "$grpc" ] || ! port_free "$grpc"; }; do
        kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; fail "$name exited during start-up (log above)"; }
        [ "$SECONDS" -lt "$deadline" ] || { tail -20 "$log" >&2; fail "$name did not become ready within 60 s (log above)"; }
        sleep 0.2
    done
}

LOAD_AVERAGE=$(cut -d' ' -f1-3 /proc/loadavg)
OURS_ARGS=() OURS_HAS_GRPC=no
OURS_HELP=$("$SURROGATE" serve --help 2>&1 || true)
if grep -q -- '--grpc-port' <<< "$OURS_HELP"; then
    OURS_HAS_GRPC=yes OURS_ARGS+=(--grpc-port "$OURS_GRPC")
else
    echo "ours: gRPC not available in this build"
fi
# Metrics stay on (as KServe's), on a free port rather than the default 8002.
! grep -q -- '--metrics-port' <<< "$OURS_HELP" || OURS_ARGS+=(--metrics-port "$OURS_METRICS")
"$SURROGATE" serve --models Models --host 127.0.0.1 --http-port "$OURS_HTTP" "${OURS_ARGS[@]}" 2> "$WORK/ours.log" &
OURS_PID=$!; PIDS+=("$OURS_PID")
wait_ready ours "$OURS_PID" "$WORK/ours.log" "$OURS_HTTP" "$([ $OURS_HAS_GRPC = yes ] && echo "$OURS_GRPC")"
echo "ours: $(grep 'listening on' "$WORK/ours.log" | paste -sd ';' -)"
"$PYTHON" Benchmarks/serving/kserve_cape.py --model-dir "Models/$MODEL/1" --name "$MODEL" --http-port "$KSERVE_HTTP" \
    --grpc-port "$KSERVE_GRPC" --torch-threads "$TORCH_THREADS" 2> "$WORK/kserve.log" &
KSERVE_PID=$!; PIDS+=("$KSERVE_PID")
wait_ready kserve "$KSERVE_PID" "$WORK/kserve.log" "$KSERVE_HTTP" "$KSERVE_GRPC"
KSERVE_INFO=$(grep -m1 '^kserve ' "$WORK/kserve.log"); TORCH_INFO=$(grep -m1 '^torch threads' "$WORK/kserve.log")
echo "kserve: $KSERVE_INFO; $TORCH_INFO; HTTP 127.0.0.1:$KSERVE_HTTP, gRPC 127.0.0.1:$KSERVE_GRPC"

# The same request to every endpoint; the outputs must agree (same architecture and weights).
TARGETS=("127.0.0.1:$OURS_HTTP" http "127.0.0.1:$KSERVE_HTTP" http "127.0.0.1:$KSERVE_GRPC" grpc)
[ $OURS_HAS_GRPC = no ] || TARGETS+=("127.0.0.1:$OURS_GRPC" grpc)
CHECK=$("$PYTHON" "$CLIENT" check "${TARGETS[@]}") || fail "the check request failed"
echo "$CHECK"
WORST=$(echo "$CHECK" | sed -n 's/.*to the first: \([0-9.e+-]*\)$/\1/p' | sort -g | tail -1)
if awk -v d="$WORST" 'BEGIN { exit !(d <= 1e-4) }'; then
    AGREEMENT="outputs agree: max |difference| $WORST <= 1e-4 over all endpoints"
else
    AGREEMENT="WARNING: outputs differ by up to $WORST (> 1e-4): the two servers do not compute the same model"
fi
echo "$AGREEMENT"

HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
field() { sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p"; }
ROWS=$WORK/rows STATS=$WORK/stats
: > "$ROWS"; : > "$STATS"
# Our server's statistics extension: "inferences executions queue_ns compute_infer_ns success_ns" (or nothing).
ours_stats() {
    curl -sf "http://127.0.0.1:$OURS_HTTP/v2/models/$MODEL/stats" | "$PYTHON" -c '
import json, sys
m = json.load(sys.stdin)["model_stats"][0]; s = m["inference_stats"]
print(m["inference_count"], m["execution_count"], s["queue"]["ns"], s["compute_infer"]["ns"], s["success"]["ns"])' 2>/dev/null || true
}

# One measured run: server name, pid, client, protocol, address, concurrency; appends a row.
run() {
    local server=$1 pid=$2 client=$3 protocol=$4 address=$5 concurrency=$6
    local before after line requests duration errors p50 p99 rate sent
    local stats_before=""; [ "$server" != ours ] || stats_before=$(ours_stats)
    if [ "$client" = tritonclient ]; then
        before=$(cpu_ticks "$pid")
        line=$("$PYTHON" "$CLIENT" load "$address" "$protocol" --concurrency "$concurrency" --warmup "$WARMUP" \
               --seconds "$SECONDS_PER_RUN") || fail_run "$server" "$pid" "$client $protocol c=$concurrency against $server failed"
        after=$(cpu_ticks "$pid")
        p50=$(echo "$line" | field p50_ms) p99=$(echo "$line" | field p99_ms) rate=$(echo "$line" | field req_per_s)
        sent=$(echo "$line" | field requests_sent)
    else
        local threads=$((concurrency > 1 ? 2 : 1)) url="http://$address/v2/models/$MODEL/infer"
        wrk -t"$threads" -c"$concurrency" -d1s -s "$WORK/wrk.lua" "$url" > /dev/null  # warm-up
        before=$(cpu_ticks "$pid")
        line=$(wrk -t"$threads" -c"$concurrency" -d"${SECONDS_PER_RUN}s" -s "$WORK/wrk.lua" "$url" | grep '^WRK') ||
            fail_run "$server" "$pid" "wrk c=$concurrency against $server failed"
        after=$(cpu_ticks "$pid")
        read -r requests duration p50 p99 errors < <(echo "$line" | sed 's/[a-z_0-9]*=//g; s/^WRK //')
        [ "$errors" = 0 ] || fail_run "$server" "$pid" "wrk c=$concurrency against $server: $errors failed requests"
        p50=$(awk -v v="$p50" 'BEGIN { print v / 1000 }') p99=$(awk -v v="$p99" 'BEGIN { print v / 1000 }')
        rate=$(awk -v n="$requests" -v d="$duration" 'BEGIN { print n / (d / 1e6) }') sent=$requests
    fi
    local cpu; cpu=$(awk -v t="$((after - before))" -v hz="$HZ" -v n="$sent" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
    printf '%s %s %s %s %s %s %s %s\n' "$server" "$client" "$protocol" "$concurrency" "$p50" "$p99" "$rate" "$cpu" >> "$ROWS"
    if [ -n "$stats_before" ]; then
        echo "$client $protocol $concurrency $stats_before $(ours_stats)" >> "$STATS"
    fi
    printf '  %-6s %-12s %-4s c=%-2s  p50 %8.3f ms  p99 %8.3f ms  %7.1f req/s  server CPU %.3f ms/req\n' \
        "$server" "$client" "$protocol" "$concurrency" "$p50" "$p99" "$rate" "$cpu" >&2
}

if [[ " $CLIENTS " == *" wrk "* ]]; then
    HEADER_LENGTH=$("$PYTHON" "$CLIENT" body "$WORK/body.bin")
    cat > "$WORK/wrk.lua" <<EOF
local file = assert(io.open("$WORK/body.bin", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.headers["Inference-Header-Content-Length"] = "$HEADER_LENGTH"
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("WRK requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n", summary.requests,
        summary.duration, latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
EOF
fi

echo "measuring: ${SECONDS_PER_RUN} s per run after $WARMUP warm-up requests (wrk: a 1 s warm-up run); ours, then kserve" >&2
for client in $CLIENTS; do
    protocols="http grpc"; [ "$client" = wrk ] && protocols=http
    for protocol in $protocols; do
        for concurrency in 1 16; do
            if [ "$protocol" = http ]; then
                run ours "$OURS_PID" "$client" http "127.0.0.1:$OURS_HTTP" "$concurrency"
                run kserve "$KSERVE_PID" "$client" http "127.0.0.1:$KSERVE_HTTP" "$concurrency"
            else
                [ $OURS_HAS_GRPC = no ] || run ours "$OURS_PID" "$client" grpc "127.0.0.1:$OURS_GRPC" "$concurrency"
                run kserve "$KSERVE_PID" "$client" grpc "127.0.0.1:$KSERVE_GRPC" "$concurrency"
            fi
        done
    done
done

# The floor: a request that does no work (server live), same synchronous client, each server and protocol.
FLOORS=$WORK/floors
: > "$FLOORS"
for protocol in http grpc; do
    for server in ours kserve; do
        [ "$server" = kserve ] || [ "$protocol" = http ] || [ $OURS_HAS_GRPC = yes ] || continue
        address=127.0.0.1:$([ "$server" = ours ] && { [ "$protocol" = http ] && echo "$OURS_HTTP" || echo "$OURS_GRPC"; } ||
                             { [ "$protocol" = http ] && echo "$KSERVE_HTTP" || echo "$KSERVE_GRPC"; })
        p50=$("$PYTHON" "$CLIENT" floor "$address" "$protocol" --warmup "$WARMUP" | field p50_ms) ||
            fail "the floor request to $server over $protocol failed"
        echo "$server $protocol $p50" >> "$FLOORS"
        printf '  %-6s floor (server live, tritonclient sync) %-4s p50 %8.3f ms\n' "$server" "$protocol" "$p50" >&2
    done
done

# The table, the ratios and the notes.
REPORT=$WORK/report.md
{
    echo "| server | client | protocol | concurrency | p50 ms | p99 ms | req/s | server CPU ms/req |"
    echo "|---|---|---|---|---|---|---|---|"
    awk '{ printf "| %s | %s | %s | %s | %.3f | %.3f | %.1f | %.3f |\n", $1, $2, ($3 == "grpc" ? "gRPC" : "HTTP"), $4, $5, $6, $7, $8 }' "$ROWS"
    echo
    awk -v grpc="$OURS_HAS_GRPC" '
        { key = $2 " " $3 " " $4; rate[$1, key] = $7; p50[$1, key] = $5; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
        END {
            for (i = 1; i <= n; i++) {
                split(order[i], k, " ")
                label = "throughput ours/kserve " (k[2] == "grpc" ? "gRPC" : "HTTP") " c=" k[3] ": "
                if (rate["ours", order[i]] != "" && rate["kserve", order[i]] > 0) {
                    r = rate["ours", order[i]] / rate["kserve", order[i]]
                    printf "%s%.2f (%s; target >= 3: %s)\n", label, r, k[1], (r >= 3 ? "met" : "NOT met")
                } else if (k[2] == "grpc" && grpc == "no") {
                    printf "%sn/a (%s; ours: gRPC not available in this build)\n", label, k[1]
                }
            }
            for (i = 1; i <= n; i++) {
                split(order[i], k, " ")
                if (k[2] == "http" && k[3] == 1 && p50["ours", order[i]] != "")
                    printf "p50 single step ours HTTP c=1: %.3f ms (target < 1 ms: %s; %s)\n", p50["ours", order[i]],
                        (p50["ours", order[i]] < 1 ? "met" : "NOT met"), k[1]
            }
        }' "$ROWS"
    echo
    echo "The floor: p50 of a request that does no work (server live), tritonclient's synchronous client, c=1; the"
    echo "client's and the protocol stack's own round trip, under every inference request of that protocol. 3x KServe's"
    echo "c=1 throughput needs a whole request (floor + model) of at most a third of KServe's per-request time."
    echo
    echo "| protocol | floor ms ours | floor ms kserve | kserve c=1 ms/req | 3x needs ours <= ms/req |"
    echo "|---|---|---|---|---|"
    awk 'FILENAME == ARGV[1] { floor[$1, $2] = $3; next }
         $1 == "kserve" && $2 == "tritonclient" && $4 == 1 && $7 > 0 { per[$3] = 1000 / $7 }
         END { for (i = 1; i <= 2; i++) { p = (i == 1 ? "http" : "grpc"); if (!(("kserve", p) in floor)) continue
                 printf "| %s | %s | %.3f | %.3f | %.3f |\n", (p == "grpc" ? "gRPC" : "HTTP"),
                     (("ours", p) in floor ? sprintf("%.3f", floor["ours", p]) : "n/a"), floor["kserve", p], per[p], per[p] / 3 } }' \
        "$FLOORS" "$ROWS"
    if [ -s "$STATS" ]; then
        echo
        echo "Ours, server side (its statistics extension; each run with its warm-up): per request, the time queued and the"
        echo "whole request (success); compute_infer is the forward pass of one (dynamically batched) execution."
        echo
        echo "| client | protocol | concurrency | mean batch | queue ms/req | success ms/req | compute_infer ms/execution |"
        echo "|---|---|---|---|---|---|---|"
        awk 'NF == 13 && $9 > $4 && $10 > $5 {
                n = $9 - $4; e = $10 - $5
                printf "| %s | %s | %s | %.2f | %.3f | %.3f | %.3f |\n", $1, ($2 == "grpc" ? "gRPC" : "HTTP"), $3, n / e,
                    ($11 - $6) / n / 1e6, ($13 - $8) / n / 1e6, ($12 - $7) / n / 1e6 }' "$STATS"  # compute_infer counts each execution once per request it served (as Triton)
    fi
    echo
    echo "Notes:"
    echo "- Caveat: both servers and the client share this machine's $(nproc) cores; the client's CPU time per request"
    echo "  caps both servers' throughput (the ratios understate the gap when the client is the heavier side)."
    echo "  \"server CPU ms/req\" is each server's own utime + stime per request, the cost without that cap."
    echo "- Load average before the run: $LOAD_AVERAGE (other work on the machine makes the numbers noisy)."
    echo "- Request: B = 1, steps = 1 (one 128-point step) of $MODEL; $AGREEMENT."
    echo "- kserve: $KSERVE_INFO; $TORCH_INFO; its per-request logs off; binds 127.0.0.1."
    echo "- ours: $SURROGATE; OpenBLAS threads as the binary sets them; gRPC: $OURS_HAS_GRPC; dynamic_batching of" \
         "Models/$MODEL/config.json: $("$PYTHON" -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])).get("dynamic_batching")))' "Models/$MODEL/config.json") (KServe's ModelServer has no batcher)."
    echo "- tritonclient $("$PYTHON" -c 'from importlib.metadata import version; print(version("tritonclient"))'): c=1 one process with the synchronous client; c=16 two processes x 8 asyncio tasks."
    [[ " $CLIENTS " != *" wrk "* ]] || echo "- $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2 || true): HTTP only, 1 thread for c=1, 2 threads for c=16, the same binary-extension body."
    echo "- ${SECONDS_PER_RUN} s measured per row after $WARMUP warm-up requests (wrk: a 1 s warm-up run); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}."
} > "$REPORT"
echo
cat "$REPORT"
mkdir -p "$(dirname "$RESULTS")"
{
    echo "# Serving benchmark: ours vs KServe ModelServer (PyTorch), $MODEL"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, Linux $(uname -r);"
    echo "Benchmarks/serving.sh (git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), working tree as run)."
    echo
    cat "$REPORT"
} > "$RESULTS"
echo
echo "written to $RESULTS"
