"""A small, deterministic catalogue of NetCDF files for the `surrogate convert` tests.

usage: python netcdf_fixtures.py OUTDIR

Writes the files below into OUTDIR (kilobytes each; seeded RNG; the same bytes on every run with
the same netCDF-C/HDF5 versions), then reads every file back and prints a JSON index
(file name -> what it contains) on stdout; the same index is written to OUTDIR/index.json.

Good files (every one opens with netCDF4-python and decodes with xarray.open_dataset):
  classic.nc     NETCDF3_CLASSIC       calendar standard            } the same variables,
  offset64.nc    NETCDF3_64BIT_OFFSET  calendar noleap              } dimensions and values:
  cdf5.nc        NETCDF3_64BIT_DATA    calendar 360_day             } time (unlimited) = 4,
  nc4.nc         NETCDF4               calendar proleptic_gregorian } lat = 3, lon = 4; only
  nc4classic.nc  NETCDF4_CLASSIC       calendar julian              } the calendar differs
  groups.nc      NETCDF4: nested groups /ocean and /ocean/deep, NC_STRING, zlib, shuffle, chunks.
                 `nccopy -d1` of Debian's netCDF-C 4.9.0 fails on it ("NetCDF: Filter error: bad id
                 or parameters or duplicate filter"): 4.9.0 refuses deflate on NC_STRING variables
                 (Unidata/netcdf-c #2480, #2568); plain `nccopy -k nc4` works
  missing.nc     NETCDF3_CLASSIC: missing_value, valid_range, valid_min/valid_max, _Unsigned
  xarray.nc      NETCDF4 written by xarray.Dataset.to_netcdf (int16 packing, zlib, chunksizes,
                 datetime64 time encoded as int64 "hours since ...")
  series_000.nc .. series_003.nc  NETCDF4_CLASSIC, to concatenate along time: units alternate
                 between "days since 2000-01-01" and "hours since 2000-01-06", and the packing
                 (scale_factor/add_offset) of `h` differs per file. xarray's naive
                 xr.concat([...], "time").to_netcdf() keeps series_000's packing and folds 239 of
                 the 320 values of h (max error 742.7 m; xarray 2026.9)
  training.nc    NETCDF4: u(sample = 8, time = 11, x = 64), a travelling sine per sample
Bad files:
  truncated.nc   classic.nc cut in half (header intact, data missing)
  thirteen.nc    the first 13 bytes of classic.nc
  garbage.nc     4096 random bytes
  empty.nc       0 bytes
  badcalendar.nc a valid NETCDF3_CLASSIC file whose time has calendar "martian"

The index describes each file as read back by netCDF4-python: format, dimensions, variables
(dtype, dims, shape, attributes as {"type", "value"}, chunking and filters for netCDF-4, and
`stats` of the values as netCDF4-python decodes them by default -- masked and unpacked: count,
masked, min, max, sum in float64), global attributes, groups; plus `xarray` (variables that are
NaN after xr.open_dataset and the decoded time) and `expect` (what a reader should find; for bad
files the errors of netCDF4-python and xarray). Non-finite floats appear as the strings "NaN",
"Infinity", "-Infinity" (JSON has no NaN).
"""
import json
import math
import os
import sys
import warnings

import cftime
import netCDF4
import numpy as np

SEED = 20240611
TIME_UNITS = "days since 2000-01-01"
# Days 59 and 60 straddle 29 February 2000: the decoded dates differ between calendars.
STANDARD_TIMES = [0.0, 59.0, 60.0, 365.0]
FORMAT_FILES = [
    ("classic.nc", "NETCDF3_CLASSIC", "standard"),
    ("offset64.nc", "NETCDF3_64BIT_OFFSET", "noleap"),
    ("cdf5.nc", "NETCDF3_64BIT_DATA", "360_day"),
    ("nc4.nc", "NETCDF4", "proleptic_gregorian"),
    ("nc4classic.nc", "NETCDF4_CLASSIC", "julian"),
]
TEMP_FILL = np.float32(-9999.0)
TEMP_FILLED = [(0, 0, 0), (1, 2, 3), (3, 1, 1)]
PRECIP_FILL = np.int16(-32767)
PRECIP_SCALE, PRECIP_OFFSET = np.float32(0.01), np.float32(10.0)
PRECIP_FILLED = [(0, 1, 1), (2, 0, 3)]
BETA = 0.4


