import Foundation
import TensorCore
import TestSupport
import Testing

/// The real `surrogate serve` answering Triton's Python gRPC client (tritonclient.grpc): health,
/// metadata, config, statistics, repository control, inference equal to the in-process rollout
/// (inputs in raw_input_contents, outputs read from raw_output_contents), streaming inference,
/// and malformed messages refused with a status while the server keeps serving.
@Suite("tritonclient.grpc against surrogate serve")
struct TritonGRPCClientTests {
    static let script = #"""
        import json, sys
        import grpc
        import numpy as np
        import tritonclient.grpc as grpcclient
        from tritonclient.grpc import service_pb2
        from tritonclient.utils import InferenceServerException

        url, folder = sys.argv[1], sys.argv[2]
        initial, params, expected = load_samples(folder, 2, 3)
        steps = np.full((2, 1), 3, dtype=np.int32)
        client = grpcclient.InferenceServerClient(url)
        result = {"live": client.is_server_live(), "ready": client.is_server_ready(),
                  "model_ready": client.is_model_ready("cape"), "model_ready_v2": client.is_model_ready("cape", "2"),
                  "missing_ready": client.is_model_ready("nope")}
        server = client.get_server_metadata(as_json=True)
        result["server"] = [server["name"], server["extensions"]]
        model = client.get_model_metadata("cape", as_json=True)
        result["model"] = [model["name"], model["versions"], model["platform"],
                           [[t["name"], t["datatype"], [int(d) for d in t["shape"]]] for t in model["inputs"] + model["outputs"]]]
        config = client.get_model_config("cape", as_json=True)["config"]
        result["config"] = [config["name"], config["max_batch_size"], [[t["name"], t["data_type"], [int(d) for d in t["dims"]]]
                            for t in config["input"] + config["output"]], config["parameters"]["max_steps"]["string_value"]]

        def inputs(datatype="FP32", values=None):
            tensors = [grpcclient.InferInput("initial", [2, 16], datatype), grpcclient.InferInput("parameters", [2, 1], "FP32"),
                       grpcclient.InferInput("steps", [2, 1], "INT32")]
            for tensor, data in zip(tensors, [values if values is not None else initial, params, steps]):
                tensor.set_data_from_numpy(data)
            return tensors

        answer = client.infer("cape", inputs(), outputs=[grpcclient.InferRequestedOutput("rollout")], request_id="g1")
        rollout = answer.as_numpy("rollout")
        response = answer.get_response(as_json=True)
        result["infer"] = {"shape": list(rollout.shape), "equal": bool(np.array_equal(rollout, expected)),
                           "id": response["id"], "version": response["model_version"]}
        for name, call in [("missing", lambda: client.infer("nope", inputs())),
                           ("datatype", lambda: client.infer("cape", inputs("FP64", initial.astype(np.float64)))),
                           ("unload_missing", lambda: client.unload_model("nope"))]:
            try:
                call()
                result[name] = None
            except InferenceServerException as error:
                result[name] = [error.status(), error.message()]

        # Streaming: two good requests and a bad one, answered in order.
        answers = []
        client.start_stream(callback=lambda result, error: answers.append(
            ("error", error.message()) if error is not None else ("ok", bool(np.array_equal(result.as_numpy("rollout"), expected)))))
        client.async_stream_infer("cape", inputs(), request_id="s1")
        client.async_stream_infer("nope", inputs(), request_id="s2")
        client.async_stream_infer("cape", inputs(), request_id="s3")
        client.stop_stream()
        result["stream"] = answers

        stats = client.get_inference_statistics("cape", as_json=True)["model_stats"][0]
        result["stats"] = [stats["name"], stats["version"], int(stats.get("inference_count", 0)),
                           int(stats["inference_stats"]["success"].get("count", 0))]
        index = client.get_model_repository_index(as_json=True)["models"]
        result["index"] = [[m["name"], m.get("version", ""), m.get("state", "")] for m in index]
        client.unload_model("cape")
        result["after_unload"] = client.is_model_ready("cape")
        client.load_model("cape")
        result["after_load"] = client.is_model_ready("cape")

