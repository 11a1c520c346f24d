import Foundation
import TensorCore
import TestSupport
import Testing

/// What the server does beyond plain requests, each driven by tritonclient or raw HTTP against
/// the real binary: compressed bodies, statistics and metrics, bearer tokens on HTTP and gRPC,
/// payloads of several megabytes.
@Suite("surrogate serve: compression, statistics, metrics, tokens")
struct ServerFeaturesTests {
    static let compressionScript = #"""
        import gzip, json, sys, urllib.request, urllib.error, zlib
        import numpy as np
        import tritonclient.http as httpclient

        url, folder, metrics = sys.argv[1], sys.argv[2], sys.argv[3]
        initial, params, expected = load_samples(folder, 2, 3)
        client = httpclient.InferenceServerClient(url)
        result = {}
        for algorithm in ["gzip", "deflate"]:
            tensors = [httpclient.InferInput("initial", [2, 16], "FP32"), httpclient.InferInput("parameters", [2, 1], "FP32"),
                       httpclient.InferInput("steps", [2, 1], "INT32")]
            for tensor, values in zip(tensors, [initial, params, np.full((2, 1), 3, dtype=np.int32)]):
                tensor.set_data_from_numpy(values)
            answer = client.infer("cape", tensors, request_compression_algorithm=algorithm)
            result[algorithm] = bool(np.array_equal(answer.as_numpy("rollout"), expected))

