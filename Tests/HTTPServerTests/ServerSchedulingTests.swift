import Foundation
import TensorCore
import TestSupport
import Testing

/// The server under concurrent load, against the real binary: dynamic batching merges
/// concurrent requests without changing answers, a full server answers 503, a request that
/// waits past its `timeout` is refused, SIGTERM lets a running request finish, a long request
/// holds up no health check, and a stress of inference mixed with load/unload loses no request.
@Suite("surrogate serve under load")
struct ServerSchedulingTests {
    static let batchingScript = #"""
        import json, sys, threading, time
        import numpy as np
        import tritonclient.http as httpclient
        from tritonclient.utils import InferenceServerException

        url, folder = sys.argv[1], sys.argv[2]
        initial, params, expected = load_samples(folder, 8, 2)

        def infer(model, row, timeout=None):
            client = httpclient.InferenceServerClient(url)
            tensors = [httpclient.InferInput("initial", [1, 16], "FP32"), httpclient.InferInput("parameters", [1, 1], "FP32"),
                       httpclient.InferInput("steps", [1, 1], "INT32")]
            for tensor, values in zip(tensors, [initial[row:row + 1], params[row:row + 1], np.full((1, 1), 2, dtype=np.int32)]):
                tensor.set_data_from_numpy(values)
            try:
                rollout = client.infer(model, tensors, timeout=timeout).as_numpy("rollout")
                return ["ok", float(np.max(np.abs(rollout[0] - expected[row])))]
            except InferenceServerException as error:
                return [error.status(), error.message()]

        def concurrently(model, rows, delay=0.0):
            answers = [None] * len(rows)
            def run(index, row):
                answers[index] = infer(model, row)
            threads = [threading.Thread(target=run, args=(i, row)) for i, row in enumerate(rows)]
            for thread in threads:
                thread.start()
                time.sleep(delay)
            return threads, answers

        result = {}
        threads, answers = concurrently("batched", list(range(6)))
        for thread in threads: thread.join()
        result["batched"] = answers
        stats = httpclient.InferenceServerClient(url).get_inference_statistics("batched")["model_stats"][0]
        result["batched_stats"] = [stats["inference_count"], stats["execution_count"], [b["batch_size"] for b in stats["batch_stats"]]]