def raw(variable):
    """Write the values given, as they are: no packing and no masking by netCDF4-python (Dataset-level
    set_auto_maskandscale does not reach variables created afterwards)."""
    variable.set_auto_maskandscale(False)
    return variable


def coordinate(ds, name, dtype, values, **attrs):
    v = raw(ds.createVariable(name, dtype, (name,)))
    v.setncatts(attrs)
    v[:] = values
    return v


def write_standard(path, fmt, calendar, title=None):
    """The variables shared by the five format files (and badcalendar.nc)."""
    ds = netCDF4.Dataset(path, "w", format=fmt)
    ds.createDimension("time", None)
    ds.createDimension("lat", 3)
    ds.createDimension("lon", 4)
    coordinate(ds, "time", "f8", STANDARD_TIMES, units=TIME_UNITS, calendar=calendar,
               standard_name="time", long_name="time", axis="T")
    lat = np.array([-45.0, 0.0, 45.0], dtype=np.float32)
    lon = np.array([0.0, 90.0, 180.0, 270.0], dtype=np.float32)
    coordinate(ds, "lat", "f4", lat, units="degrees_north", standard_name="latitude", long_name="latitude", axis="Y")
    coordinate(ds, "lon", "f4", lon, units="degrees_east", standard_name="longitude", long_name="longitude", axis="X")

    t = np.arange(4)[:, None, None]
    la = np.deg2rad(lat)[None, :, None]
    lo = np.deg2rad(lon)[None, None, :]
    temp = (280.0 + 15.0 * np.cos(la) + 2.0 * np.sin(lo) + 0.5 * t).astype(np.float32)
    for index in TEMP_FILLED:
        temp[index] = TEMP_FILL
    v = raw(ds.createVariable("temp", "f4", ("time", "lat", "lon"), fill_value=TEMP_FILL))
    v.setncatts(dict(units="K", standard_name="air_temperature", long_name="air temperature"))
    v[0:4] = temp

    precip = 5.0 + 3.0 * np.sin(la + lo) + 0.25 * t  # mm/day, packed: packed = round((value - offset) / scale)
    packed = np.round((precip - float(PRECIP_OFFSET)) / float(PRECIP_SCALE)).astype(np.int16)
    for index in PRECIP_FILLED:
        packed[index] = PRECIP_FILL
    v = raw(ds.createVariable("precip", "i2", ("time", "lat", "lon"), fill_value=PRECIP_FILL))
    v.setncatts(dict(units="mm d-1", standard_name="lwe_precipitation_rate", long_name="precipitation",
                     scale_factor=PRECIP_SCALE, add_offset=PRECIP_OFFSET))
    v[0:4] = packed

    ds.title = title or f"surrogate test fixture: {fmt}, calendar {calendar}"
    ds.Conventions = "CF-1.8"
    ds.realization = np.int32(1)
    ds.grid_spacing_degrees = 45.0
    ds.close()


