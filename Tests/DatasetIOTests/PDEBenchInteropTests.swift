import Foundation
import Testing
import DatasetIO
import TensorCore
import TestSupport

/// h5py writes every PDEBench layout; we read identical values. We write; h5py reads them back.
@Suite("PDEBench files with h5py")
struct PDEBenchInteropTests {
    /// value(i) = (i mod 997)/4 − 100 over the flat index: exact in float16, float32 and float64.
    static func value(_ index: Int) -> Float { Float(index % 997) / 4 - 100 }

    static let writer = """
    import sys, numpy as np, h5py
    out, dtype = sys.argv[1], sys.argv[2]
    def values(shape, dt=np.float32):
        return ((np.arange(int(np.prod(shape))) % 997) / 4 - 100).reshape(shape).astype(dt)
    dt = {"f16": np.float16, "f32": np.float32, "f64": np.float64}[dtype]
    with h5py.File(out + "/single.h5", "w") as f:
        f["tensor"] = values((20, 9, 16), dt)
        f["x-coordinate"] = (np.arange(16) + 0.5) / 16
        f["t-coordinate"] = np.arange(10) * 0.01
        f.attrs["beta"] = 0.4
    with h5py.File(out + "/multi.h5", "w") as f:
        for i, name in enumerate(["density", "pressure", "Vx", "Vy"]):
            f[name] = values((3, 4, 6, 5)) + 1000 * i
        f["x-coordinate"] = np.linspace(0, 1, 6); f["y-coordinate"] = np.linspace(0, 1, 5); f["t-coordinate"] = np.arange(5.0)
        f.attrs["eta"] = 0.1; f.attrs["zeta"] = 0.01; f.attrs["M"] = 1.0
    with h5py.File(out + "/groups.h5", "w") as f:
        for s in range(5):
            g = f.create_group(f"{s:04d}")
            g["data"] = values((7, 6, 4, 2)) + 1000 * s
            g["grid/x"] = np.arange(6.0); g["grid/y"] = np.arange(4.0); g["grid/t"] = np.arange(7.0) / 10
    with h5py.File(out + "/darcy.h5", "w") as f:
        f["tensor"] = values((4, 1, 6, 5)); f["nu"] = values((4, 6, 5)) + 500
        f.attrs["beta"] = 1.0
    """

    func files(_ dtype: String) throws -> URL {
        let directory = try PythonPeer.temporaryDirectory()
        _ = try PythonPeer.run(Self.writer, arguments: [directory.path, dtype])
        return directory
    }

