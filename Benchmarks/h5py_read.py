"""h5py side of Benchmarks/read_throughput.sh: stream `tensor` batch by batch with strides,
as `surrogate data scan` does, and print the same summary line."""
import resource
import sys
import time

import h5py
import numpy as np


def main():
    path, batch, stride = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    start = time.perf_counter()
    values, low, high, total = 0, np.inf, -np.inf, 0.0
    with h5py.File(path, "r") as f:
        tensor = f["tensor"]
        for first in range(0, tensor.shape[0], batch):
            block = tensor[first:first + batch, ::stride, ::stride]
            values += block.size
            low, high = min(low, float(block.min())), max(high, float(block.max()))
            total += float(block.sum(dtype=np.float64))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scan values={values} seconds={seconds:.3f} mb_per_second={values * 4 / 1e6 / seconds:.1f} "
          f"peak_rss_mb={peak:.1f} min={low:g} max={high:g} mean={total / values:g}")


if __name__ == "__main__":
    main()
