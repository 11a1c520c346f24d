"""The Python side of Benchmarks/serving.sh: KServe's ModelServer (0.21) serving CAPE-FNO in PyTorch
under the same name and tensors as ours (`cape-fno-advection`: inputs `initial` FP32 [B, 128],
`parameters` FP32 [B, 1], `steps` INT32 [B, 1]; output `rollout` FP32 [B, steps, 128]).

The architecture is the ConditionedFNO1d of Benchmarks/cape_epoch_torch.py (imported, not copied),
with the hyper-parameters of <model>/model.json, in eager mode under torch.inference_mode(). It loads
our weights.safetensors (every tensor, strictly; names map one to one except for the renames in
WEIGHT_RENAMES), so both servers answer the same; --random-weights keeps torch's initialisation.

Favourable to KServe: its per-request logs are off (latency log, the kserve.trace lines of its
timing middleware, its gRPC interceptor's line, uvicorn's access log). It binds
127.0.0.1 instead of its hard-coded 0.0.0.0/[::] (patched below). predict() is a plain `def`, which
KServe runs on its event loop, as in KServe's custom-model examples.

Usage: python kserve_cape.py --model-dir Models/cape-fno-advection/1 --http-port P --grpc-port Q
       [--torch-threads N|auto] [--random-weights]
--torch-threads auto (the default) times a B = 1 step with 1 and with 2 torch threads before serving
and keeps the faster (our server runs OpenBLAS with 2 threads on this 2-core machine).
"""
import argparse
import json
import logging
import os
import re
import sys
import time
from importlib.metadata import version

BENCHMARKS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEIGHT_RENAMES = [  # (our safetensors name pattern, torch state_dict name)
    (r"^cape\.attention\.(\d)\.layers\.0\.", r"cape.attention.\1.0."),  # Sequential(Linear, GELU, Linear)
    (r"^cape\.attention\.(\d)\.layers\.1\.", r"cape.attention.\1.2."),
    (r"^cape\.norm\.(weight|bias)$", r"cape.norm_\1"),
]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", required=True, help="our model version folder (model.json, weights.safetensors)")
    parser.add_argument("--name", default="cape-fno-advection")
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--grpc-port", type=int, required=True)
    parser.add_argument("--torch-threads", default="auto", help="a count, or auto: the faster of 1 and 2 for B = 1")
    parser.add_argument("--random-weights", action="store_true", help="do not load weights.safetensors")
    return parser.parse_args()


ARGUMENTS = parse_arguments()
if ARGUMENTS.torch_threads != "auto":
    os.environ.setdefault("OMP_NUM_THREADS", ARGUMENTS.torch_threads)
sys.argv = sys.argv[:1]  # kserve.model_server parses sys.argv when imported
import kserve  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import uvicorn  # noqa: E402
from grpc import aio as grpc_aio  # noqa: E402
from kserve import InferOutput, InferRequest, InferResponse  # noqa: E402

sys.path.insert(0, BENCHMARKS)
sys.argv = sys.argv[:1] + ["--model", "cape"]  # it parses sys.argv at import
from cape_epoch_torch import ConditionedFNO1d  # noqa: E402
sys.argv = sys.argv[:1]


def loopback_only():
    """KServe 0.21 hard-codes host 0.0.0.0 (uvicorn) and [::] (gRPC): rewrite both to 127.0.0.1."""
    config_init = uvicorn.Config.__init__

    def config(self, *args, **kwargs):
        kwargs["host"] = "127.0.0.1"
        config_init(self, *args, **kwargs)
    uvicorn.Config.__init__ = config

    make_server = grpc_aio.server

    def server(*args, **kwargs):
        instance = make_server(*args, **kwargs)
        add_port = instance.add_insecure_port
        instance.add_insecure_port = lambda address: add_port(address.replace("[::]", "127.0.0.1"))
        return instance
    grpc_aio.server = server


