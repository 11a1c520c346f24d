"""The client of Benchmarks/serving.sh, the same for every server: tritonclient (HTTP with the binary
tensor extension, its default, or gRPC with raw_input_contents) sending one CAPE-FNO request of
B = 1, steps = 1 (a single 128-point step).

  check  URL PROTOCOL [URL PROTOCOL ...]  send the benchmark request to each server; print the
                                          output shape and the largest difference to the first one
  load   URL PROTOCOL --concurrency C     closed loop with C requests in flight: C = 1 is one process
                                          with the synchronous client (the least client time per
                                          request); C > 1 is --processes forked processes (default 2)
                                          running C / processes asyncio tasks each on tritonclient's
                                          aio client (16 synchronous processes thrash 2 cores, and
                                          threads serialise on the GIL). --warmup requests in all,
                                          then --seconds of measurement from a common start; prints
                                          one JSON line: p50/p99 (ms) over the requests completed in
                                          the window, req/s, and requests_sent (warm-up included)
  floor  URL PROTOCOL                     the round trip of a request that does no work (server live), with
                                          the synchronous client: the client's and the protocol stack's own
                                          cost, the floor under any inference request; prints one JSON line
  body   PATH                             write the HTTP binary-extension body of the same request
                                          (for wrk) and print its JSON header length
"""
import argparse
import asyncio
import json
import math
import multiprocessing
import sys
import threading
import time

import numpy as np

MODEL = "cape-fno-advection"
POINTS = 128


def request_arrays():
    x = (np.arange(POINTS, dtype=np.float64) + 0.5) / POINTS  # cell centres on (0, 1)
    initial = (np.sin(2 * np.pi * x) + 0.5 * np.cos(6 * np.pi * x)).astype(np.float32).reshape(1, POINTS)
    return {"initial": initial, "parameters": np.array([[1.0]], np.float32), "steps": np.array([[1]], np.int32)}


def triton_module(protocol, asynchronous):
    if protocol == "http":
        import tritonclient.http as triton
        if asynchronous:
            import tritonclient.http.aio as triton
    elif protocol == "grpc":
        import tritonclient.grpc as triton
        if asynchronous:
            import tritonclient.grpc.aio as triton
    else:
        raise SystemExit(f"unknown protocol {protocol}")
    return triton


def client_and_inputs(url, protocol, asynchronous=False):
    triton = triton_module(protocol, asynchronous)
    inputs = []
    for name, array in request_arrays().items():
        tensor = triton.InferInput(name, list(array.shape), "INT32" if array.dtype == np.int32 else "FP32")
        tensor.set_data_from_numpy(array)  # binary by default (HTTP); raw_input_contents (gRPC)
        inputs.append(tensor)
    return triton.InferenceServerClient(url=url), inputs


def check(pairs):
    reference = None
    for url, protocol in pairs:
        client, inputs = client_and_inputs(url, protocol)
        rollout = client.infer(MODEL, inputs).as_numpy("rollout")
        line = f"{protocol} {url}: rollout {list(rollout.shape)} {rollout.dtype}"
        if reference is None:
            reference = rollout
        else:
            line += f", max |difference| to the first: {np.abs(rollout - reference).max():.2e}"
        print(line)


def write_body(path):
    """The HTTP body of the benchmark request with the binary tensor extension (JSON header, then the
    raw tensors; binary output requested), for wrk; prints the JSON header's length."""
    arrays = request_arrays()
    header = {"inputs": [{"name": name, "shape": list(array.shape),
                          "datatype": "INT32" if array.dtype == np.int32 else "FP32",
                          "parameters": {"binary_data_size": array.nbytes}} for name, array in arrays.items()],
              "parameters": {"binary_data_output": True}}
    text = json.dumps(header, separators=(",", ":")).encode()
    with open(path, "wb") as f:
        f.write(text + b"".join(array.tobytes() for array in arrays.values()))
    print(len(text))


def measure_sync(url, protocol, warmup, synchronise):
    client, inputs = client_and_inputs(url, protocol)
    for _ in range(warmup):
        client.infer(MODEL, inputs)
    deadline = synchronise()
    latencies, extra = [], 0
    while time.perf_counter() < deadline:
        begin = time.perf_counter()
        client.infer(MODEL, inputs).as_numpy("rollout")
        end = time.perf_counter()
        if end <= deadline:
            latencies.append(end - begin)
        else:
            extra += 1
    return latencies, extra


async def measure_async(url, protocol, tasks, warmup, synchronise):
    client, inputs = client_and_inputs(url, protocol, asynchronous=True)
    latencies, extra = [], 0

    async def loop(count, deadline, record):
        nonlocal extra
        while count > 0 or time.perf_counter() < deadline:
            count -= 1
            begin = time.perf_counter()
            (await client.infer(MODEL, inputs)).as_numpy("rollout")
            end = time.perf_counter()
            if not record:
                continue
            if end <= deadline:
                latencies.append(end - begin)
            else:
                extra += 1
    try:
        await asyncio.gather(*(loop(math.ceil(warmup / tasks), 0, False) for _ in range(tasks)))
        deadline = synchronise()  # blocks the loop; nothing else runs meanwhile
        await asyncio.gather(*(loop(0, deadline, True) for _ in range(tasks)))
    finally:
        await client.close()
    return latencies, extra