        # Malformed messages, sent below tritonclient.
        channel = grpc.insecure_channel(url)
        raw = channel.unary_unary("/inference.GRPCInferenceService/ModelInfer")
        malformed = {}
        try:
            raw(b"\x0a\xff\xff\xff\xff\x0f")
            malformed["bytes"] = None
        except grpc.RpcError as error:
            malformed["bytes"] = [str(error.code()), error.details()]
        request = service_pb2.ModelInferRequest(model_name="cape")
        for name, shape in [("initial", [2, 16]), ("parameters", [2, 1]), ("steps", [2, 1])]:
            tensor = request.inputs.add()
            tensor.name, tensor.datatype = name, "INT32" if name == "steps" else "FP32"
            tensor.shape.extend(shape)
        request.raw_input_contents.extend([initial.tobytes(), params.tobytes()])
        typed = service_pb2.ModelInferRequest()
        typed.CopyFrom(request)
        request.raw_input_contents.append(steps.tobytes()[:4])
        overflow = service_pb2.ModelInferRequest()
        overflow.CopyFrom(request)
        del overflow.inputs[0].shape[:]
        overflow.inputs[0].shape.extend([2**40, 2**40])
        stub = channel.unary_unary("/inference.GRPCInferenceService/ModelInfer",
                                   request_serializer=service_pb2.ModelInferRequest.SerializeToString,
                                   response_deserializer=service_pb2.ModelInferResponse.FromString)
        for name, message in [("count", typed), ("size", request), ("overflow", overflow)]:
            try:
                stub(message)
                malformed[name] = None
            except grpc.RpcError as error:
                malformed[name] = [str(error.code()), error.details()]
        result["malformed"] = malformed
        result["live_after"] = client.is_server_live()
        print(json.dumps(result))
        """#

    @Test func tritonclientGRPCFlow() async throws {
        let repository = try RolloutRepository()
        let folder = try repository.writeSamples(batch: 2, steps: 3, seed: 11)
        let process = try await ServerProcess.start(repository: repository.root)
        let address = try #require(process.grpcAddress, "\(process.addresses)")
        let output = try PythonPeer.run(RolloutRepository.samplesPython + Self.script, arguments: [address, folder.path])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")

        for key in ["live", "ready", "model_ready", "after_load", "live_after"] { #expect(result[key] as? Bool == true, "\(key)") }
        for key in ["model_ready_v2", "missing_ready", "after_unload"] { #expect(result[key] as? Bool == false, "\(key)") }
        let server = try #require(result["server"] as? [Any])
        #expect(server[0] as? String == "surrogate")
        #expect(server[1] as? [String] == ["binary_tensor_data", "model_repository", "model_configuration", "statistics"])
        let model = try #require(result["model"] as? [Any])
        #expect(model[0] as? String == "cape" && model[1] as? [String] == ["1"] && model[2] as? String == "surrogate_rollout1d")
        let rows = try #require(model[3] as? [[Any]])
        let tensors = rows.map { "\($0[0]) \($0[1]) \($0[2] as? [Int] ?? [])" }
        #expect(tensors == ["initial FP32 [-1, 16]", "parameters FP32 [-1, 1]", "steps INT32 [-1, 1]", "rollout FP32 [-1, -1, 16]"])
        let config = try #require(result["config"] as? [Any])
        #expect(config[0] as? String == "cape" && config[1] as? Int == 8 && config[3] as? String == "50", "\(config)")
        let specRows = try #require(config[2] as? [[Any]])
        let specs = specRows.map { "\($0[0]) \($0[1]) \($0[2] as? [Int] ?? [])" }
        #expect(specs == ["initial TYPE_FP32 [16]", "parameters TYPE_FP32 [1]", "steps TYPE_INT32 [1]", "rollout TYPE_FP32 [-1, 16]"])

        let infer = try #require(result["infer"] as? [String: Any])
        #expect(infer["shape"] as? [Int] == [2, 3, 16] && infer["equal"] as? Bool == true, "\(infer)")
        #expect(infer["id"] as? String == "g1" && infer["version"] as? String == "1", "\(infer)")
        let missing = try #require(result["missing"] as? [String], "\(result["missing"] ?? "nil")")
        #expect(missing[0] == "StatusCode.NOT_FOUND" && missing[1].contains("model 'nope' is not loaded"), "\(missing)")
        let datatype = try #require(result["datatype"] as? [String])
        #expect(datatype[0] == "StatusCode.INVALID_ARGUMENT" && datatype[1].contains("input 'initial' has datatype FP64"), "\(datatype)")
        let unloadMissing = try #require(result["unload_missing"] as? [String])
        #expect(unloadMissing[0] == "StatusCode.NOT_FOUND", "\(unloadMissing)")

        let stream = try #require(result["stream"] as? [[Any]])
        #expect(stream.count == 3, "\(stream)")
        if stream.count == 3 {
            #expect(stream[0][0] as? String == "ok" && stream[0][1] as? Bool == true, "\(stream)")
            #expect(stream[1][0] as? String == "error" && (stream[1][1] as? String)?.contains("model 'nope' is not loaded") == true)
            #expect(stream[2][0] as? String == "ok" && stream[2][1] as? Bool == true, "\(stream)")
        }
        let stats = try #require(result["stats"] as? [Any])
        // Successful requests so far: the unary one and two streamed ones, each of batch 2.
        #expect(stats[0] as? String == "cape" && stats[1] as? String == "1" && stats[2] as? Int == 6 && stats[3] as? Int == 3, "\(stats)")
        let index = try #require(result["index"] as? [[String]])
        #expect(index == [["cape", "1", "READY"]], "\(index)")

        let malformed = try #require(result["malformed"] as? [String: Any])
        for (key, expected) in [("bytes", "Can't deserialize"), ("count", "raw_input_contents has 2 entries for 3 inputs"),
                                ("size", "input 'steps': raw_input_contents holds 4 bytes"),
                                ("overflow", "input 'initial': shape [1099511627776, 1099511627776] has more elements than fit in 64 bits")] {
            let answer = try #require(malformed[key] as? [String], "\(key): \(malformed[key] ?? "nil")")
            #expect(answer[0] == "StatusCode.INVALID_ARGUMENT", "\(key): \(answer)")
            #expect(answer[1].contains(expected), "\(key): \(answer)")
        }

        let stop = await process.stop()
        #expect(stop.status == 0 && stop.seconds < 15, "exit \(String(describing: stop.status)) after \(stop.seconds) s: \(process.log)")
    }
}