def build_model(model_dir, random_weights):
    with open(os.path.join(model_dir, "model.json")) as f:
        description = json.load(f)
    assert description["architecture"] == "fno1d-conditioned", description["architecture"]
    config = description["config"]
    base, cape = config["base"], config["cape"]
    assert config["conditioning"] == "cape" and base["projectionWidth"] == 128 and cape["kernel"] == 5 and cape["pool"] == 4
    model = ConditionedFNO1d("cape", base["width"], base["modes"], base["layers"], fields=config["fields"],
                             parameters=config["parameters"], cape_width=cape["width"], cape_modes=cape["modes"])
    if random_weights:
        return model.eval(), "random weights (torch initialisation)"
    from safetensors.numpy import load_file
    ours = load_file(os.path.join(model_dir, description["weights"]["file"]))
    state = {}
    for name, value in ours.items():
        for pattern, replacement in WEIGHT_RENAMES:
            name = re.sub(pattern, replacement, name)
        state[name] = torch.from_numpy(value)
    model.load_state_dict(state, strict=True)  # every name and shape must match
    return model.eval(), f"weights from {description['weights']['file']} ({len(state)} tensors)"


def pick_threads(model, candidates=(1, 2), repeats=2, steps=100):
    """The torch thread count with the shortest B = 1 step (best of `repeats` interleaved timings)."""
    state, lam = torch.zeros(1, 1, 128), torch.ones(1, 1)
    best = {}
    with torch.inference_mode():
        for _ in range(repeats):
            for threads in candidates:
                torch.set_num_threads(threads)
                for _ in range(20):
                    model.step(state, lam)
                start = time.perf_counter()
                for _ in range(steps):
                    model.step(state, lam)
                seconds = (time.perf_counter() - start) / steps
                best[threads] = min(best.get(threads, seconds), seconds)
    choice = min(best, key=best.get)
    timings = ", ".join(f"{threads}: {seconds * 1e6:.0f} us" for threads, seconds in best.items())
    return choice, f"auto (B = 1 step, best of {repeats}: {timings})"


class CapeFNO(kserve.Model):
    def __init__(self, name, model):
        super().__init__(name)
        self.model = model
        self.ready = True

    def predict(self, payload: InferRequest, headers=None) -> InferResponse:
        inputs = {tensor.name: tensor.as_numpy() for tensor in payload.inputs}
        initial, parameters, steps = inputs["initial"], inputs["parameters"], inputs["steps"]
        counts = set(steps.reshape(-1).tolist())
        if len(counts) != 1 or not 1 <= next(iter(counts)) <= 1000:
            raise kserve.errors.InvalidInput("input 'steps' must hold one value in 1...1000")
        with torch.inference_mode():
            state = torch.tensor(initial).reshape(initial.shape[0], 1, initial.shape[1])  # a copy: the input is read-only
            lam = torch.tensor(parameters)
            frames = []
            for _ in range(next(iter(counts))):
                state = self.model.step(state, lam)[0]
                frames.append(state)
            rollout = torch.cat(frames, dim=1).numpy()  # [B, steps, X]
        output = InferOutput(name="rollout", shape=list(rollout.shape), datatype="FP32")
        output.set_data_from_numpy(np.ascontiguousarray(rollout, dtype=np.float32), binary_data=True)
        return InferResponse(response_id=payload.id, model_name=self.name, infer_outputs=[output],
                             use_binary_outputs=payload.use_binary_outputs)


def main():
    args = ARGUMENTS
    model, weights = build_model(args.model_dir, args.random_weights)
    if args.torch_threads == "auto":
        threads, how = pick_threads(model)
    else:
        threads, how = int(args.torch_threads), "set"
    torch.set_num_threads(threads)
    print(f"kserve {version('kserve')}, torch {torch.__version__}, {sum(p.numel() for p in model.parameters())} "
          f"parameters, {weights}", file=sys.stderr)
    print(f"torch threads: {threads} ({how})", file=sys.stderr, flush=True)
    loopback_only()
    server = kserve.ModelServer(http_port=args.http_port, grpc_port=args.grpc_port, enable_grpc=True,
                                enable_latency_logging=False)
    for name in ("uvicorn.access", "kserve.trace"):  # after ModelServer configured logging
        logging.getLogger(name).setLevel(logging.WARNING)  # access log; timing middleware, 2 lines a request
    logging.getLogger("kserve").addFilter(lambda record: not record.getMessage().startswith("grpc method:"))
    server.start([CapeFNO(args.name, model)])


if __name__ == "__main__":
    main()