        # --max-pending 6: six requests wait in the slow model's 2 s batching window (a batch of
        # max_batch_size 8 would run at once); a seventh is refused.
        threads, answers = concurrently("slow", list(range(6)))
        time.sleep(0.6)
        result["busy"] = infer("cape", 7)
        for thread in threads: thread.join()
        result["slow"] = answers
        result["timeout"] = infer("slow", 3, timeout=100000)
        print(json.dumps(result))
        """#

    @Test func dynamicBatchingBusyServerAndTimeouts() async throws {
        let repository = try RolloutRepository()
        try repository.addModel("batched", extra: #""dynamic_batching": {"max_queue_delay_microseconds": 300000}"#)
        try repository.addModel("slow", extra: #""dynamic_batching": {"max_queue_delay_microseconds": 2000000}"#)
        let folder = try repository.writeSamples(batch: 8, steps: 2, seed: 9)
        let server = try await ServerProcess.start(repository: repository.root, arguments: ["--max-pending", "6", "--no-grpc"])
        let address = try #require(server.baseURL?.absoluteString.dropFirst(7).dropLast())
        let output = try PythonPeer.run(RolloutRepository.samplesPython + Self.batchingScript, arguments: [String(address), folder.path])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")

        // Six requests of one row within 0.3 s: fewer executions than requests, answers unchanged.
        let batched = try #require(result["batched"] as? [[Any]])
        for answer in batched {
            #expect(answer[0] as? String == "ok" && (answer[1] as? Double ?? 1) < 1e-5, "\(answer)")
        }
        let stats = try #require(result["batched_stats"] as? [Any])
        let executions = try #require(stats[1] as? Int), sizes = try #require(stats[2] as? [Int])
        #expect(stats[0] as? Int == 6 && executions < 6 && (sizes.max() ?? 0) > 1, "\(stats)")

        let busy = try #require(result["busy"] as? [Any])
        #expect(busy[0] as? String == "503" && (busy[1] as? String)?.contains("the server is busy: 6 requests are already pending") == true,
                "\(busy)")
        for answer in try #require(result["slow"] as? [[Any]]) {
            #expect(answer[0] as? String == "ok" && (answer[1] as? Double ?? 1) < 1e-5, "\(answer)")
        }
        let timeout = try #require(result["timeout"] as? [Any])
        #expect(timeout[0] as? String == "503" && (timeout[1] as? String)?.contains("timed out after waiting") == true, "\(timeout)")
        let stop = await server.stop()
        #expect(stop.status == 0, "\(server.log)")
    }

    /// SIGTERM while a request waits in a 60 s batching window: the window is cut short, the
    /// request is answered, and the server exits well before the window would have ended.
    @Test func sigtermLetsTheRunningRequestFinish() async throws {
        let repository = try RolloutRepository()
        try repository.addModel("slow", extra: #""dynamic_batching": {"max_queue_delay_microseconds": 60000000}"#)
        let server = try await ServerProcess.start(repository: repository.root, arguments: ["--no-grpc"])
        let infer = try #require(server.baseURL).appendingPathComponent("v2/models/slow/infer")
        let metrics = try #require(server.metricsURL)
        let body = #"{"inputs": [{"name": "initial", "shape": [1, 16], "datatype": "FP32", "data": [\#((0..<16).map { "\($0)" }.joined(separator: ","))]},"#
            + #"{"name": "parameters", "shape": [1, 1], "datatype": "FP32", "data": [0.5]},"#
            + #"{"name": "steps", "shape": [1, 1], "datatype": "INT32", "data": [2]}]}"#
        let begin = Date()
        let running = Task { () throws -> (HTTP.Answer, Double) in
            let answer = try await HTTP.send("POST", infer, body: Data(body.utf8))
            return (answer, Date().timeIntervalSince(begin))
        }
        // SIGTERM once the request waits in the model's batching window.
        let deadline = Date().addingTimeInterval(40)
        while try await !HTTP.send("GET", metrics).text.contains("nv_inference_pending_request_count 1") && Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let signalled = Date().timeIntervalSince(begin)
        let stop = await server.stop(timeout: 30)
        let (answer, answered) = try await running.value
        #expect(answer.status == 200 && answer.text.contains("\"rollout\""), "\(answer.status) \(answer.text)")
        #expect(answered >= signalled && answered < signalled + 15, "answered after \(answered) s, SIGTERM at \(signalled) s")
        #expect(stop.status == 0 && stop.seconds < 15, "\(stop) \(server.log)")
    }

    static let longRequestScript = #"""
        import json, sys, threading, time
        import numpy as np
        import tritonclient.http as httpclient

        url, steps = sys.argv[1], int(sys.argv[2])
        result = {}

        def long_request():
            client = httpclient.InferenceServerClient(url, network_timeout=300)
            tensors = [httpclient.InferInput("initial", [1, 16], "FP32"), httpclient.InferInput("parameters", [1, 1], "FP32"),
                       httpclient.InferInput("steps", [1, 1], "INT32")]
            for tensor, values in zip(tensors, [np.sin(np.arange(16, dtype=np.float32)).reshape(1, 16),
                                                np.full((1, 1), 0.5, np.float32), np.full((1, 1), steps, np.int32)]):
                tensor.set_data_from_numpy(values)
            begin = time.perf_counter()
            rollout = client.infer("long", tensors, outputs=[httpclient.InferRequestedOutput("rollout", binary_data=True)]).as_numpy("rollout")
            result["long"] = [time.perf_counter() - begin, list(rollout.shape)]

        thread = threading.Thread(target=long_request)
        thread.start()
        time.sleep(0.2)
        health = []
        while thread.is_alive() and len(health) < 40:
            client = httpclient.InferenceServerClient(url)  # a new connection each time: they spread over the event loops
            begin = time.perf_counter()
            live = client.is_server_live()
            health.append(time.perf_counter() - begin if live else 99.0)
            client.close()
            time.sleep(0.02)
        thread.join()
        result["health"] = health
        print(json.dumps(result))
        """#

    /// A long request runs on the model's thread, never on the event loop that read it: health
    /// checks on fresh connections (spread over every event loop) answer at once meanwhile.
    @Test func healthAnswersWhileALongRequestRuns() async throws {
        let repository = try RolloutRepository()
        let steps = 90_000
        try repository.addModel("long", extra: #""dynamic_batching": {"max_queue_delay_microseconds": 0}"#, maximumSteps: steps)
        let server = try await ServerProcess.start(repository: repository.root, arguments: ["--no-grpc"])
        let address = try #require(server.baseURL?.absoluteString.dropFirst(7).dropLast())
        let output = try PythonPeer.run(Self.longRequestScript, arguments: [String(address), "\(steps)"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        let long = try #require(result["long"] as? [Any]), health = try #require(result["health"] as? [Double])
        let seconds = try #require(long[0] as? Double)
        #expect(long[1] as? [Int] == [1, steps, 16], "\(long)")
        #expect(seconds > 0.5, "the long request took \(seconds) s: too short to show anything; raise its steps")
        #expect(health.count >= 4 && health.max()! < 0.25, "health checks during a \(seconds) s request took \(health) s")
        let stop = await server.stop()
        #expect(stop.status == 0, "\(server.log)")
    }

    static let stressScript = #"""
        import json, sys, threading
        import numpy as np
        import tritonclient.http as httpclient
        from tritonclient.utils import InferenceServerException

