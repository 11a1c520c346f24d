import Foundation
import Testing
import TestSupport

/// `surrogate train` and `surrogate evaluate` end to end on small simulated files.
@Suite("surrogate train / evaluate")
struct TrainCommandTests {
    static func simulate(_ folder: URL, beta: String, name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let result = try SurrogateExecutable.run(["simulate", "advection", "--beta", beta, "--samples", "8", "--nx", "64",
                                                  "--nt", "11", "--t-end", "0.5", "--out", path])
        #expect(result.status == 0, "\(result.errors)")
        return path
    }

    @Test func trainsResumesAndEvaluatesWithPictures() throws {
        let folder = try PythonPeer.temporaryDirectory()
        _ = try Self.simulate(folder, beta: "0.5", name: "train_0.5.h5")
        _ = try Self.simulate(folder, beta: "1.5", name: "train_1.5.h5")
        let unseen = try Self.simulate(folder, beta: "1.0", name: "test_1.0.h5")
        let config = folder.appendingPathComponent("config.json")
        func write(epochs: Int) throws {
            try Data("""
                {"data": {"files": ["train_0.5.h5", "train_1.5.h5"], "timeStride": 2, "spaceStride": 2, "validationFraction": 0.25},
                 "model": {"conditioning": "cape", "width": 8, "modes": 6, "capeWidth": 8, "capeModes": 4},
                 "training": {"epochs": \(epochs), "warmupEpochs": 1, "batchSize": 4},
                 "output": "model"}
                """.utf8).write(to: config)
        }
        try write(epochs: 2)
        let first = try SurrogateExecutable.run(["train", "--config", config.path])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("data: 2 files, 12 training and 4 validation trajectories of 6 frames × 32 points; parameters beta"))
        #expect(first.output.contains("epoch 1/2  warm-up  loss "))
        #expect(first.output.contains("epoch 2/2  T_AR 1/5  loss ") && first.output.contains("val nRMSE") && first.output.contains("ETA"))

        let again = try SurrogateExecutable.run(["train", "--config", config.path])
        #expect(again.status != 0 && again.errors.contains("already holds a training run; pass --resume"))

        try write(epochs: 3)
        let changed = try SurrogateExecutable.run(["train", "--config", config.path, "--resume"])
        #expect(changed.status != 0 && changed.errors.contains("it was written for a different configuration"))

        let model = folder.appendingPathComponent("model").path
        let json = folder.appendingPathComponent("eval.json").path
        let pictures = folder.appendingPathComponent("pictures").path
        let predictions = folder.appendingPathComponent("predictions").path
        let evaluation = try SurrogateExecutable.run(["evaluate", model, unseen, folder.appendingPathComponent("train_0.5.h5").path,
                                                      "--json", json, "--pictures", pictures, "--picture-samples", "2",
                                                      "--predictions", predictions])
        #expect(evaluation.status == 0, "\(evaluation.errors)")
        #expect(evaluation.output.contains("| test_1.0.h5 | beta = 1.0 | no | 8 |"))
        #expect(evaluation.output.contains("| train_0.5.h5 | beta = 0.5 | yes | 8 |"))

        // Python reads the JSON and parses the SVG as XML.
        let check = try PythonPeer.run("""
            import json, sys, xml.etree.ElementTree as ET
            rows = json.load(open(sys.argv[1]))
            assert [r["file"] for r in rows] == ["test_1.0.h5", "train_0.5.h5"], rows
            assert all(r["nRMSE"] > 0 and r["samples"] == 8 for r in rows)
            svg = ET.parse(sys.argv[2] + "/test_1.0.svg").getroot()
            images = [e for e in svg.iter() if e.tag.endswith("image")]
            assert len(images) == 6, len(images)
            print("ok", rows[0]["nRMSE"])
            """, arguments: [json, pictures])
        #expect(check.hasPrefix("ok"), "\(check)")

        // h5py reads the predictions: the first frame is the data's, the rest scores the
        // nRMSE of the table (recomputed here by PDEBench's definition), coordinates and
        // parameters follow the strides and the source.
        let predicted = try PythonPeer.run("""
            import h5py, json, sys, numpy as np
            rows = {r["file"]: r for r in json.load(open(sys.argv[1]))}
            for name in ["test_1.0.h5", "train_0.5.h5"]:
                with h5py.File(sys.argv[2] + "/" + name) as source, h5py.File(sys.argv[3] + "/" + name) as f:
                    truth = source["tensor"][:, ::2, ::2].astype(np.float64)
                    frames = f["tensor"][...].astype(np.float64)
                    assert frames.shape == truth.shape == (8, 6, 32), (frames.shape, truth.shape)
                    assert np.array_equal(frames[:, 0], truth[:, 0])
                    assert np.allclose(f["x-coordinate"][...], source["x-coordinate"][::2], atol=1e-6)
                    assert np.allclose(f["t-coordinate"][...], source["t-coordinate"][:11:2], atol=1e-6)
                    assert f.attrs["beta"] == source.attrs["beta"]
                    error = np.sqrt(np.mean((frames[:, 1:] - truth[:, 1:]) ** 2, axis=-1))
                    nrmse = np.mean(error / np.sqrt(np.mean(truth[:, 1:] ** 2, axis=-1)))
                    assert abs(nrmse - rows[name]["nRMSE"]) <= 1e-5 * nrmse, (nrmse, rows[name]["nRMSE"])
            print("ok")
            """, arguments: [json, folder.path, predictions])
        #expect(predicted.hasPrefix("ok"), "\(predicted)")

        let before = try Data(contentsOf: URL(fileURLWithPath: unseen))
        let overwrite = try SurrogateExecutable.run(["evaluate", model, unseen, "--predictions", folder.path])
        #expect(overwrite.status != 0 && overwrite.errors.contains("would overwrite the data file"), "\(overwrite.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: unseen)) == before)
    }

    @Test func badConfigurationFailsWithOneLineBeforeTraining() throws {
        let folder = try PythonPeer.temporaryDirectory()
        let config = folder.appendingPathComponent("config.json")
        try Data(#"{"data": {"files": ["missing.h5"]}, "output": "model"}"#.utf8).write(to: config)
        let result = try SurrogateExecutable.run(["train", "--config", config.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("missing.h5 does not exist"))
        #expect(result.errors.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("model").path))
    }
}
