"""Seed corpus for `make fuzz`: small files in every PDEBench layout, written by h5py."""
import sys

import h5py
import numpy as np

out = sys.argv[1]
with h5py.File(f"{out}/single.h5", "w") as f:
    f["tensor"] = np.arange(2 * 3 * 4, dtype=np.float16).reshape(2, 3, 4)
    f["x-coordinate"] = np.arange(4.0)
    f["t-coordinate"] = np.arange(4.0)
    f.attrs["beta"] = 0.1
with h5py.File(f"{out}/multi.h5", "w") as f:
    for name in ["density", "pressure", "Vx", "Vy"]:
        f[name] = np.ones((1, 2, 3, 3), dtype=np.float32)
with h5py.File(f"{out}/groups.h5", "w") as f:
    g = f.create_group("0000")
    g["data"] = np.zeros((2, 3, 1), dtype=np.float32)
    g["grid/x"] = np.arange(3.0)
    g["grid/t"] = np.arange(2.0)
with h5py.File(f"{out}/darcy.h5", "w") as f:
    f["tensor"] = np.zeros((1, 1, 3, 3), dtype=np.float32)
    f["nu"] = np.ones((1, 3, 3), dtype=np.float32)
    f.attrs["beta"] = 1.0