        url, folder, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])
        initial, params, expected = load_samples(folder, 2, 3)
        counts = {"ok": 0, "wrong": 0, "refused": 0, "lost": 0, "reloads": 0, "cycles": 0}
        errors = []
        lock = threading.Lock()

        def count(key, detail=None):
            with lock:
                counts[key] += 1
                if detail is not None and len(errors) < 10: errors.append(detail)

        def request(client, model):
            tensors = [httpclient.InferInput("initial", [2, 16], "FP32"), httpclient.InferInput("parameters", [2, 1], "FP32"),
                       httpclient.InferInput("steps", [2, 1], "INT32")]
            for tensor, values in zip(tensors, [initial, params, np.full((2, 1), 3, dtype=np.int32)]):
                tensor.set_data_from_numpy(values)
            return client.infer(model, tensors).as_numpy("rollout")

        def inferrer():
            client = httpclient.InferenceServerClient(url)
            for _ in range(iterations):
                try:
                    rollout = request(client, "cape")
                    count("ok" if np.array_equal(rollout, expected) else "wrong")
                except InferenceServerException as error:
                    count("refused", [error.status(), error.message()])
                except Exception as error:
                    count("lost", repr(error))

        def reloader():
            client = httpclient.InferenceServerClient(url)
            for _ in range(iterations):
                try:
                    client.load_model("cape")
                    count("reloads")
                except Exception as error:
                    count("lost", repr(error))

        def cycler():
            client = httpclient.InferenceServerClient(url)
            for i in range(iterations):
                try:
                    (client.unload_model if i % 2 == 0 else client.load_model)("other")
                    count("cycles")
                    request(client, "other")
                except InferenceServerException as error:
                    if error.status() not in ("400", "404", "503"): count("lost", [error.status(), error.message()])
                except Exception as error:
                    count("lost", repr(error))

        threads = [threading.Thread(target=inferrer) for _ in range(6)] + [threading.Thread(target=reloader), threading.Thread(target=cycler)]
        for thread in threads: thread.start()
        for thread in threads: thread.join()
        client = httpclient.InferenceServerClient(url)
        print(json.dumps({"counts": counts, "errors": errors, "live": client.is_server_live(), "ready": client.is_model_ready("cape")}))
        """#

    @Test func stressOfInferenceWithLoadAndUnloadLosesNoRequest() async throws {
        let repository = try RolloutRepository()
        try repository.addModel("other", extra: #""dynamic_batching": {"max_queue_delay_microseconds": 500}"#)
        let folder = try repository.writeSamples(batch: 2, steps: 3, seed: 13)
        let server = try await ServerProcess.start(repository: repository.root, arguments: ["--no-grpc", "--no-metrics"])
        let address = try #require(server.baseURL?.absoluteString.dropFirst(7).dropLast())
        let iterations = 200
        let output = try PythonPeer.run(RolloutRepository.samplesPython + Self.stressScript, arguments: [String(address), folder.path, "\(iterations)"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        let counts = try #require(result["counts"] as? [String: Int])
        // 8 clients × 200: six infer on `cape` while one reloads it and one unloads/loads `other`.
        #expect(counts["ok"] == 6 * iterations && counts["wrong"] == 0 && counts["refused"] == 0, "\(result)")
        #expect(counts["lost"] == 0 && counts["reloads"] == iterations && counts["cycles"] == iterations, "\(result)")
        #expect(result["live"] as? Bool == true && result["ready"] as? Bool == true)
        let stop = await server.stop()
        #expect(stop.status == 0, "\(server.log)")
    }
}
