"""PyTorch side of `make bench`: the same training steps as `surrogate bench-steps`.

MLP: 8 Linear(256, 256) layers with tanh between, batch 1024, MSE loss, Adam.
FNO1d: width 32, 16 modes, 4 Fourier layers, 128 points, batch 32, grid channel appended,
projection through 128 channels, GELU, MSE loss, Adam (the layout of the original FNO).
Prints one line: `<workload> threads=T steps_per_second=S`.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class SpectralConv1d(nn.Module):
    def __init__(self, channels, modes):
        super().__init__()
        self.modes = modes
        scale = 1 / (channels * channels)
        self.weight = nn.Parameter(scale * torch.rand(channels, channels, modes, dtype=torch.cfloat))

    def forward(self, x):
        spectrum = torch.fft.rfft(x)
        mixed = torch.zeros(x.shape[0], self.weight.shape[1], x.shape[-1] // 2 + 1, dtype=torch.cfloat)
        mixed[:, :, :self.modes] = torch.einsum("bik,iok->bok", spectrum[:, :, :self.modes], self.weight)
        return torch.fft.irfft(mixed, n=x.shape[-1])


class FNO1d(nn.Module):
    def __init__(self, width=32, modes=16, layers=4, projection=128):
        super().__init__()
        self.lift = nn.Conv1d(2, width, 1)
        self.spectral = nn.ModuleList([SpectralConv1d(width, modes) for _ in range(layers)])
        self.pointwise = nn.ModuleList([nn.Conv1d(width, width, 1) for _ in range(layers)])
        self.project1 = nn.Conv1d(width, projection, 1)
        self.project2 = nn.Conv1d(projection, 1, 1)

    def forward(self, u):
        grid = torch.arange(u.shape[-1], dtype=u.dtype).div(u.shape[-1]).expand(u.shape[0], 1, -1)
        x = self.lift(torch.cat([u, grid], dim=1))
        for index, (k, w) in enumerate(zip(self.spectral, self.pointwise)):
            x = k(x) + w(x)
            if index < len(self.spectral) - 1:
                x = F.gelu(x)
        return self.project2(F.gelu(self.project1(x)))


def main():
    workload, threads, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    if workload == "mlp":
        layers = []
        for index in range(8):
            layers.append(nn.Linear(256, 256))
            if index < 7:
                layers.append(nn.Tanh())
        model = nn.Sequential(*layers)
        x, y = torch.randn(1024, 256), torch.randn(1024, 256)
    else:
        model = FNO1d()
        x, y = torch.randn(32, 1, 128), torch.randn(32, 1, 128)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(3):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    rate = steps / (time.perf_counter() - start)
    print(f"{workload} threads={threads} steps_per_second={rate:.2f}")


if __name__ == "__main__":
    main()