def worker(url, protocol, tasks, warmup, barrier, start_box, seconds, results):
    def synchronise():
        barrier.wait()  # all warmed up; the parent sets the start time
        barrier.wait()
        start = start_box.value
        while time.perf_counter() < start:
            pass
        return start + seconds
    try:
        if tasks == 1:
            results.put(measure_sync(url, protocol, warmup, synchronise))
        else:
            results.put(asyncio.run(measure_async(url, protocol, tasks, warmup, synchronise)))
    except Exception as error:  # report once, without a traceback per process, and release the others
        barrier.abort()
        results.put(f"{type(error).__name__}: {error}")
        sys.exit(1)


def floor(url, protocol, warmup, seconds):
    client = triton_module(protocol, False).InferenceServerClient(url=url)
    for _ in range(warmup):
        client.is_server_live()
    latencies, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        begin = time.perf_counter()
        if not client.is_server_live():
            raise SystemExit(f"floor {protocol} {url}: the server is not live")
        latencies.append(time.perf_counter() - begin)
    print(json.dumps({"url": url, "protocol": protocol, "requests": len(latencies),
                      "p50_ms": round(float(np.percentile(np.array(latencies) * 1e3, 50)), 4)}))


def load(url, protocol, concurrency, processes, warmup, seconds):
    processes = 1 if concurrency == 1 else processes
    if concurrency % processes:
        raise SystemExit(f"--concurrency {concurrency} is not a multiple of --processes {processes}")
    tasks = concurrency // processes
    context = multiprocessing.get_context("fork")  # nothing of tritonclient is loaded in this process
    barrier = context.Barrier(processes + 1)
    start_box = context.Value("d", 0.0)
    results = context.Queue()
    per_process = max(10, math.ceil(warmup / processes))
    workers = [context.Process(target=worker, args=(url, protocol, tasks, per_process, barrier, start_box, seconds, results))
               for _ in range(processes)]
    for process in workers:
        process.start()
    try:
        barrier.wait(timeout=120)  # every process has warmed up
        start_box.value = time.perf_counter() + 0.05
        barrier.wait(timeout=10)
    except threading.BrokenBarrierError:
        raise SystemExit(f"load {protocol} {url}: a client failed: {results.get(timeout=10)}")
    latencies, sent = [], 0
    for _ in workers:
        result = results.get(timeout=seconds + 120)
        if isinstance(result, str):
            raise SystemExit(f"load {protocol} {url}: a client failed: {result}")
        part, extra = result
        latencies += part
        sent += len(part) + extra
    for process in workers:
        process.join()
    sent += per_process * processes  # warm-up requests (in whole batches of tasks for aio)
    if not latencies:
        raise SystemExit(f"load {protocol} {url}: no request completed within {seconds} s")
    milliseconds = np.array(latencies) * 1e3
    print(json.dumps({"url": url, "protocol": protocol, "concurrency": concurrency, "processes": processes,
                      "requests": len(latencies), "seconds": seconds,
                      "p50_ms": round(float(np.percentile(milliseconds, 50)), 4),
                      "p99_ms": round(float(np.percentile(milliseconds, 99)), 4),
                      "req_per_s": round(len(latencies) / seconds, 1), "requests_sent": sent}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check")
    check_parser.add_argument("targets", nargs="+", help="URL PROTOCOL pairs (host:port http|grpc)")
    body_parser = commands.add_parser("body")
    body_parser.add_argument("path")
    load_parser = commands.add_parser("load")
    load_parser.add_argument("url")
    load_parser.add_argument("protocol", choices=["http", "grpc"])
    load_parser.add_argument("--concurrency", type=int, default=1)
    load_parser.add_argument("--processes", type=int, default=2, help="client processes when concurrency > 1")
    load_parser.add_argument("--warmup", type=int, default=200, help="warm-up requests over all processes")
    load_parser.add_argument("--seconds", type=float, default=5.0)
    floor_parser = commands.add_parser("floor")
    floor_parser.add_argument("url")
    floor_parser.add_argument("protocol", choices=["http", "grpc"])
    floor_parser.add_argument("--warmup", type=int, default=200)
    floor_parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    if args.command == "check":
        if len(args.targets) % 2:
            parser.error("check takes URL PROTOCOL pairs")
        check(list(zip(args.targets[::2], args.targets[1::2])))
    elif args.command == "floor":
        floor(args.url, args.protocol, args.warmup, args.seconds)
    elif args.command == "body":
        write_body(args.path)
    else:
        load(args.url, args.protocol, args.concurrency, args.processes, args.warmup, args.seconds)


if __name__ == "__main__":
    main()
