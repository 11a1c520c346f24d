"""xarray's side of Benchmarks/netcdf_convert.sh: the conversion users write, one file after the other.

usage: xarray_convert.py OUTDIR INPUT...

Each INPUT becomes OUTDIR/<its name> as NETCDF4 (xarray's default) with zlib level 1 on every data
variable. netCDF4-python turns shuffle on with zlib unless told otherwise, and a per-variable
`encoding` replaces the variable's own, so _FillValue becomes NaN (xarray's default for floats).
Prints the seconds and the process's peak resident memory in key=value form.
"""
import os
import resource
import sys
import time

import xarray as xr

out, inputs = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
for path in inputs:
    with xr.open_dataset(path) as ds:
        ds.to_netcdf(os.path.join(out, os.path.basename(path)),
                     encoding={v: {"zlib": True, "complevel": 1} for v in ds.data_vars})
seconds = time.perf_counter() - start
print(f"xarray {xr.__version__}: {len(inputs)} files seconds={seconds:.3f} "
      f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