def write_groups(path, rng):
    ds = netCDF4.Dataset(path, "w", format="NETCDF4")
    ds.createDimension("time", None)
    ds.createDimension("station", 3)
    coordinate(ds, "time", "f8", [0.0, 6.0, 12.0], units="hours since 2020-01-01 00:00:00", calendar="standard",
               standard_name="time", axis="T")
    names = ds.createVariable("station_name", str, ("station",))
    names.long_name = "station name"
    names.cf_role = "timeseries_id"
    for i, name in enumerate(["Bergen", "Tromsø", "Longyearbyen"]):  # one non-ASCII UTF-8 name
        names[i] = name
    st = ds.createVariable("station_temp", "f4", ("time", "station"), fill_value=np.float32(-999.0))
    st.setncatts(dict(units="degC", standard_name="air_temperature", coordinates="station_name"))
    st[0:3] = np.round(5 + rng.normal(size=(3, 3)), 2).astype(np.float32)
    ds.title = "surrogate test fixture: groups"
    ds.Conventions = "CF-1.8"

    ocean = ds.createGroup("ocean")
    ocean.description = "surface ocean"
    ocean.createDimension("y", 4)
    ocean.createDimension("x", 5)
    coordinate(ocean, "y", "f8", np.arange(4) * 10.0, units="km", long_name="y", axis="Y")
    coordinate(ocean, "x", "f8", np.arange(5) * 10.0, units="km", long_name="x", axis="X")
    yy, xx = np.meshgrid(np.arange(4), np.arange(5), indexing="ij")
    sst = (10 + 0.5 * yy + 0.2 * xx)[None] + 0.1 * np.arange(3)[:, None, None] + 0.01 * rng.normal(size=(3, 4, 5))
    # time is the root's dimension, inherited by the group.
    v = ocean.createVariable("sst", "f4", ("time", "y", "x"), zlib=True, complevel=4, shuffle=True,
                             chunksizes=(1, 2, 5), fill_value=np.float32(1e20))
    v.setncatts(dict(units="degC", standard_name="sea_surface_temperature"))
    v[0:3] = sst.astype(np.float32)

    deep = ocean.createGroup("deep")
    deep.description = "below the thermocline"
    deep.createDimension("depth", 2)
    coordinate(deep, "depth", "f8", [500.0, 1000.0], units="m", standard_name="depth", positive="down", axis="Z")
    sal = 34.5 + 0.3 * np.arange(2)[None, :, None, None] + 0.01 * rng.normal(size=(3, 2, 4, 5))
    v = deep.createVariable("salinity", "f8", ("time", "depth", "y", "x"), zlib=True, complevel=9, shuffle=False,
                            chunksizes=(1, 1, 4, 5))
    v.setncatts(dict(units="1e-3", standard_name="sea_water_salinity"))
    v[0:3] = np.round(sal, 4)
    ds.close()


def write_missing(path):
    ds = netCDF4.Dataset(path, "w", format="NETCDF3_CLASSIC")
    ds.createDimension("x", 8)
    coordinate(ds, "x", "f8", np.arange(8.0), units="1", long_name="x")

    def var(name, dtype, values, **attrs):
        fill = attrs.pop("_FillValue", None)
        v = raw(ds.createVariable(name, dtype, ("x",), fill_value=fill))
        v.setncatts(attrs)
        v[:] = np.array(values, dtype=dtype)

    # missing_value only (no _FillValue), on a double variable: index 2 and 5 masked.
    var("mv_double", "f8", [1.5, 2.5, -999.0, 4.5, 5.5, -999.0, 7.5, 8.5], missing_value=-999.0, units="m")
    # _FillValue and missing_value both: indices 1 (missing) and 6 (fill) masked.
    var("fill_and_mv", "f4", [1, -999, 3, 4, 5, 6, -1e30, 8], _FillValue=np.float32(-1e30),
        missing_value=np.float32(-999.0), units="m")
    # valid_range in an int16 variable: -5 (index 0) and 150 (index 7) are outside [0, 100].
    var("vrange", "i2", [-5, 0, 10, 50, 99, 100, 42, 150], valid_range=np.array([0, 100], dtype=np.int16), units="percent")
    # valid_min only: the negative values (indices 1, 4) are invalid.
    var("vmin", "f8", [0.0, -0.5, 2.0, 3.0, -4.0, 5.0, 6.0, 7.0], valid_min=0.0, units="m")
    # valid_max only: values above 10 (indices 3, 7) are invalid.
    var("vmax", "f8", [1.0, 2.0, 10.0, 10.5, 3.0, 4.0, 5.0, 99.0], valid_max=10.0, units="m")
    # Packed with valid_min given in the packed domain (CF): raw -3 (index 4) is invalid; raw -32767 (index 6) is the fill.
    var("packed_valid", "i2", [0, 1, 2, 3, -3, 100, -32767, 200], _FillValue=np.int16(-32767),
        valid_min=np.int16(0), scale_factor=0.5, add_offset=10.0, units="m")
    # Several missing values (an array attribute): indices 0 (-1) and 3 (-2).
    var("mv_array", "i4", [-1, 10, 20, -2, 40, 50, 60, 70], missing_value=np.array([-1, -2], dtype=np.int32), units="1")
    # No _FillValue attribute, but index 3 holds netCDF's default float fill (9.96921e36).
    var("implicit_fill", "f4", [1, 2, 3, netCDF4.default_fillvals["f4"], 5, 6, 7, 8], units="1")
    # Signed byte storage of unsigned values (_Unsigned = "true"): raw -1 is 255, raw -128 is 128.
    var("ubyte", "i1", [0, 1, 127, -128, -1, 5, 6, 7], _Unsigned="true", units="1")
    ds.title = "surrogate test fixture: missing-value and valid-range masking"
    ds.Conventions = "CF-1.8"
    ds.close()


