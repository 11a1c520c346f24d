import Foundation
import Testing
import TestSupport

/// Encodings and shapes that trip converters: time bounds and packing that differ between
/// concatenated files, `_Unsigned` bytes, group attributes, thousands of dimensions, deep
/// groups, selections that select nothing or overflow, and an output over its own input.
@Suite("convert: encoding edge cases")
struct EncodingEdgeCaseTests {
    /// Writes the edge-case files with netCDF4-python into `folder`.
    static func makeFiles(_ folder: URL) throws {
        _ = try PythonPeer.run("""
            import netCDF4, numpy as np, sys, os
            d = sys.argv[1]
            for index, (units, start, packed) in enumerate([('days since 2000-01-01', 0, False), ('days since 2000-01-11', 0, True)]):
                with netCDF4.Dataset(os.path.join(d, f'part{index}.nc'), 'w', format='NETCDF4') as ds:
                    ds.createDimension('time', None); ds.createDimension('nv', 2)
                    t = ds.createVariable('time', 'f8', ('time',)); t.units = units; t.bounds = 'time_bnds'
                    b = ds.createVariable('time_bnds', 'f8', ('time', 'nv'))
                    t[:] = np.arange(3) + 0.5
                    b[:] = np.stack([np.arange(3), np.arange(3) + 1], axis=1)
                    h = ds.createVariable('h', 'i2', ('time',), fill_value=-1 if packed else None)
                    h.set_auto_maskandscale(False)
                    if packed:
                        h.scale_factor = np.float32(0.1)
                        h[:] = np.array([15, -1, 35], dtype='i2')
                    else:
                        h[:] = np.array([15, 25, 35], dtype='i2')
            with netCDF4.Dataset(os.path.join(d, 'unsigned.nc'), 'w', format='NETCDF3_CLASSIC') as ds:
                ds.createDimension('x', 3)
                v = ds.createVariable('q', 'i1', ('x',))
                v.set_auto_maskandscale(False)
                v._Unsigned = 'true'; v.scale_factor = np.float32(0.5)
                v[:] = np.array([-56, -1, 10], dtype='i1')   # 200, 255, 10 unsigned
            with netCDF4.Dataset(os.path.join(d, 'wide.nc'), 'w', format='NETCDF4') as ds:
                for i in range(3000): ds.createDimension(f'd{i}', 1)
                ds.createDimension('t', None)
                v = ds.createVariable('v', 'f4', ('t', 'd2999')); v[:] = np.ones((2, 1))
                g = ds
                for level in range(40):
                    g = g.createGroup('g' * 100 + str(level))
                g.setncattr('deepest', 'yes')
                g.createVariable('w', 'f8', ('t',))[:] = [1.0, 2.0]
            """, arguments: [folder.path])
    }

    @Test func concatenationMovesBoundsWithTimeAndDecodesToFloat() throws {
        let fixtures = try ConversionFixtures()
        try Self.makeFiles(fixtures.folder)
        let result = try fixtures.convert([fixtures.output("part0.nc"), fixtures.output("part1.nc"), "--concat", "time", "--out", fixtures.output("joined")])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        _ = try PythonPeer.run("""
            import netCDF4, numpy as np, sys
            with netCDF4.Dataset(sys.argv[1]) as ds:
                assert list(ds['time'][:]) == [0.5, 1.5, 2.5, 10.5, 11.5, 12.5], ds['time'][:]
                assert ds['time_bnds'][:].tolist() == [[0, 1], [1, 2], [2, 3], [10, 11], [11, 12], [12, 13]], ds['time_bnds'][:]
                h = ds['h']
                assert h.dtype == np.float32, h.dtype
                values = h[:].filled(np.nan)
                assert np.allclose(values, [15, 25, 35, 1.5, np.nan, 3.5], equal_nan=True), values
            """, arguments: [fixtures.output("joined/concat.nc")])
    }

    @Test func unsignedBytesUnpackAsXarrayDoes() throws {
        let fixtures = try ConversionFixtures()
        try Self.makeFiles(fixtures.folder)
        let result = try fixtures.convert([fixtures.output("unsigned.nc"), "--unpack", "--out", fixtures.output("out")])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        _ = try PythonPeer.run("""
            import xarray as xr, numpy as np, netCDF4, sys
            expected = xr.open_dataset(sys.argv[1])['q'].values
            assert np.array_equal(expected, [100, 127.5, 5]), expected
            out = xr.open_dataset(sys.argv[2])['q']
            assert np.array_equal(out.values, expected) and out.dtype == expected.dtype, (out.values, out.dtype)
            with netCDF4.Dataset(sys.argv[2]) as ds:
                assert '_Unsigned' not in ds['q'].ncattrs()
            """, arguments: [fixtures.output("unsigned.nc"), fixtures.output("out/unsigned.nc")])
    }

    @Test func thousandsOfDimensionsAndDeepGroupsKeepTheirAttributes() throws {
        let fixtures = try ConversionFixtures()
        try Self.makeFiles(fixtures.folder)
        let result = try fixtures.convert([fixtures.output("wide.nc"), fixtures.input("groups.nc"), "--out", fixtures.output("out")])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        _ = try PythonPeer.run("""
            import netCDF4, sys
            with netCDF4.Dataset(sys.argv[1]) as ds:
                g = ds
                for level in range(40): g = g.groups['g' * 100 + str(level)]
                assert g.deepest == 'yes' and list(g['w'][:]) == [1.0, 2.0]
                assert ds['v'].dimensions == ('t', 'd2999')
            with netCDF4.Dataset(sys.argv[2]) as a, netCDF4.Dataset(sys.argv[3]) as b:
                assert a['/ocean'].description == b['/ocean'].description, b['/ocean'].ncattrs()
            """, arguments: [fixtures.output("out/wide.nc"), fixtures.input("groups.nc"), fixtures.output("out/groups.nc")])
    }

    @Test func selectionsThatSelectNothingOrOverflowAndSelfOverwritesAreRefused() throws {
        let fixtures = try ConversionFixtures()
        let empty = try fixtures.convert([fixtures.input("nc4.nc"), "--isel", "lat=2:1", "--out", fixtures.output("out")])
        #expect(empty.output.contains("--isel lat=2:1: selects nothing"), "\(empty.output)")
        let huge = try fixtures.convert([fixtures.input("nc4.nc"), "--isel", "time=0:5:9223372036854775807", "--out", fixtures.output("out")])
        #expect(huge.status == 0, "\(huge.output)")
        let own = try fixtures.convert([fixtures.input("nc4.nc"), "--out", fixtures.folder.appendingPathComponent("in").path])
        #expect(own.status != 0 && own.errors.contains("would be overwritten by its own output"), "\(own.errors)")
    }
}
