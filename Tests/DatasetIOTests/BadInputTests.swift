import Foundation
import Testing
import DatasetIO
import TestSupport

/// Hostile files: each gives a one-line error naming the file and the object.
@Suite("Bad simulation files")
struct BadInputTests {
    static let writer = """
    import sys, numpy as np, h5py
    out = sys.argv[1]
    with h5py.File(out + "/missing.h5", "w") as f: f["foo"] = np.zeros(3)
    with h5py.File(out + "/rank.h5", "w") as f: f["tensor"] = np.zeros(5, dtype=np.float32)
    with h5py.File(out + "/strings.h5", "w") as f: f["tensor"] = np.array([[[b"a"]]])
    with h5py.File(out + "/empty.h5", "w") as f: f["tensor"] = np.zeros((0, 5, 8), dtype=np.float32)
    with h5py.File(out + "/good.h5", "w") as f: f["tensor"] = np.ones((50, 20, 64), dtype=np.float32)
    data = open(out + "/good.h5", "rb").read()
    open(out + "/truncated.h5", "wb").write(data[: len(data) // 2])
    open(out + "/garbage.h5", "wb").write(bytes(range(256)) * 8)
    """

    func message(_ path: String) -> String {
        do {
            let data = try SimulationDataset(path: path)
            _ = try data.read(samples: 0..<data.sampleCount)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func eachBadFileGivesAOneLineErrorNamingFileAndObject() throws {
        let directory = try PythonPeer.temporaryDirectory()
        _ = try PythonPeer.run(Self.writer, arguments: [directory.path])
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let cases: [(String, String)] = [
            ("missing.h5", "not a PDEBench layout (top-level objects: foo)"),
            ("rank.h5", "'tensor' has shape [5], expected rank ≥ 3"),
            ("strings.h5", "'tensor' holds string, not numbers"),
            ("empty.h5", "'tensor' holds no samples"),
            ("truncated.h5", "not a readable HDF5 file (HDF5: "),
            ("garbage.h5", "not a readable HDF5 file"),
            ("absent.h5", "file not found"),
        ]
        for (name, expected) in cases {
            let text = message(path(name))
            #expect(text.hasPrefix(path(name) + ":"), "\(name): \(text)")
            #expect(text.contains(expected), "\(name): \(text)")
            #expect(!text.contains("\n"), "\(name): \(text)")
        }
        #expect(message(path("garbage.h5")).contains("HDF5: "))  // the library's own stack, captured
    }
}
