"""PyTorch CPU side of Benchmarks/cape_epoch.sh: one training epoch of the autoregressive
ConditionedFNO1d, as `surrogate train` runs a (non-warm-up) curriculum epoch.

The model is written from our Swift sources (Sources/NeuralOperators, Sources/NeuralNetworks),
layer for layer, so that its parameter count equals ours:

  FNO1d (FNO1d.swift): grid x_j = j/X appended as an input channel, 1x1 lift to `width`,
    `layers` Fourier layers y = K(h) + W(h) (K: spectral conv on the lowest `modes` frequencies,
    weights [in, out, modes, 2] stored as (re, im); W: 1x1 conv), exact GELU after every layer
    but the last, then 1x1 projection width -> 128, GELU, 1x1 projection 128 -> outputs.
  CAPE1d (CAPE1d.swift), d = capeWidth, c fields, p PDE parameters:
    h  = GELU(Conv_5(u))                           c -> d/2, padding 2 (zeros), no bias
    a_i = Linear(d/2 -> d)(GELU(Linear(p -> d/2)(lambda)))   i = 0, 1, 2
    y  = a_0 * Up_4(K_spec(Pool_4 h)) + a_1 * P(h) + a_2 * D(h) + Q(h)
         K_spec spectral conv d/2 -> d on capeModes modes (average pooling by 4 in front,
         nearest upsampling by 4 behind), P and Q 1x1 convs d/2 -> d, D grouped conv kernel 5,
         d/2 groups, no bias
    u^ = u + gamma * LN_x(R(GELU(y))) + delta      R 1x1 conv d -> c; LN over space only
                                                   (eps 1e-5, no affine); gamma, delta [c, 1]
  ConditionedFNO1d (ConditionedFNO1d.swift):
    none: the FNO on u (c -> c);
    cape: the FNO on concat(u, u^) (2c -> 2c), then a 1x1 head 2c -> c.

One epoch (RolloutTrainer.runEpoch + validationError, RolloutLoss.swift):
  shuffled batches of `--batch-size` training trajectories [B, T+1, c, X] with lambda [B, p];
  frame 0 plus Gaussian noise (std 1e-3) is the first state; for t = 1..T the loss adds
  relL2(next, frame t) (per-sample ||p - y|| / (||y|| + 1e-12), batch mean) and, with CAPE,
  5.7e-5 * relL2(u^, frame t); the next state is the prediction for t <= T_AR and the true frame
  afterwards; gradients flow through the whole rollout; Adam (lr 3e-3, weight decay 1e-4 added
  to the gradient: torch.optim.Adam). Then a fully autoregressive rollout (no gradients) of the
  validation trajectories in batches of 64, scored by nRMSE, as our trainer does after each
  epoch; its time is part of the epoch, as in our EpochRecord.seconds.

Data: random fields of the right shape (the timing does not depend on the values), or the
`tensor` dataset of a PDEBench HDF5 file with --data when h5py is installed.

Output: one line per timed epoch, then a summary line
  `<model> threads=T ... parameters=P seconds_per_epoch=S ... peak_rss_mib=M`
(seconds_per_epoch is the median over the timed epochs; peak RSS is ru_maxrss of the process).
"""
import argparse
import math
import os
import resource
import statistics
import sys
import time


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", choices=["fno", "cape"], required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--trajectories", type=int, default=900, help="training trajectories")
    parser.add_argument("--validation", type=int, default=100, help="validation trajectories (0: no validation rollout)")
    parser.add_argument("--epochs", type=int, default=1, help="timed epochs, after one untimed warm-up batch")
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--frames", type=int, default=41, help="frames per trajectory (T + 1)")
    parser.add_argument("--points", type=int, default=128)
    parser.add_argument("--t-ar", type=int, default=20, help="leading autoregressive steps (T_AR)")
    parser.add_argument("--width", type=int, help="FNO width (default 36 for fno, 21 for cape)")
    parser.add_argument("--modes", type=int, default=12)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--cape-width", type=int, default=64)
    parser.add_argument("--cape-modes", type=int, default=16)
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--auxiliary-weight", type=float, default=5.7e-5)
    parser.add_argument("--input-noise", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", help="PDEBench HDF5 file to read instead of random data (needs h5py)")
    parser.add_argument("--time-stride", type=int, default=1, help="with --data")
    parser.add_argument("--space-stride", type=int, default=1, help="with --data")
    arguments = parser.parse_args()
    if arguments.width is None:
        arguments.width = 36 if arguments.model == "fno" else 21
    return arguments


ARGUMENTS = parse_arguments()
# Thread counts before torch loads its OpenMP runtime (the caller's settings win).
for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(variable, str(ARGUMENTS.threads))

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class SpectralConv1d(nn.Module):
    """y = irfft(W * rfft(x) on the lowest `modes` frequencies); W [in, out, modes, 2] as (re, im),
    uniform in [0, 1/(in*out)) as ours (real storage, so numel() counts both parts, as ours)."""

    def __init__(self, inputs, outputs, modes):
        super().__init__()
        self.modes = modes
        self.weight = nn.Parameter(torch.rand(inputs, outputs, modes, 2) / (inputs * outputs))

    def forward(self, x):
        length = x.shape[-1]
        assert self.modes <= length // 2 + 1
        spectrum = torch.fft.rfft(x)[:, :, :self.modes]
        mixed = torch.einsum("bik,iok->bok", spectrum, torch.view_as_complex(self.weight))
        return torch.fft.irfft(mixed, n=length)  # zero-pads the bins above `modes`


class FNO1d(nn.Module):
    def __init__(self, inputs, outputs, width, modes, layers, projection=128):
        super().__init__()
        self.lift = nn.Conv1d(inputs + 1, width, 1)  # + the grid channel
        self.spectral = nn.ModuleList([SpectralConv1d(width, width, modes) for _ in range(layers)])
        self.pointwise = nn.ModuleList([nn.Conv1d(width, width, 1) for _ in range(layers)])
        self.project1 = nn.Conv1d(width, projection, 1)
        self.project2 = nn.Conv1d(projection, outputs, 1)

    def forward(self, u):
        batch, _, points = u.shape
        grid = (torch.arange(points, dtype=u.dtype) / points).reshape(1, 1, points).expand(batch, 1, points)
        x = self.lift(torch.cat([u, grid], dim=1))
        for index, (k, w) in enumerate(zip(self.spectral, self.pointwise)):
            x = k(x) + w(x)
            if index < len(self.spectral) - 1:
                x = F.gelu(x)
        return self.project2(F.gelu(self.project1(x)))


class CAPE1d(nn.Module):
    def __init__(self, fields=1, parameters=1, width=64, modes=16, kernel=5, pool=4):
        super().__init__()
        assert width % 2 == 0 and kernel % 2 == 1
        half = width // 2
        self.pool = pool
        self.lift = nn.Conv1d(fields, half, kernel, padding=kernel // 2, bias=False)
        self.attention = nn.ModuleList([
            nn.Sequential(nn.Linear(parameters, half), nn.GELU(), nn.Linear(half, width)) for _ in range(3)])
        self.spectral = SpectralConv1d(half, width, modes)
        self.pointwise = nn.Conv1d(half, width, 1)
        self.depthwise = nn.Conv1d(half, width, kernel, padding=kernel // 2, groups=half, bias=False)
        self.plain = nn.Conv1d(half, width, 1)
        self.projection = nn.Conv1d(width, fields, 1)
        # LN over space with one gain and shift per field (not per grid point).
        self.norm_weight = nn.Parameter(torch.ones(fields, 1))
        self.norm_bias = nn.Parameter(torch.zeros(fields, 1))

    def forward(self, state, lam):
        points = state.shape[-1]
        assert points % self.pool == 0
        h = F.gelu(self.lift(state))
        a = [attention(lam).unsqueeze(2) for attention in self.attention]  # 3 x [N, d, 1]
        pooled = F.avg_pool1d(h, self.pool)  # mean of each run of `pool` points
        global_ = F.interpolate(self.spectral(pooled), scale_factor=self.pool, mode="nearest")
        y = a[0] * global_
        y = y + a[1] * self.pointwise(h)
        y = y + a[2] * self.depthwise(h)
        y = y + self.plain(h)
        correction = F.layer_norm(self.projection(F.gelu(y)), (points,))
        return state + correction * self.norm_weight + self.norm_bias


class ConditionedFNO1d(nn.Module):
    def __init__(self, conditioning, width, modes=12, layers=4, fields=1, parameters=1, cape_width=64, cape_modes=16):
        super().__init__()
        self.conditioning = conditioning
        if conditioning == "none":
            self.base = FNO1d(fields, fields, width, modes, layers)
            self.cape = self.head = None
        elif conditioning == "cape":
            self.base = FNO1d(2 * fields, 2 * fields, width, modes, layers)
            self.cape = CAPE1d(fields, parameters, cape_width, cape_modes)
            self.head = nn.Conv1d(2 * fields, fields, 1)
        else:
            raise ValueError(conditioning)

    def step(self, state, lam):
        """(next state, CAPE estimate or None)."""
        if self.cape is None:
            return self.base(state), None
        estimate = self.cape(state, lam)
        return self.head(self.base(torch.cat([state, estimate], dim=1))), estimate


def relative_error(prediction, truth):
    """Per-sample relative L2 over (c, X), averaged over the batch (RolloutLoss.relativeError)."""
    axes = tuple(range(1, truth.dim()))
    difference = prediction - truth
    error = (difference * difference).sum(dim=axes).sqrt()
    norm = (truth * truth).sum(dim=axes).sqrt() + 1e-12
    return (error / norm).mean()


def rollout_loss(model, trajectories, lam, autoregressive_steps, args, generator):
    steps = trajectories.shape[1] - 1
    first = trajectories[:, 0]
    state = first + torch.randn(first.shape, generator=generator) * args.input_noise
    rollout = torch.zeros(())
    auxiliary = torch.zeros(())
    for t in range(1, steps + 1):
        truth = trajectories[:, t]
        following, estimate = model.step(state, lam)
        rollout = rollout + relative_error(following, truth)
        if estimate is not None:
            auxiliary = auxiliary + relative_error(estimate, truth) * args.auxiliary_weight
        state = following if t <= autoregressive_steps else truth
    return rollout, auxiliary


def train_batch(model, optimizer, fields, lam, args, generator):
    rollout, auxiliary = rollout_loss(model, fields, lam, args.t_ar, args, generator)
    loss = rollout + auxiliary
    value = loss.item()
    if not math.isfinite(value):
        raise SystemExit(f"non-finite loss {value}")
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return value


def validation_nrmse(model, fields, lam, batch_size=64):
    """Fully autoregressive rollouts from frame 0 (no gradients), nRMSE against frames 1..T."""
    with torch.no_grad():
        parts = []
        for start in range(0, fields.shape[0], batch_size):
            state, frames = fields[start:start + batch_size, 0], []
            part_lam = lam[start:start + batch_size]
            for _ in range(fields.shape[1] - 1):
                state = model.step(state, part_lam)[0]
                frames.append(state.unsqueeze(1))
            parts.append(torch.cat(frames, dim=1))
        prediction = torch.cat(parts, dim=0).double()
        truth = fields[:, 1:].double()
        error = (prediction - truth).pow(2).mean(dim=-1).sqrt()
        norm = truth.pow(2).mean(dim=-1).sqrt()
        return (error / norm).mean().item()


def load_data(args, generator):
    """(training fields, training lambda, validation fields, validation lambda), fields [N, T+1, 1, X]."""
    total = args.trajectories + args.validation
    if args.data:
        try:
            import h5py
        except ImportError:
            raise SystemExit("--data needs h5py, which is not installed here; leave --data out for random data")
        with h5py.File(args.data, "r") as f:
            tensor = f["tensor"]
            if tensor.shape[0] < total:
                raise SystemExit(f"{args.data} holds {tensor.shape[0]} trajectories, fewer than {total}")
            raw = tensor[:total, ::args.time_stride, ::args.space_stride]
            beta = float(f.attrs.get("beta", 1.0))
        fields = torch.from_numpy(raw).float().unsqueeze(2).contiguous()
        lam = torch.full((total, 1), beta)
    else:
        fields = torch.randn(total, args.frames, 1, args.points, generator=generator)
        lam = torch.rand(total, 1, generator=generator) * 3.8 + 0.2
    return (fields[:args.trajectories].contiguous(), lam[:args.trajectories].contiguous(),
            fields[args.trajectories:].contiguous(), lam[args.trajectories:].contiguous())


def main():
    args = ARGUMENTS
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    train_fields, train_lam, valid_fields, valid_lam = load_data(args, generator)
    conditioning = "none" if args.model == "fno" else "cape"
    model = ConditionedFNO1d(conditioning, args.width, args.modes, args.layers,
                             fields=train_fields.shape[2], parameters=train_lam.shape[1],
                             cape_width=args.cape_width, cape_modes=args.cape_modes)
    parameters = sum(p.numel() for p in model.parameters())
    parts = {name: sum(p.numel() for p in module.parameters())
             for name, module in model.named_children() if module is not None}
    steps = train_fields.shape[1] - 1
    print(f"model: {args.model} (conditioning {conditioning}), width {args.width}, {args.modes} modes, "
          f"{args.layers} layers" + (f", CAPE d = {args.cape_width}, {args.cape_modes} CAPE modes" if model.cape else "")
          + f", {parameters} parameters (" + ", ".join(f"{k} {v}" for k, v in parts.items()) + ")")
    print(f"data: {train_fields.shape[0]} training and {valid_fields.shape[0]} validation trajectories "
          f"{list(train_fields.shape[1:])}, {'file ' + args.data if args.data else 'random'}; batch {args.batch_size}, "
          f"T_AR {args.t_ar}/{steps}; torch {torch.__version__}, {torch.get_num_threads()} threads")
    sys.stdout.flush()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate, weight_decay=args.weight_decay)

    # Untimed warm-up: one training batch (allocator, kernels, FFT plans).
    train_batch(model, optimizer, train_fields[:args.batch_size], train_lam[:args.batch_size], args, generator)

    records = []
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(train_fields.shape[0], generator=generator)
        total, batches = 0.0, 0
        for first in range(0, order.numel(), args.batch_size):
            index = order[first:first + args.batch_size]
            value = train_batch(model, optimizer, train_fields.index_select(0, index),
                                train_lam.index_select(0, index), args, generator)
            total += value / steps
            batches += 1
        trained = time.perf_counter()
        nrmse = validation_nrmse(model, valid_fields, valid_lam) if valid_fields.shape[0] else float("nan")
        end = time.perf_counter()
        records.append((end - start, trained - start, end - trained))
        print(f"epoch {epoch}/{args.epochs}  loss {total / batches:.4e}  val nRMSE {nrmse:.4f}  "
              f"seconds {end - start:.3f} (training {trained - start:.3f}, validation {end - trained:.3f})")
        sys.stdout.flush()

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    seconds = statistics.median(r[0] for r in records)
    print(f"{args.model} threads={args.threads} trajectories={train_fields.shape[0]} validation={valid_fields.shape[0]} "
          f"t_ar={args.t_ar} parameters={parameters} seconds_per_epoch={seconds:.3f} "
          f"training_seconds={statistics.median(r[1] for r in records):.3f} "
          f"validation_seconds={statistics.median(r[2] for r in records):.3f} peak_rss_mib={peak:.1f}")


if __name__ == "__main__":
    main()
