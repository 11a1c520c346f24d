import Foundation
import Testing
import ModelStore
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport

@Suite("Checkpoints")
struct CheckpointTests {
    @Test func sha256KnownVectors() {
        #expect(SHA256.hexDigest(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func savedFNO() throws -> (URL, FNO1d<Float>, ParameterSet<Float>) {
        var generator = RandomGenerator(seed: 1)
        let model = FNO1d<Float>(configuration: .init(width: 4, modes: 3, layers: 2, projectionWidth: 8))
        let parameters = model.initialParameters(using: &generator)
        let directory = try PythonPeer.temporaryDirectory().appendingPathComponent("fno/1")
        try ModelCheckpoint.save(model, parameters: parameters, to: directory, metadata: ["note": "test"])
        return (directory, model, parameters)
    }

    @Test func roundTripKeepsConfigurationAndValues() throws {
        let (directory, model, parameters) = try savedFNO()
        let loaded = try ModelCheckpoint.load(FNO1d<Float>.self, from: directory)
        #expect(loaded.model.configuration == model.configuration)
        #expect(loaded.parameters.names == parameters.names)
        for name in parameters.names { #expect(loaded.parameters[name]!.scalars == parameters[name]!.scalars) }
        #expect(loaded.metadata["note"] == "test")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    func editManifest(_ directory: URL, _ edit: (inout [String: Any]) -> Void) throws {
        let url = directory.appendingPathComponent("model.json")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    func loadError(_ directory: URL) -> String {
        do {
            _ = try ModelCheckpoint.load(FNO1d<Float>.self, from: directory)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func versionMismatchIsOneLineError() throws {
        let (directory, _, _) = try savedFNO()
        try editManifest(directory) { $0["format_version"] = 99 }
        let message = loadError(directory)
        #expect(message.contains("model.json: format_version 99 is not supported"))
        #expect(!message.contains("\n"))
    }

    @Test func architectureMismatch() throws {
        let (directory, _, _) = try savedFNO()
        #expect(throws: ModelStoreError.self) { try ModelCheckpoint.load(MLP<Float>.self, from: directory) }
    }

    @Test func hashMismatchIsDetected() throws {
        let (directory, _, _) = try savedFNO()
        let weights = directory.appendingPathComponent("weights.safetensors")
        var bytes = try Data(contentsOf: weights)
        bytes[bytes.count - 1] ^= 0xff
        try bytes.write(to: weights)
        #expect(loadError(directory).contains("weights.safetensors: sha256"))
    }

    @Test func shapeMismatchNamesTheTensor() throws {
        let (directory, _, _) = try savedFNO()
        try editManifest(directory) { manifest in
            var config = manifest["config"] as! [String: Any]
            config["width"] = 5
            manifest["config"] = config
        }
        let message = loadError(directory)
        #expect(message.contains("tensor 'lift.bias' has shape [4], expected [5]"), "\(message)")
    }

    @Test func missingConfigFieldIsNamed() throws {
        let (directory, _, _) = try savedFNO()
        try editManifest(directory) { manifest in
            var config = manifest["config"] as! [String: Any]
            config["modes"] = nil
            manifest["config"] = config
        }
        #expect(loadError(directory).contains("missing field 'config.modes'"))
    }

    @Test func corruptSafetensorsHeaderIsRejected() throws {
        for bytes: [UInt8] in [[1, 2, 3], [255, 255, 255, 255, 0, 0, 0, 0, 123], [2, 0, 0, 0, 0, 0, 0, 0, 123, 125, 9]] {
            #expect(throws: ModelStoreError.self) { try Safetensors.decode(Data(bytes), as: Float.self, path: "x") }
        }
    }

    @Test func pythonSafetensorsReadsOurWeightsIdentically() throws {
        let (directory, _, parameters) = try savedFNO()
        let script = """
        import sys, json
        from safetensors.numpy import load_file
        tensors = load_file(sys.argv[1])
        print(json.dumps({k: [list(v.shape), str(v.dtype), v.astype('float64').ravel().tolist()] for k, v in tensors.items()}))
        """
        let output = try PythonPeer.run(script, arguments: [directory.appendingPathComponent("weights.safetensors").path])
        let decoded = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: [Any]]
        #expect(Set(decoded.keys) == Set(parameters.names))
        for (name, entry) in decoded {
            #expect(entry[0] as! [Int] == parameters[name]!.shape)
            #expect(entry[1] as! String == "float32")
            #expect((entry[2] as! [Double]).map(Float.init) == parameters[name]!.scalars)
        }
    }

    @Test func weWritePythonSafetensorsFilesBack() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let path = directory.appendingPathComponent("py.safetensors").path
        let script = """
        import sys, numpy as np
        from safetensors.numpy import save_file
        save_file({"a": np.arange(12, dtype=np.float32).reshape(3, 4) / 7, "b": np.array([1.5, -2.25], dtype=np.float64),
                   "c": np.array([0.5, 3.0], dtype=np.float16)}, sys.argv[1], metadata={"source": "numpy"})
        """
        _ = try PythonPeer.run(script, arguments: [path])
        let contents = try Safetensors.decode(Data(contentsOf: URL(fileURLWithPath: path)), as: Float.self, path: path)
        #expect(contents.tensors["a"]!.shape == [3, 4])
        #expect(contents.tensors["a"]!.scalars == (0..<12).map { Float($0) / 7 })
        #expect(contents.tensors["b"]!.scalars == [1.5, -2.25])
        #expect(contents.tensors["c"]!.scalars == [0.5, 3.0])
        #expect(contents.dtypes["b"] == "F64" && contents.metadata["source"] == "numpy")
    }
}