def write_xarray(path, rng):
    import pandas as pd
    import xarray as xr

    time = pd.date_range("2001-02-28", periods=6, freq="6h")  # crosses 1 March of a non-leap year
    lat = np.array([-30.0, 0.0, 30.0])
    lon = np.array([0.0, 90.0, 180.0, 270.0])
    tas = (285 + 10 * np.cos(np.deg2rad(lat))[None, :, None] + np.sin(np.deg2rad(lon))[None, None, :]
           + 0.25 * np.arange(6)[:, None, None] + 0.1 * rng.normal(size=(6, 3, 4))).astype(np.float32)
    tas[1, 0, 0] = np.nan
    tas[4, 2, 3] = np.nan
    ds = xr.Dataset(
        {
            "tas": (("time", "lat", "lon"), tas, {"units": "K", "standard_name": "air_temperature"}),
            "is_day": (("time",), np.array([False, True, True, False, False, True])),
        },
        coords={
            "time": ("time", time, {"standard_name": "time", "axis": "T"}),
            "lat": ("lat", lat, {"units": "degrees_north", "standard_name": "latitude"}),
            "lon": ("lon", lon, {"units": "degrees_east", "standard_name": "longitude"}),
        },
        attrs={"title": "surrogate test fixture: written by xarray", "Conventions": "CF-1.8", "realization": 2},
    )
    encoding = {"tas": {"dtype": "int16", "scale_factor": 0.01, "add_offset": 273.15, "_FillValue": np.int16(-32768),
                        "zlib": True, "complevel": 4, "shuffle": True, "chunksizes": (3, 3, 4)}}
    ds.to_netcdf(path, format="NETCDF4", engine="netcdf4", encoding=encoding)


def series_h(step, x):
    """The packed field of the series: 100 + 40·step + 5·sin(2πx), 95 … 865 m over the 20 steps."""
    return 100.0 + 40.0 * step + 5.0 * np.sin(2 * np.pi * x)


def write_series(directory):
    x = np.arange(16) / 16.0
    out = []
    for part in range(4):
        name = f"series_{part:03d}.nc"
        steps = np.arange(5 * part, 5 * part + 5)  # global steps = days since 2000-01-01
        if part % 2 == 0:
            units, values = "days since 2000-01-01", steps.astype(np.float64)
        else:
            units, values = "hours since 2000-01-06", (steps - 5) * 24.0
        ds = netCDF4.Dataset(os.path.join(directory, name), "w", format="NETCDF4_CLASSIC")
        ds.createDimension("time", None)
        ds.createDimension("x", 16)
        coordinate(ds, "time", "f8", values, units=units, calendar="standard", standard_name="time", axis="T")
        coordinate(ds, "x", "f8", x, units="1", long_name="x", axis="X")
        v = ds.createVariable("u", "f4", ("time", "x"))
        v.long_name = "advected quantity"
        v.units = "1"
        v[0:5] = np.sin(2 * np.pi * (x[None, :] - BETA * steps[:, None])).astype(np.float32)
        h = series_h(steps[:, None], x[None, :])
        low, high = float(h.min()), float(h.max())
        scale = (high - low) / 60000.0  # per-file packing: raw values stay within ±30000
        offset = (high + low) / 2.0
        packed = np.round((h - offset) / scale).astype(np.int16)
        if part == 2:
            packed[2, 3] = -32767
        v = raw(ds.createVariable("h", "i2", ("time", "x"), fill_value=np.int16(-32767)))
        v.setncatts(dict(long_name="surface height", units="m", scale_factor=scale, add_offset=offset))
        v[0:5] = packed
        ds.title = f"surrogate test fixture: series part {part} of 4"
        ds.Conventions = "CF-1.8"
        ds.beta = BETA
        ds.parameter_names = "beta"
        ds.close()
        out.append((name, steps.tolist(), units, scale, offset))
    return out


