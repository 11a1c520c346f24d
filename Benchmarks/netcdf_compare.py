"""Checks of Benchmarks/netcdf_convert.sh, with netCDF4-python.

usage: netcdf_compare.py identical REFERENCE_DIR CANDIDATE_DIR NAME...
           The same format, dimensions (and which are unlimited), variables, dtypes, attributes
           (global and per variable; the global `history` that a converter appends to is ignored) and
           stored values -- bit for bit, as on disk, no masking or unpacking -- in REFERENCE_DIR/NAME
           and CANDIDATE_DIR/NAME. Chunking and filters may differ.
       netcdf_compare.py decoded INPUT_DIR CANDIDATE_DIR NAME...
           The same values after decoding (masked points and NaN count as equal; _FillValue may
           differ): what a converter that re-encodes, as xarray does, must preserve.
       netcdf_compare.py storage FILE
           One line per variable: dtype, shape, chunking, deflate level and shuffle.
Prints a summary line; the exit status is 1 on any difference.
"""
import os
import sys

import netCDF4
import numpy as np


def same_array(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind == "f":  # bit for bit (NaN payloads and -0.0 included)
        return a.tobytes() == b.tobytes()
    return np.array_equal(a, b)


def bits(a):
    """Floats as unsigned integers of the same width: compared bit for bit, NaN equal to itself."""
    a = np.asarray(a)
    return a.view(f"u{a.dtype.itemsize}") if a.dtype.kind == "f" else a


def same_attribute(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return same_array(np.atleast_1d(a), np.atleast_1d(b))


def walk(group):
    yield group
    for sub in group.groups.values():
        yield from walk(sub)


def compare_identical(ref_path, new_path):
    problems = []
    with netCDF4.Dataset(ref_path) as ref, netCDF4.Dataset(new_path) as new:
        if ref.data_model != new.data_model:
            problems.append(f"format {ref.data_model} vs {new.data_model}")
        for rg in walk(ref):
            path = rg.path
            try:
                ng = new[path] if path != "/" else new
            except (IndexError, KeyError):
                problems.append(f"group {path} missing")
                continue
            rdims = {n: (len(d), d.isunlimited()) for n, d in rg.dimensions.items()}
            ndims = {n: (len(d), d.isunlimited()) for n, d in ng.dimensions.items()}
            if rdims != ndims:
                problems.append(f"{path} dimensions {rdims} vs {ndims}")
            problems += attribute_problems(f"{path} global", rg, ng)
            if set(rg.variables) != set(ng.variables):
                problems.append(f"{path} variables {sorted(rg.variables)} vs {sorted(ng.variables)}")
            for name in sorted(rg.variables.keys() & ng.variables.keys()):
                rv, nv = rg[name], ng[name]
                rv.set_auto_maskandscale(False)
                nv.set_auto_maskandscale(False)
                if rv.dtype != nv.dtype or rv.dimensions != nv.dimensions:
                    problems.append(f"{name}: {rv.dtype}{rv.dimensions} vs {nv.dtype}{nv.dimensions}")
                    continue
                problems += attribute_problems(name, rv, nv)
                a, b = rv[:], nv[:]
                if not same_array(a, b):
                    differing = int(np.sum(bits(a) != bits(b))) if a.shape == b.shape else "shape"
                    problems.append(f"{name}: stored values differ ({differing} of {a.size})")
    return problems


def attribute_problems(label, a, b):
    problems = []
    an, bn = [k for k in a.ncattrs() if k != "history"], [k for k in b.ncattrs() if k != "history"]
    if set(an) != set(bn):
        problems.append(f"{label} attributes {sorted(an)} vs {sorted(bn)}")
    for key in sorted(set(an) & set(bn)):
        if not same_attribute(a.getncattr(key), b.getncattr(key)):
            problems.append(f"{label}:{key} {a.getncattr(key)!r} vs {b.getncattr(key)!r}")
    return problems


def compare_decoded(input_path, new_path):
    problems = []
    with netCDF4.Dataset(input_path) as src, netCDF4.Dataset(new_path) as new:
        for name, sv in src.variables.items():
            if name not in new.variables:
                problems.append(f"{name} missing")
                continue
            a = np.ma.filled(np.ma.asarray(sv[:]).astype(np.float64), np.nan)
            b = np.ma.filled(np.ma.asarray(new[name][:]).astype(np.float64), np.nan)
            if a.shape != b.shape or not np.array_equal(a, b, equal_nan=True):
                problems.append(f"{name}: decoded values differ")
    return problems


def storage(path):
    with netCDF4.Dataset(path) as ds:
        lines = [f"{os.path.basename(path)}: {ds.data_model}"]
        for group in walk(ds):
            netcdf4 = ds.data_model.startswith("NETCDF4")
            for name, v in group.variables.items():
                filters = (v.filters() or {}) if netcdf4 else {}
                chunks = v.chunking() if netcdf4 else "contiguous"
                chunks = "x".join(map(str, chunks)) if isinstance(chunks, list) else chunks
                fill = v.getncattr("_FillValue") if "_FillValue" in v.ncattrs() else "none"
                lines.append(f"  {group.path.rstrip('/')}/{name} {v.dtype}{list(v.shape)} chunks {chunks} "
                             f"deflate {filters.get('complevel', 0) if filters.get('zlib') else 0} "
                             f"shuffle {'yes' if filters.get('shuffle') else 'no'} _FillValue {fill}")
    return "\n".join(lines)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "storage" and len(sys.argv) == 3:
        print(storage(sys.argv[2]))
        return 0
    if mode not in ("identical", "decoded") or len(sys.argv) < 5:
        sys.exit(__doc__)
    ref_dir, new_dir, names = sys.argv[2], sys.argv[3], sys.argv[4:]
    compare = compare_identical if mode == "identical" else compare_decoded
    bad = 0
    for name in names:
        problems = compare(os.path.join(ref_dir, name), os.path.join(new_dir, name))
        if problems:
            bad += 1
            print(f"{name}: " + "; ".join(problems[:5]) + (f"; … {len(problems) - 5} more" if len(problems) > 5 else ""))
    what = "identical (format, dimensions, attributes, stored values bit for bit)" if mode == "identical" \
        else "equal decoded values"
    print(f"{len(names) - bad} of {len(names)} files {what}: {new_dir} against {ref_dir}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
