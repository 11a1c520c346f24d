import Foundation
import Testing
import TestSupport

/// `surrogate convert` between netCDF formats, checked by netCDF4-python and xarray on files
/// they wrote themselves.
@Suite("convert: netCDF to netCDF")
struct NetCDFConversionTests {
    @Test func everyFormatConvertsAndXarrayReadsTheSameValues() throws {
        let fixtures = try ConversionFixtures()
        let names = ["classic.nc", "offset64.nc", "cdf5.nc", "nc4.nc", "nc4classic.nc", "groups.nc", "missing.nc", "xarray.nc", "training.nc"]
        let result = try fixtures.convert(names.map(fixtures.input) + ["--out", fixtures.output("nc4"), "--deflate", "1", "--shuffle"])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        #expect(result.output.contains("converted 9, skipped 0, failed 0"))
        _ = try PythonPeer.run(ConversionFixtures.comparison + """
            import os
            src, out = sys.argv[1], sys.argv[2]
            for name in sys.argv[3:]:
                a, b = os.path.join(src, name), os.path.join(out, name)
                compare(a, b)
                with netCDF4.Dataset(a) as x, netCDF4.Dataset(b) as y:
                    assert y.data_model == 'NETCDF4', y.data_model
                    for dim in x.dimensions.values():
                        assert y.dimensions[dim.name].isunlimited() == dim.isunlimited(), (name, dim.name)
                    for key in x.ncattrs():
                        if key != 'history':
                            assert np.array_equal(np.asarray(x.getncattr(key)), np.asarray(y.getncattr(key))), (name, key)
                    assert 'surrogate convert' in y.history.splitlines()[0], y.history
                    big = [v for v in y.variables.values() if v.dtype != str and v.size * v.dtype.itemsize >= 8192]
                    for v in big:
                        f = v.filters()
                        assert f['zlib'] and f['complevel'] == 1 and f['shuffle'], (name, v.name, f)
                    xv = x.variables
                    for v in y.variables.values():
                        assert v.dtype == xv[v.name].dtype, (name, v.name, v.dtype, xv[v.name].dtype)
            # a variable in nested groups, with a string variable beside it
            with netCDF4.Dataset(os.path.join(out, 'groups.nc')) as y:
                assert list(y['station_name'][:]) == ['Bergen', 'Tromsø', 'Longyearbyen'], y['station_name'][:]
                assert y['/ocean/deep/salinity'].dimensions == ('time', 'depth', 'y', 'x')
            """, arguments: [fixtures.folder.appendingPathComponent("in").path, fixtures.output("nc4")] + names)
    }

    @Test(arguments: ["netcdf3", "netcdf3-64bit", "cdf5", "netcdf4-classic"])
    func classicModelOutputs(kind: String) throws {
        let fixtures = try ConversionFixtures()
        let names = ["nc4.nc", "classic.nc", "missing.nc"]
        let result = try fixtures.convert(names.map(fixtures.input) + ["--out", fixtures.output(kind), "--to", kind])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        _ = try PythonPeer.run(ConversionFixtures.comparison + """
            import os
            expected = {'netcdf3': 'NETCDF3_CLASSIC', 'netcdf3-64bit': 'NETCDF3_64BIT_OFFSET', 'cdf5': 'NETCDF3_64BIT_DATA',
                        'netcdf4-classic': 'NETCDF4_CLASSIC'}[sys.argv[3]]
            for name in sys.argv[4:]:
                a, b = os.path.join(sys.argv[1], name), os.path.join(sys.argv[2], name)
                compare(a, b)
                with netCDF4.Dataset(b) as y:
                    assert y.data_model == expected, (name, y.data_model)
            """, arguments: [fixtures.folder.appendingPathComponent("in").path, fixtures.output(kind), kind] + names)
        // Groups and strings need netCDF-4: a clear error, no output.
        let groups = try fixtures.convert([fixtures.input("groups.nc"), "--out", fixtures.output(kind), "--to", kind])
        #expect(groups.status == 1)
        #expect(groups.output.contains("need the netcdf4 format"), "\(groups.output)")
        #expect(!FileManager.default.fileExists(atPath: fixtures.output("\(kind)/groups.nc")))
    }