def write_training(path, rng):
    samples, steps, points = 8, 11, 64
    t = np.linspace(0.0, 1.0, steps)
    x = (np.arange(points) + 0.5) / points
    phase = rng.uniform(0.0, 1.0, size=samples)
    u = np.sin(2 * np.pi * (x[None, None, :] - BETA * t[None, :, None] + phase[:, None, None])).astype(np.float32)
    ds = netCDF4.Dataset(path, "w", format="NETCDF4")
    ds.createDimension("sample", samples)
    ds.createDimension("time", steps)
    ds.createDimension("x", points)
    coordinate(ds, "time", "f8", t, units="1", long_name="time")  # dimensionless PDE time, not a calendar
    coordinate(ds, "x", "f8", x, units="1", long_name="x")
    v = ds.createVariable("phase", "f8", ("sample",))
    v.long_name = "random phase of each sample"
    v[:] = phase
    v = ds.createVariable("u", "f4", ("sample", "time", "x"))
    v.long_name = "u(x, t) = sin(2 pi (x - beta t + phase))"
    v.units = "1"
    v[:] = u
    ds.title = "surrogate test fixture: advection training set"
    ds.Conventions = "CF-1.8"
    ds.beta = BETA
    ds.parameter_names = "beta"
    ds.close()


# ---- the index ---------------------------------------------------------------------------------

def plain(value):
    """A JSON-safe copy of an attribute value or statistic."""
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8", "replace")
    if isinstance(value, str):
        return value
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def attribute_type(value):
    if isinstance(value, str):
        return "string"
    return str(np.asarray(value).dtype)


def attributes(obj):
    return {name: {"type": attribute_type(obj.getncattr(name)), "value": plain(obj.getncattr(name))}
            for name in obj.ncattrs()}


def stats(values):
    data = np.ma.asarray(values)
    masked = int(np.ma.count_masked(data))
    result = {"decoded_dtype": str(data.dtype), "count": int(data.size), "masked": masked}
    if data.dtype.kind in "fiu" and masked < data.size:
        valid = data.compressed().astype(np.float64)
        result.update(min=plain(valid.min()), max=plain(valid.max()), sum=plain(valid.sum()))
    if masked and data.ndim >= 1:
        result["masked_indices"] = np.argwhere(np.ma.getmaskarray(data)).tolist()
    return result


def describe_group(group, netcdf4):
    out = {"dimensions": {name: {"size": len(d), "unlimited": d.isunlimited()} for name, d in group.dimensions.items()},
           "variables": {}, "attributes": attributes(group)}
    for name, v in group.variables.items():
        entry = {"dtype": "string" if v.dtype is str else str(v.dtype), "dims": list(v.dimensions),
                 "shape": list(v.shape), "attributes": attributes(v)}
        if netcdf4:
            entry["chunking"] = v.chunking()
            filters = v.filters() or {}
            entry["filters"] = {k: filters.get(k) for k in ("zlib", "complevel", "shuffle", "fletcher32")}
        if v.dtype is str:
            entry["values"] = [plain(s) for s in v[:].tolist()]
        else:
            entry["stats"] = stats(v[:])
        out["variables"][name] = entry
    if group.groups:
        out["groups"] = {name: describe_group(sub, netcdf4) for name, sub in group.groups.items()}
    return out


def describe(path):
    with netCDF4.Dataset(path) as ds:
        netcdf4 = ds.data_model.startswith("NETCDF4")
        out = {"format": ds.data_model, "disk_format": ds.disk_format}
        out.update(describe_group(ds, netcdf4))
        if "time" in ds.variables and "units" in ds["time"].ncattrs() and " since " in ds["time"].units:
            t = ds["time"]
            dates = cftime.num2date(t[:], t.units, getattr(t, "calendar", "standard"))
            out["time_decoded"] = [d.isoformat() for d in np.atleast_1d(dates)]
    return out