    /// The expected [B, T, C, x…] tensor for h5py's `values(shape)` of one field.
    func expected(_ shape: [Int], offset: Float = 0) -> Tensor<Float> {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { Self.value($0) + offset })
    }

    @Test(arguments: ["f16", "f32", "f64"])
    func singleTensorFileWithStridesAndSplit(dtype: String) throws {
        let directory = try files(dtype)
        let data = try SimulationDataset(path: directory.appendingPathComponent("single.h5").path)
        #expect(data.layout == .singleTensor)
        #expect((data.sampleCount, data.timeCount, data.spatialShape, data.channels) == (20, 9, [16], ["u"]))
        #expect(data.times?.count == 9)  // PDEBench's extra t entry dropped
        #expect(data.coordinates["x"]?.first == 0.5 / 16)
        #expect(data.parameters.map(\.name) == ["beta"] && data.parameters[0].value == 0.4)
        let all = expected([20, 9, 16])
        #expect(try data.read(samples: 0..<20).scalars == all.reshaped([20, 9, 1, 16]).scalars)
        let strided = try data.read(samples: 3..<7, timeStride: 2, spaceStride: 3)
        #expect(strided.shape == [4, 5, 1, 6])
        let reference = all.sliced(axis: 0, 3..<7).strided(axis: 1, step: 2).strided(axis: 2, step: 3)
        #expect(strided.scalars == reference.contiguous().scalars)
        #expect(data.samples(in: .test) == 0..<2 && data.samples(in: .train) == 2..<20)
        var seen = [Int]()
        try data.forEachBatch(in: .train, batchSize: 7) { batch, range in
            #expect(batch.shape[0] == range.count)
            seen += Array(range)
        }
        #expect(seen == Array(2..<20))
    }

    @Test func multiFieldFile() throws {
        let data = try SimulationDataset(path: try files("f32").appendingPathComponent("multi.h5").path)
        #expect(data.layout == .multiField && data.channels == ["density", "pressure", "Vx", "Vy"])
        #expect((data.sampleCount, data.timeCount, data.spatialShape) == (3, 4, [6, 5]))
        let read = try data.read(samples: 1..<3)
        #expect(read.shape == [2, 4, 4, 6, 5])
        for (channel, _) in data.channels.enumerated() {
            let want = expected([3, 4, 6, 5], offset: Float(1000 * channel)).sliced(axis: 0, 1..<3)
            #expect(read.sliced(axis: 2, channel..<(channel + 1)).contiguous().scalars == want.contiguous().scalars)
        }
        #expect(Set(data.parameters.map(\.name)) == ["eta", "zeta", "M"])
    }

    @Test func groupPerSampleFile() throws {
        let data = try SimulationDataset(path: try files("f32").appendingPathComponent("groups.h5").path)
        #expect(data.layout == .groupPerSample)
        #expect((data.sampleCount, data.timeCount, data.spatialShape, data.channels.count) == (5, 7, [6, 4], 2))
        #expect(data.times == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map { Double(Float($0)) } || data.times?.count == 7)
        #expect(data.samples(in: .test) == 5..<5 || data.samples(in: .test).upperBound == 5)
        let read = try data.read(samples: 2..<4, timeStride: 3)
        #expect(read.shape == [2, 3, 2, 6, 4])
        for sample in 0..<2 {
            let file = expected([7, 6, 4, 2], offset: Float(1000 * (sample + 2))).strided(axis: 0, step: 3).permuted([0, 3, 1, 2])
            #expect(read.sliced(axis: 0, sample..<(sample + 1)).contiguous().scalars == file.contiguous().scalars)
        }
    }

    @Test func darcyFile() throws {
        let data = try SimulationDataset(path: try files("f32").appendingPathComponent("darcy.h5").path)
        #expect(data.layout == .darcy && data.channels == ["nu", "u"])
        let read = try data.read(samples: 0..<4, spaceStride: 2)
        #expect(read.shape == [4, 1, 2, 3, 3])
        let nu = expected([4, 6, 5], offset: 500).strided(axis: 1, step: 2).strided(axis: 2, step: 2)
        #expect(read.sliced(axis: 2, 0..<1).contiguous().scalars == nu.contiguous().scalars)
    }

    @Test func h5pyReadsWhatWeWrite() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let path = directory.appendingPathComponent("1D_Burgers_Sols_Nu0.01.hdf5").path
        let times = (0..<5).map { Double($0) * 0.05 }
        let metadata = SimulationMetadata(pde: "burgers", convention: "u_t + (u^2/2)_x = (Nu/pi) u_xx",
                                          parameters: [("Nu", 0.01)], times: times)
        let writer = try PDEBenchWriter(path: path, samples: 6, cells: 8, metadata: metadata)
        let values = expected([6, 5, 8])
        try writer.write(values.sliced(axis: 0, 0..<4).contiguous(), at: 0)
        try writer.write(values.sliced(axis: 0, 4..<6).contiguous(), at: 4)
        #expect(!FileManager.default.fileExists(atPath: path))  // nothing at the destination before finish
        try writer.finish()
        let script = """
        import sys, json, h5py
        with h5py.File(sys.argv[1], "r") as f:
            print(json.dumps({"tensor": f["tensor"][...].ravel().tolist(), "shape": list(f["tensor"].shape),
                              "dtype": str(f["tensor"].dtype), "x": f["x-coordinate"][...].tolist(),
                              "t": f["t-coordinate"][...].tolist(),
                              "attrs": {k: (v.decode() if isinstance(v, bytes) else v if isinstance(v, str) else float(v))
                                        for k, v in f.attrs.items()}}))
        """
        let output = try PythonPeer.run(script, arguments: [path])
        let decoded = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        #expect(decoded["shape"] as! [Int] == [6, 5, 8] && decoded["dtype"] as! String == "float32")
        #expect((decoded["tensor"] as! [Double]).map(Float.init) == values.scalars)
        #expect((decoded["x"] as! [Double]).map(Float.init) == metadata.cellCentres(8).map(Float.init))
        #expect((decoded["t"] as! [Double]).count == 5)
        let attributes = decoded["attrs"] as! [String: Any]
        #expect(attributes["Nu"] as! Double == 0.01 && attributes["pde"] as! String == "burgers")
        #expect(attributes["convention"] as! String == "u_t + (u^2/2)_x = (Nu/pi) u_xx")
        #expect(Swift.abs(attributes["dt"] as! Double - 0.05) < 1e-15 && attributes["parameter_names"] as! String == "Nu")
        // And we read our own file back with its parameters.
        let back = try SimulationDataset(path: path)
        #expect(back.parameters.map(\.name) == ["Nu"] && back.times?.count == 5)
    }
}
