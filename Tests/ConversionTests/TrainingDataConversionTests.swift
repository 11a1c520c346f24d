import Foundation
import Testing
import TestSupport

/// `surrogate convert --to hdf5|vtu`: gridded fields into PDEBench training data (read by h5py
/// and by `surrogate train`) and into ParaView files (read by meshio).
@Suite("convert: training data and VTU")
struct TrainingDataConversionTests {
    @Test func pdebenchOutputEqualsXarraysViewAndTrains() throws {
        let fixtures = try ConversionFixtures()
        let result = try fixtures.convert([fixtures.input("training.nc"), fixtures.input("nc4.nc"), "--to", "hdf5", "--out", fixtures.output("h5"), "--vars", "u,temp"])
        #expect(result.status == 1, "nc4.nc has no u, training.nc no temp: \(result.output)")
        #expect(result.output.contains("no variable 'temp'") && result.output.contains("no variable 'u'"), "\(result.output)")

        let one = try fixtures.convert([fixtures.input("training.nc"), "--to", "hdf5", "--out", fixtures.output("h5")])
        #expect(one.status == 0, "\(one.output) \(one.errors)")
        let grid = try fixtures.convert([fixtures.input("nc4.nc"), "--to", "hdf5", "--out", fixtures.output("h5"), "--vars", "temp"])
        #expect(grid.status == 0, "\(grid.output) \(grid.errors)")
        _ = try PythonPeer.run("""
            import numpy as np, xarray as xr, h5py, sys
            x = xr.open_dataset(sys.argv[1])
            with h5py.File(sys.argv[2]) as f:
                assert f['tensor'].shape == (8, 11, 64) and f['tensor'].dtype == np.float32, f['tensor']
                assert np.array_equal(f['tensor'][:], x['u'].values.astype(np.float32))
                assert np.array_equal(f['x-coordinate'][:], x['x'].values) and np.array_equal(f['t-coordinate'][:], x['time'].values)
                text = lambda value: value.decode() if isinstance(value, bytes) else value
                assert f.attrs['beta'] == 0.4 and text(f.attrs['parameter_names']) == 'beta', dict(f.attrs)
            # 2-D: (time, lat, lon) becomes [N=1, nt, x=lon, y=lat], NaN where filled.
            x = xr.open_dataset(sys.argv[3], decode_times=False)
            with h5py.File(sys.argv[4]) as f:
                expected = x['temp'].transpose('time', 'lon', 'lat').values[None].astype(np.float32)
                assert f['tensor'].shape == (1, 4, 4, 3), f['tensor'].shape
                assert np.array_equal(f['tensor'][:], expected, equal_nan=True)
                assert int(np.isnan(f['tensor'][:]).sum()) == 3
                assert np.array_equal(f['x-coordinate'][:], x['lon'].values) and np.array_equal(f['y-coordinate'][:], x['lat'].values)
                assert text(f['t-coordinate'].attrs['units']) == 'days since 2000-01-01'
                assert text(f['t-coordinate'].attrs['calendar']) == 'proleptic_gregorian'
                assert text(f['tensor'].attrs['units']) == 'K' and text(f['tensor'].attrs['standard_name']) == 'air_temperature'
            """, arguments: [fixtures.input("training.nc"), fixtures.output("h5/training.h5"), fixtures.input("nc4.nc"), fixtures.output("h5/nc4.h5")])

        // The converted file is training data as it stands.
        let config = fixtures.folder.appendingPathComponent("train.json")
        try Data("""
            {"data": {"files": ["h5/training.h5"], "validationFraction": 0.25},
             "model": {"conditioning": "cape", "width": 8, "modes": 4, "capeWidth": 8, "capeModes": 4},
             "training": {"epochs": 2, "warmupEpochs": 1, "batchSize": 2},
             "output": "model"}
            """.utf8).write(to: config)
        let train = try SurrogateExecutable.run(["train", "--config", config.path])
        #expect(train.status == 0, "\(train.errors)")
        #expect(train.output.contains("parameters beta"), "\(train.output)")
        let evaluation = try SurrogateExecutable.run(["evaluate", fixtures.output("model"), fixtures.output("h5/training.h5")])
        #expect(evaluation.status == 0, "\(evaluation.errors)")
        #expect(evaluation.output.contains("| training.h5 | beta = 0.4 |"), "\(evaluation.output)")
    }

    @Test func concatenatedSeriesBecomeOneTrainingFile() throws {
        let fixtures = try ConversionFixtures()
        let result = try fixtures.convert([fixtures.folder.appendingPathComponent("in").path + "/series_*.nc", "--to", "hdf5", "--vars", "u",
                                           "--concat", "time", "--out", fixtures.output("h5")])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        _ = try PythonPeer.run("""
            import numpy as np, xarray as xr, h5py, sys, glob
            parts = [xr.open_dataset(f, decode_times=False) for f in sorted(glob.glob(sys.argv[1] + '/series_*.nc'))]
            with h5py.File(sys.argv[2]) as f:
                u = np.concatenate([p['u'].values for p in parts])[None]
                assert f['tensor'].shape == (1, 20, 16) and np.array_equal(f['tensor'][:], u)
                assert np.array_equal(f['t-coordinate'][:], np.arange(20.0)), f['t-coordinate'][:]
            """, arguments: [fixtures.folder.appendingPathComponent("in").path, fixtures.output("h5/concat.h5")])
    }

    @Test func vtuStepsReadInMeshio() throws {
        let fixtures = try ConversionFixtures()
        let result = try fixtures.convert([fixtures.input("nc4.nc"), "--to", "vtu", "--vars", "temp,precip", "--out", fixtures.output("vtu")])
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        _ = try PythonPeer.run("""
            import numpy as np, xarray as xr, meshio, sys, os, xml.etree.ElementTree as ET
            x = xr.open_dataset(sys.argv[1], decode_times=False)
            collection = ET.parse(sys.argv[2]).getroot()
            steps = [(float(d.get('timestep')), d.get('file')) for d in collection.iter('DataSet')]
            assert [t for t, _ in steps] == list(x['time'].values), steps
            for index, (_, name) in enumerate(steps):
                mesh = meshio.read(os.path.join(os.path.dirname(sys.argv[2]), name))
                assert len(mesh.points) == 12 and mesh.cells[0].type == 'quad' and len(mesh.cells[0].data) == 6
                lon, lat = np.meshgrid(x['lon'].values, x['lat'].values)
                assert np.array_equal(mesh.points[:, 0], lon.ravel()) and np.array_equal(mesh.points[:, 1], lat.ravel())
                for name in ['temp', 'precip']:
                    expected = x[name].values[index].ravel()
                    assert np.allclose(mesh.point_data[name], expected, equal_nan=True, rtol=1e-6), (name, mesh.point_data[name], expected)
            """, arguments: [fixtures.input("nc4.nc"), fixtures.output("vtu/nc4.pvd")])
    }
}
