import Foundation
import TestSupport

/// The netCDF files of `Tests/CommandLineTests/Fixtures/netcdf_fixtures.py` (written by
/// netCDF4-python and xarray), made fresh in a temporary folder, and `surrogate convert` runs.
struct ConversionFixtures {
    let folder: URL

    init() throws {
        folder = try PythonPeer.temporaryDirectory()
        let script = PythonPeer.packageRoot.appendingPathComponent("Tests/CommandLineTests/Fixtures/netcdf_fixtures.py").path
        _ = try PythonPeer.run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                               arguments: [script, folder.appendingPathComponent("in").path])
    }

    func input(_ name: String) -> String { folder.appendingPathComponent("in/\(name)").path }
    func output(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `surrogate convert` with `arguments`.
    func convert(_ arguments: [String]) throws -> ProcessRunner.Result {
        try SurrogateExecutable.run(["convert"] + arguments)
    }

    /// Python that compares two files' decoded values variable by variable (every group) with
    /// xarray, NaN equal to NaN; `compare(a, b, names=None)` is defined for the scripts.
    static let comparison = """
        import numpy as np, xarray as xr, netCDF4, sys, json
        def groups(path):
            with netCDF4.Dataset(path) as ds:
                out = []
                def walk(g, prefix):
                    out.append(prefix or None)
                    for name, child in g.groups.items(): walk(child, (prefix + '/' if prefix else '') + name)
                walk(ds, '')
                return out
        def compare(a, b, names=None, decode_times=True):
            # Each group's datasets are closed before the next is opened: the wheel's HDF5 fails to
            # open a third group of a file whose other groups are still open.
            for group in groups(a):
                with xr.open_dataset(a, group=group, decode_times=decode_times) as x, \\
                     xr.open_dataset(b, group=group, decode_times=decode_times) as y:
                    for name in (names or list(x.variables)):
                        if name not in x.variables: continue
                        assert name in y.variables, (group, name, list(y.variables))
                        u, v = x[name].values, y[name].values
                        assert u.shape == v.shape, (group, name, u.shape, v.shape)
                        if u.dtype.kind in 'fc':
                            assert np.array_equal(u, v, equal_nan=True), (group, name, u, v)
                        else:
                            assert (u == v).all(), (group, name, u, v)
                        for key, value in x[name].attrs.items():
                            assert key in y[name].attrs, (group, name, key)
                            assert np.array_equal(np.asarray(value), np.asarray(y[name].attrs[key])), (group, name, key, value, y[name].attrs[key])

        """
}
