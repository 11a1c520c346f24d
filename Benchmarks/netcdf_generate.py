"""Input files of Benchmarks/netcdf_convert.sh: FILES NetCDF-3 files of about SIZE_MB MB (10^6 bytes) each.

usage: netcdf_generate.py DIR FILES SIZE_MB

Each file, DIR/model_NNN.nc, is what users most often convert: NetCDF-3 64-bit offset model output
(NETCDF3_64BIT_OFFSET, uncompressed, record layout) on a global 0.5° grid:
  time (unlimited; "days since 2000-01-01", calendar standard, one record per day), lat = 360, lon = 720
  tas(time, lat, lon) float32  air temperature: smooth large-scale field + N(0, 0.3 K) noise everywhere
  tos(time, lat, lon) float32  sea surface temperature: smooth field + N(0, 0.1 K) noise over the ocean,
                               _FillValue 1e20 over "land" (about a third of the grid)
The noise fills the low mantissa bits as real model output does, so deflate gains little on tas and
more on tos (whose land is constant). The number of records is round(SIZE_MB·10^6 / 2 073 600) (two
1.04 MB fields per record). Deterministic (seed per file). A file already present with the requested
number of records and grid is kept; files are written to a temporary name and renamed when complete.
"""
import os
import sys

import netCDF4
import numpy as np

NLAT, NLON = 360, 720
FILL = np.float32(1e20)


def records_for(size_mb):
    return max(1, round(size_mb * 1e6 / (2 * NLAT * NLON * 4)))


def complete(path, records):
    if not os.path.exists(path):
        return False
    try:
        with netCDF4.Dataset(path) as ds:
            return (ds.data_model == "NETCDF3_64BIT_OFFSET" and len(ds.dimensions["time"]) == records
                    and len(ds.dimensions["lat"]) == NLAT and len(ds.dimensions["lon"]) == NLON
                    and os.path.getsize(path) >= records * 2 * NLAT * NLON * 4)
    except (OSError, KeyError):
        return False


def generate(path, index, records):
    rng = np.random.default_rng(1000 + index)
    lat = (np.arange(NLAT) + 0.5) * 0.5 - 90.0
    lon = (np.arange(NLON) + 0.5) * 0.5
    la = np.deg2rad(lat)[:, None]
    lo = np.deg2rad(lon)[None, :]
    land = ((np.sin(3 * lo) * np.cos(2 * la) + 0.3 * np.sin(5 * la + lo) > 0.55) | (lat[:, None] < -70)) \
        & (np.abs(lat[:, None]) < 85)
    tmp = path + ".tmp"
    ds = netCDF4.Dataset(tmp, "w", format="NETCDF3_64BIT_OFFSET")
    ds.createDimension("time", None)
    ds.createDimension("lat", NLAT)
    ds.createDimension("lon", NLON)
    t = ds.createVariable("time", "f8", ("time",))
    t.setncatts(dict(units="days since 2000-01-01", calendar="standard", standard_name="time", axis="T"))
    v = ds.createVariable("lat", "f4", ("lat",))
    v.setncatts(dict(units="degrees_north", standard_name="latitude", axis="Y"))
    v[:] = lat
    v = ds.createVariable("lon", "f4", ("lon",))
    v.setncatts(dict(units="degrees_east", standard_name="longitude", axis="X"))
    v[:] = lon
    tas = ds.createVariable("tas", "f4", ("time", "lat", "lon"))
    tas.setncatts(dict(units="K", standard_name="air_temperature", long_name="near-surface air temperature"))
    tos = ds.createVariable("tos", "f4", ("time", "lat", "lon"), fill_value=FILL)
    tos.setncatts(dict(units="degC", standard_name="sea_surface_temperature", long_name="sea surface temperature"))
    tos.set_auto_maskandscale(False)
    ds.setncatts(dict(title=f"surrogate benchmark input {index}", Conventions="CF-1.8", source="synthetic",
                      realization=np.int32(index)))
    for r in range(records):
        day = index * records + r
        phase = 2 * np.pi * day / 365.0
        field = 288.0 - 30.0 * np.sin(la) ** 2 + 5.0 * np.cos(lo + phase) * np.cos(la) + 2.0 * np.sin(2 * la - phase)
        t[r] = float(day)
        tas[r] = (field + rng.standard_normal((NLAT, NLON), dtype=np.float32) * 0.3).astype(np.float32)
        sst = 28.0 * np.cos(la) ** 2 - 1.0 + 0.5 * np.sin(lo - phase) + rng.standard_normal((NLAT, NLON), dtype=np.float32) * 0.1
        tos[r] = np.where(land, FILL, sst).astype(np.float32)
    ds.close()
    os.replace(tmp, path)


def main():
    directory, files, size_mb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    os.makedirs(directory, exist_ok=True)
    records = records_for(size_mb)
    made = 0
    for index in range(files):
        path = os.path.join(directory, f"model_{index:03d}.nc")
        if not complete(path, records):
            generate(path, index, records)
            made += 1
    # model_*.nc beyond FILES (an earlier run with more files) would be converted too: remove them.
    extra = sorted(set(n for n in os.listdir(directory) if n.startswith("model_") and n.endswith((".nc", ".tmp")))
                   - {f"model_{i:03d}.nc" for i in range(files)})
    print(f"inputs: {files} files of {records} records ({records * 2 * NLAT * NLON * 4 / 1e6:.1f} MB of data each) "
          f"in {directory}; generated {made}, kept {files - made}" + (f"; removing stale {extra}" if extra else ""))
    for name in extra:
        os.remove(os.path.join(directory, name))


if __name__ == "__main__":
    main()