def xarray_view(path, group=None):
    """What xr.open_dataset makes of a file: variables holding NaN after decoding, and the time."""
    import xarray as xr

    with xr.open_dataset(path, group=group) as ds:
        ds.load()
        out = {"nan_indices": {}}
        for name, v in ds.variables.items():
            if v.dtype.kind == "f" and np.isnan(v.values).any():
                out["nan_indices"][name] = np.argwhere(np.isnan(v.values)).tolist()
        if "time" in ds.variables and ds["time"].dtype.kind in "MO":
            out["time"] = [str(t) for t in ds["time"].values]
            out["time_encoding"] = {k: plain(ds["time"].encoding[k]) for k in ("units", "calendar", "dtype")
                                    if k in ds["time"].encoding}
            out["time_encoding"] = {k: str(v) for k, v in out["time_encoding"].items()}
    return out


def error_of(call):
    try:
        call()
        return None
    except Exception as error:  # what the library says, without the directory
        return f"{type(error).__name__}: {error}".replace(OUTDIR + os.sep, "")


def open_netcdf4_fully(path):
    with netCDF4.Dataset(path) as ds:
        for v in ds.variables.values():
            v[:]
        if "time" in ds.variables:
            t = ds["time"]
            cftime.num2date(t[:], t.units, getattr(t, "calendar", "standard"))


def open_xarray_fully(path):
    import xarray as xr

    with xr.open_dataset(path) as ds:
        ds.load()