        def post(body, encoding):
            request = urllib.request.Request("http://%s/v2/models/cape/infer" % url, data=body, method="POST",
                                             headers={"Content-Encoding": encoding, "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request) as response:
                    return [response.status, response.read().decode()]
            except urllib.error.HTTPError as error:
                return [error.code, json.loads(error.read())["error"]]
        # 80 MiB of spaces compress to ~80 KB: refused once the inflated body passes 64 MiB.
        result["bomb"] = post(gzip.compress(b" " * (80 << 20)), "gzip")
        result["truncated"] = post(gzip.compress(b'{"inputs": []}')[:-12], "gzip")
        stats = client.get_inference_statistics("cape")["model_stats"][0]
        result["stats"] = [stats["name"], stats["version"], stats["inference_count"], stats["execution_count"],
                           stats["inference_stats"]["success"]["count"], stats["inference_stats"]["fail"]["count"],
                           [b["batch_size"] for b in stats["batch_stats"]]]
        result["all_stats"] = [s["name"] for s in client.get_inference_statistics()["model_stats"]]
        with urllib.request.urlopen(metrics) as response:
            result["metrics"] = [response.headers["Content-Type"], response.read().decode()]
        print(json.dumps(result))
        """#

    @Test func compressedBodiesStatisticsAndMetrics() async throws {
        let repository = try RolloutRepository()
        let folder = try repository.writeSamples(batch: 2, steps: 3, seed: 5)
        let server = try await ServerProcess.start(repository: repository.root)
        let address = try #require(server.baseURL?.absoluteString.dropFirst(7).dropLast())
        let metrics = try #require(server.metricsURL)
        let output = try PythonPeer.run(RolloutRepository.samplesPython + Self.compressionScript, arguments: [String(address), folder.path, metrics.absoluteString])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")

        #expect(result["gzip"] as? Bool == true && result["deflate"] as? Bool == true, "\(result)")
        let bomb = try #require(result["bomb"] as? [Any])
        #expect(bomb[0] as? Int == 400 && (bomb[1] as? String)?.contains("inflates past the limit of 67108864 bytes") == true, "\(bomb)")
        let truncated = try #require(result["truncated"] as? [Any])
        #expect(truncated[0] as? Int == 400 && (truncated[1] as? String)?.contains("gzip request body") == true, "\(truncated)")
        // Two good requests of batch 2; the bomb never reached the model, the truncated body neither.
        let stats = try #require(result["stats"] as? [Any])
        #expect(stats[0] as? String == "cape" && stats[1] as? String == "1", "\(stats)")
        #expect(stats[2] as? Int == 4 && stats[3] as? Int == 2 && stats[4] as? Int == 2 && stats[5] as? Int == 0, "\(stats)")
        #expect(stats[6] as? [Int] == [2], "\(stats)")
        #expect(result["all_stats"] as? [String] == ["cape"])
        let exposition = try #require(result["metrics"] as? [String])
        #expect(exposition[0].hasPrefix("text/plain; version=0.0.4"))
        for line in ["nv_inference_request_success{model=\"cape\",version=\"1\"} 2", "nv_inference_count{model=\"cape\",version=\"1\"} 4",
                     "nv_inference_exec_count{model=\"cape\",version=\"1\"} 2", "# TYPE nv_inference_request_failure counter",
                     "nv_inference_pending_request_count 0"] {
            #expect(exposition[1].split(separator: "\n").contains(Substring(line)), "\(line) in \(exposition[1])")
        }
        let stop = await server.stop()
        #expect(stop.status == 0, "\(server.log)")
    }

    static let tokenScript = #"""
        import json, sys
        import numpy as np
        import tritonclient.grpc as grpcclient
        import tritonclient.http as httpclient
        from tritonclient.utils import InferenceServerException

        http_url, grpc_url, token = sys.argv[1], sys.argv[2], sys.argv[3]
        good = {"authorization": "Bearer " + token}  # gRPC metadata keys are lower case
        wrong = {"authorization": "Bearer " + token + "x"}
        result = {}
        for name, client in [("http", httpclient.InferenceServerClient(http_url)), ("grpc", grpcclient.InferenceServerClient(grpc_url))]:
            outcome = {"live": client.is_server_live(), "ready": client.is_server_ready()}
            for label, headers in [("none", None), ("wrong", wrong), ("good", good)]:
                try:
                    metadata = client.get_server_metadata(headers=headers)
                    outcome[label] = "ok:" + (metadata["name"] if isinstance(metadata, dict) else metadata.name)
                except InferenceServerException as error:
                    outcome[label] = "%s:%s" % (error.status(), error.message())
            result[name] = outcome
        print(json.dumps(result))
        """#

    @Test func bearerTokenGuardsEverythingButHealth() async throws {
        let repository = try RolloutRepository()
        let token = "s3cr3t-\(UInt32.random(in: 0...UInt32.max))"
        let server = try await ServerProcess.start(repository: repository.root, environment: ["SURROGATE_TOKEN": token])
        let base = try #require(server.baseURL)
        let address = try #require(server.baseURL?.absoluteString.dropFirst(7).dropLast())
        let output = try PythonPeer.run(RolloutRepository.samplesPython + Self.tokenScript, arguments: [String(address), try #require(server.grpcAddress), token])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]], "\(output)")
        for transport in ["http", "grpc"] {
            let outcome = try #require(result[transport])
            #expect(outcome["live"] as? Bool == true && outcome["ready"] as? Bool == true, "\(transport): \(outcome)")
            #expect(outcome["good"] as? String == "ok:surrogate", "\(transport): \(outcome)")
            let refused = transport == "http" ? "401" : "StatusCode.UNAUTHENTICATED"
            for label in ["none", "wrong"] {
                #expect(outcome[label] as? String == "\(refused):missing or wrong bearer token: send 'Authorization: Bearer <token>'",
                        "\(transport) \(label): \(outcome)")
            }
        }
        let metrics = try await HTTP.send("GET", try #require(server.metricsURL))
        #expect(metrics.status == 401 && metrics.header("WWW-Authenticate") == "Bearer")
        let scraped = try await HTTP.send("GET", try #require(server.metricsURL), headers: ["Authorization": "Bearer \(token)"])
        #expect(scraped.status == 200 && scraped.text.contains("nv_inference_pending_request_count"))
        let infer = try await HTTP.send("POST", base.appendingPathComponent("v2/models/cape/infer"), body: Data("{}".utf8))
        #expect(infer.status == 401 && !infer.text.contains(token))
        #expect(server.log.contains("bearer-token authentication on") && !server.log.contains(token))
        let stop = await server.stop()
        #expect(stop.status == 0, "\(server.log)")
    }

    /// A request body and a response of several megabytes (decoded and encoded off the event
    /// loop) answer as small ones do: padding a body with 2 MB of JSON whitespace changes nothing,
    /// and a 6 MB JSON rollout equals the in-process model's.
    @Test func largePayloadsAnswerAsSmallOnes() async throws {
        let repository = try RolloutRepository()
        try repository.addModel("long", extra: #""dynamic_batching": {"max_queue_delay_microseconds": 0}"#, maximumSteps: 3000)
        let server = try await ServerProcess.start(repository: repository.root, arguments: ["--no-grpc"])
        let url = try #require(server.baseURL).appendingPathComponent("v2/models/long/infer")
        var generator = RandomGenerator(seed: 21)
        let initial = Tensor<Float>.randomNormal([8, 16], using: &generator)
        let lambda = Tensor<Float>.randomUniform([8, 1], low: 0.1, high: 2, using: &generator)
        func body(steps: Int, padding: Int) -> Data {
            let numbers = { (tensor: Tensor<Float>) in tensor.scalars.map { "\($0)" }.joined(separator: ",") }
            return Data((#"{"inputs": [{"name": "initial", "shape": [8, 16], "datatype": "FP32", "data": ["# + numbers(initial) + "]},"
                + #"{"name": "parameters", "shape": [8, 1], "datatype": "FP32", "data": ["# + numbers(lambda) + "]},"
                + String(repeating: " ", count: padding)
                + #"{"name": "steps", "shape": [8, 1], "datatype": "INT32", "data": [\#(Array(repeating: "\(steps)", count: 8).joined(separator: ","))]}]}"#).utf8)
        }
        let small = try await HTTP.send("POST", url, body: body(steps: 3, padding: 0))
        let padded = try await HTTP.send("POST", url, body: body(steps: 3, padding: 2 << 20))
        #expect(small.status == 200 && padded.status == 200 && padded.body == small.body, "\(padded.status) \(padded.text.prefix(200))")
        let large = try await HTTP.send("POST", url, body: body(steps: 3000, padding: 0))
        #expect(large.status == 200 && large.body.count > 4 << 20, "\(large.status) \(large.body.count) bytes")
        let json = try #require(try JSONSerialization.jsonObject(with: large.body) as? [String: Any])
        let output = try #require((json["outputs"] as? [[String: Any]])?.first)
        let values = try #require(output["data"] as? [Double]).map(Float.init)
        let expected = repository.rollout(initial, lambda, steps: 3000).scalars
        #expect(output["shape"] as? [Int] == [8, 3000, 16] && values.count == expected.count)
        let worst = zip(values, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .infinity
        #expect(worst < 1e-4, "largest relative difference \(worst)")
        let stop = await server.stop()
        #expect(stop.status == 0, "\(server.log)")
    }
}