    @Test func unpackWritesDecodedValues() throws {
        let fixtures = try ConversionFixtures()
        let result = try fixtures.convert([fixtures.input("classic.nc"), fixtures.input("xarray.nc"), "--out", fixtures.output("unpacked"), "--unpack"])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        _ = try PythonPeer.run(ConversionFixtures.comparison + """
            import os
            for name, var, dtype in [('classic.nc', 'precip', 'float32'), ('xarray.nc', 'tas', 'float64')]:
                a, b = os.path.join(sys.argv[1], name), os.path.join(sys.argv[2], name)
                x, y = xr.open_dataset(a), xr.open_dataset(b)
                assert np.array_equal(x[var].values, y[var].values, equal_nan=True), (name, x[var].values, y[var].values)
                with netCDF4.Dataset(b) as ds:
                    v = ds[var]
                    assert str(v.dtype) == dtype, (name, v.dtype)
                    assert 'scale_factor' not in v.ncattrs() and 'add_offset' not in v.ncattrs()
                    assert np.isnan(v.getncattr('_FillValue'))
            """, arguments: [fixtures.folder.appendingPathComponent("in").path, fixtures.output("unpacked")])
    }

    @Test func selectionKeepsNamedVariablesAndTheirCoordinates() throws {
        let fixtures = try ConversionFixtures()
        let result = try fixtures.convert([fixtures.input("nc4.nc"), "--out", fixtures.output("subset"), "--vars", "temp",
                                           "--isel", "time=1:4:2", "--isel", "lat=-1", "--chunks", "time/1,lat/1,lon/2"])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        _ = try PythonPeer.run("""
            import numpy as np, xarray as xr, netCDF4, sys
            x = xr.open_dataset(sys.argv[1]).isel(time=slice(1, 4, 2), lat=slice(-1, None))
            y = xr.open_dataset(sys.argv[2])
            assert sorted(y.variables) == ['lat', 'lon', 'temp', 'time'], list(y.variables)
            for name in y.variables:
                assert np.array_equal(x[name].values, y[name].values, equal_nan=True), name
            with netCDF4.Dataset(sys.argv[2]) as ds:
                assert ds['temp'].chunking() == [1, 1, 2], ds['temp'].chunking()
            """, arguments: [fixtures.input("nc4.nc"), fixtures.output("subset/nc4.nc")])
    }

    @Test func concatenationReexpressesTimeAndUnpacksDifferingPacking() throws {
        let fixtures = try ConversionFixtures()
        let result = try fixtures.convert([fixtures.folder.appendingPathComponent("in").path + "/series_*.nc", "--out", fixtures.output("joined"),
                                           "--concat", "time", "--name", "series"])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        #expect(result.output.contains("'h': packing or fill values differ between files; written unpacked"), "\(result.output)")
        #expect(result.output.contains("'time': time units differ between files"), "\(result.output)")
        _ = try PythonPeer.run("""
            import numpy as np, xarray as xr, netCDF4, sys, glob
            parts = [xr.open_dataset(f) for f in sorted(glob.glob(sys.argv[1] + '/series_*.nc'))]
            y = xr.open_dataset(sys.argv[2])
            assert y.sizes['time'] == 20, y.sizes
            for name in ['time', 'u', 'h', 'x']:
                expected = np.concatenate([p[name].values for p in parts]) if 'time' in parts[0][name].dims else parts[0][name].values
                assert np.array_equal(expected, y[name].values, equal_nan=True), (name, expected, y[name].values)
            assert int(np.isnan(y['h'].values).sum()) == 1
            with netCDF4.Dataset(sys.argv[2]) as ds:
                assert ds['time'].units == 'days since 2000-01-01', ds['time'].units
                assert list(ds['time'][:]) == list(range(20)), ds['time'][:]
                assert ds.dimensions['time'].isunlimited()
            """, arguments: [fixtures.folder.appendingPathComponent("in").path, fixtures.output("joined/series.nc")])
    }
}