def main():
    global OUTDIR
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().split("\n\n")[1])
    OUTDIR = os.path.abspath(sys.argv[1])
    os.makedirs(OUTDIR, exist_ok=True)
    rng = np.random.default_rng(SEED)
    p = lambda name: os.path.join(OUTDIR, name)  # noqa: E731
    index = {}

    for name, fmt, calendar in FORMAT_FILES:
        write_standard(p(name), fmt, calendar)
        index[name] = {"description": f"{fmt}; time unlimited, calendar {calendar}; temp float32 with _FillValue "
                                      f"(3 filled points); precip int16 packed (scale_factor 0.01, add_offset 10, "
                                      f"float32 attributes) with _FillValue (2 filled points)",
                       "expect": {"calendar": calendar, "time_raw": STANDARD_TIMES,
                                  "temp_filled_indices": [list(i) for i in TEMP_FILLED],
                                  "precip_filled_indices": [list(i) for i in PRECIP_FILLED]}}

    write_groups(p("groups.nc"), rng)
    index["groups.nc"] = {"description": "NETCDF4 with groups: /station_name (NC_STRING, one non-ASCII name), "
                                         "/station_temp, /ocean/sst (zlib 4, shuffle, chunks 1x2x5, uses the root's "
                                         "unlimited time), /ocean/deep/salinity (float64, zlib 9, no shuffle, "
                                         "chunks 1x1x4x5, uses /ocean's y and x)",
                          "expect": {"note": "netCDF-C 4.9.0 rejects deflate on the NC_STRING variable "
                                             "(NC_EFILTER; nccopy -d1 fails): compress numeric variables only",
                                     "variable_paths": ["/time", "/station_name", "/station_temp", "/ocean/y", "/ocean/x",
                                                        "/ocean/sst", "/ocean/deep/depth", "/ocean/deep/salinity"]}}

    write_missing(p("missing.nc"))
    index["missing.nc"] = {"description": "NETCDF3_CLASSIC, x = 8: missing_value (double), _FillValue + missing_value, "
                                          "valid_range (int16), valid_min, valid_max, packed with valid_min in the "
                                          "packed domain, an array missing_value, the implicit default fill, _Unsigned byte",
                           "expect": {"note": "netCDF4-python applies valid_range/valid_min/valid_max and the default "
                                              "fill; xarray applies only _FillValue and missing_value: compare "
                                              "variables.*.stats.masked_indices with xarray.nan_indices"}}

    write_xarray(p("xarray.nc"), rng)
    index["xarray.nc"] = {"description": "written by xarray to_netcdf: tas int16 packed (scale_factor 0.01, add_offset "
                                         "273.15 as float64, _FillValue -32768), zlib 4 + shuffle, chunks 3x3x4, 2 NaN "
                                         "points; time datetime64 (6-hourly from 2001-02-28) stored as int64 with "
                                         "units chosen by xarray; is_day bool stored as int8 with dtype='bool'; float "
                                         "coordinates carry _FillValue NaN (xarray's default)",
                          "expect": {"tas_nan_indices": [[1, 0, 0], [4, 2, 3]]}}

    for name, steps, units, scale, offset in write_series(OUTDIR):
        index[name] = {"description": f"part of a 4-file series along time (5 steps each, unlimited time); time units "
                                      f"'{units}'; u(time, x) float32 = sin(2 pi (x - beta t)); h(time, x) int16 "
                                      f"packed with this file's own scale_factor/add_offset (float64); beta = {BETA}",
                       "expect": {"time_in_days_since_2000-01-01": steps,
                                  "h_scale_factor": scale, "h_add_offset": offset,
                                  "h_formula": "100 + 40 * day + 5 * sin(2 pi x), x = i / 16",
                                  "concatenated_time_in_days_since_2000-01-01": list(range(20)),
                                  "note": "concatenating with the first file's packing folds values: unpack or "
                                          "re-derive scale_factor/add_offset over all four files"}}

    write_training(p("training.nc"), rng)
    index["training.nc"] = {"description": "NETCDF4: u(sample=8, time=11, x=64) float32 = sin(2 pi (x - beta t + "
                                           "phase[sample])), t = 0..1, x cell centres; phase(sample) float64; "
                                           f"global beta = {BETA}, parameter_names = 'beta'"}

    # Bad inputs.
    with open(p("classic.nc"), "rb") as f:
        classic = f.read()
    with open(p("truncated.nc"), "wb") as f:
        f.write(classic[:len(classic) // 2])
    with open(p("thirteen.nc"), "wb") as f:
        f.write(classic[:13])
    garbage = np.random.default_rng(SEED + 1).integers(0, 256, size=4096, dtype=np.uint8).tobytes()
    assert not garbage.startswith((b"CDF", b"\x89HDF"))
    with open(p("garbage.nc"), "wb") as f:
        f.write(garbage)
    open(p("empty.nc"), "wb").close()
    write_standard(p("badcalendar.nc"), "NETCDF3_CLASSIC", "martian", "surrogate test fixture: unknown calendar")
    bad = {
        "truncated.nc": f"classic.nc cut to its first {len(classic) // 2} of {len(classic)} bytes: header intact, data missing",
        "thirteen.nc": "the first 13 bytes of classic.nc (magic 'CDF\\x01', numrecs = 4, the NC_DIMENSION tag, one byte "
                       "of the dimension count); netCDF-C 4.9 opens it WITHOUT error as an empty dataset (no "
                       "dimensions, no variables): a reader should reject it itself (file shorter than its header)",
        "garbage.nc": "4096 random bytes (seeded), no CDF or HDF5 signature",
        "empty.nc": "0 bytes",
        "badcalendar.nc": "valid NETCDF3_CLASSIC like classic.nc, but time has calendar 'martian'",
    }

    for name in list(index):
        path = p(name)
        entry = index[name]
        entry.update(describe(path))
        entry["size_bytes"] = os.path.getsize(path)
        entry["valid"] = True
        # Every good file must decode with xarray (groups.nc: each group too). The multiple-fill-value
        # warnings of missing.nc are expected.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entry["xarray"] = xarray_view(path)
            if name == "groups.nc":
                entry["xarray_groups"] = {g: xarray_view(path, group=g) for g in ("ocean", "ocean/deep")}
    for name, description in bad.items():
        path = p(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            index[name] = {"description": description, "valid": False, "size_bytes": os.path.getsize(path),
                           "expect": {"netCDF4_error": error_of(lambda: open_netcdf4_fully(path)),
                                      "xarray_error": error_of(lambda: open_xarray_fully(path))}}
            if index[name]["expect"]["netCDF4_error"] is None:  # what netCDF-C makes of it
                index[name]["netCDF4_sees"] = describe(path)

    text = json.dumps(index, indent=1, ensure_ascii=False, allow_nan=False)
    with open(p("index.json"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
