import Foundation
import TensorCore
import TestSupport
import Testing

/// The real `surrogate serve` binary answering Triton's own Python client (tritonclient.http):
/// health, metadata, config, binary and JSON inference equal to the in-process rollout, and a
/// missing model as a 404 InferenceServerException.
@Suite("tritonclient.http against surrogate serve")
struct TritonClientTests {
    static let script = #"""
        import json, sys
        import numpy as np
        import tritonclient.http as httpclient
        from tritonclient.utils import InferenceServerException

        url, folder = sys.argv[1], sys.argv[2]
        initial, params, expected = load_samples(folder, 2, 3)
        steps = np.full((2, 1), 3, dtype=np.int32)
        client = httpclient.InferenceServerClient(url)
        result = {
            "live": client.is_server_live(),
            "ready": client.is_server_ready(),
            "model_ready": client.is_model_ready("cape"),
            "model_ready_v1": client.is_model_ready("cape", "1"),
            "model_ready_v2": client.is_model_ready("cape", "2"),
            "missing_ready": client.is_model_ready("nope"),
        }
        server = client.get_server_metadata()
        result["server"] = [server["name"], server["extensions"]]
        model = client.get_model_metadata("cape")
        result["model"] = [model["name"], model["versions"], model["platform"],
                           [[t["name"], t["datatype"], t["shape"]] for t in model["inputs"] + model["outputs"]]]
        config = client.get_model_config("cape")
        result["config"] = [config["name"], config["kind"], config["max_batch_size"],
                            [t["name"] for t in config["input"]], config["parameters"]]

        def infer(binary, outputs=True, model="cape"):
            inputs = [httpclient.InferInput("initial", [2, 16], "FP32"), httpclient.InferInput("parameters", [2, 1], "FP32"),
                      httpclient.InferInput("steps", [2, 1], "INT32")]
            for tensor, values in zip(inputs, [initial, params, steps]):
                tensor.set_data_from_numpy(values, binary_data=binary)
            requested = [httpclient.InferRequestedOutput("rollout", binary_data=binary)] if outputs else None
            answer = client.infer(model, inputs, outputs=requested, request_id="r-%s" % binary)
            rollout = answer.as_numpy("rollout")
            response = answer.get_response()
            return {"shape": list(rollout.shape), "dtype": str(rollout.dtype), "equal": bool(np.array_equal(rollout, expected)),
                    "max_abs": float(np.max(np.abs(rollout - expected))), "id": response["id"],
                    "version": response["model_version"],
                    "binary": "binary_data_size" in response["outputs"][0].get("parameters", {})}

        result["binary"] = infer(True)
        result["json"] = infer(False)
        result["default"] = infer(True, outputs=False)
        try:
            infer(True, model="nope")
            result["missing"] = None
        except InferenceServerException as error:
            result["missing"] = [str(error.status()), error.message()]
        print(json.dumps(result))
        """#

    @Test func tritonclientSeesTheModelAndItsRollouts() async throws {
        let repository = try RolloutRepository()
        let folder = try repository.writeSamples(batch: 2, steps: 3, seed: 11)

        let process = try await ServerProcess.start(repository: repository.root)
        let address = try #require(process.baseURL?.absoluteString.dropFirst(7).dropLast())
        let output = try PythonPeer.run(RolloutRepository.samplesPython + Self.script, arguments: [String(address), folder.path])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")

        for key in ["live", "ready", "model_ready", "model_ready_v1"] { #expect(result[key] as? Bool == true, "\(key)") }
        for key in ["model_ready_v2", "missing_ready"] { #expect(result[key] as? Bool == false, "\(key)") }
        let server = try #require(result["server"] as? [Any])
        #expect(server[0] as? String == "surrogate")
        #expect(server[1] as? [String] == ["binary_tensor_data", "model_repository", "model_configuration", "statistics"])
        let model = try #require(result["model"] as? [Any])
        #expect(model[0] as? String == "cape")
        #expect(model[1] as? [String] == ["1"])
        #expect(model[2] as? String == "surrogate_rollout1d")
        let rows = try #require(model[3] as? [[Any]])
        let tensors = rows.map { "\($0[0]) \($0[1]) \($0[2] as? [Int] ?? [])" }
        #expect(tensors == ["initial FP32 [-1, 16]", "parameters FP32 [-1, 1]", "steps INT32 [-1, 1]", "rollout FP32 [-1, -1, 16]"])
        let config = try #require(result["config"] as? [Any])
        #expect(config[0] as? String == "cape")
        #expect(config[1] as? String == "rollout1d")
        #expect(config[2] as? Int == 8)
        #expect(config[3] as? [String] == ["initial", "parameters", "steps"])
        #expect(config[4] as? [String: String] == ["max_steps": "50"])

        for (key, binary) in [("binary", true), ("json", false), ("default", true)] {
            let answer = try #require(result[key] as? [String: Any], "\(key)")
            #expect(answer["shape"] as? [Int] == [2, 3, 16] && answer["dtype"] as? String == "float32", "\(key): \(answer)")
            #expect(answer["equal"] as? Bool == true, "\(key): max |Δ| \(answer["max_abs"] ?? "?")")
            #expect(answer["binary"] as? Bool == binary && answer["version"] as? String == "1", "\(key): \(answer)")
            #expect(answer["id"] as? String == (key == "json" ? "r-False" : "r-True"), "\(key): \(answer)")
        }
        let missing = try #require(result["missing"] as? [String], "\(result["missing"] ?? "nil")")
        #expect(missing[0] == "404" && missing[1].contains("model 'nope' is not loaded"), "\(missing)")

        let stop = await process.stop()
        #expect(stop.status == 0 && stop.seconds < 15, "exit \(String(describing: stop.status)) after \(stop.seconds) s: \(process.log)")
    }
}
