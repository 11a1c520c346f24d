import Foundation
import TestSupport
import Testing

/// The standard gRPC health service (`grpc.health.v1.Health`) against the real binary, driven by
/// grpcio with the messages encoded by hand (field 1 of each): Check and Watch, open without
/// the bearer token, SERVING while every model is loaded and NOT_SERVING once one is not; an
/// open Watch does not hold up a graceful shutdown.
@Suite("grpc.health.v1 against surrogate serve")
struct GRPCHealthTests {
    static let script = #"""
        import json, os, sys, time
        import grpc

        address, broken = sys.argv[1], sys.argv[2]

        def request(service):  # HealthCheckRequest {string service = 1}
            data = service.encode()
            return b"\x0a" + bytes([len(data)]) + data if data else b""

        def status(raw):  # HealthCheckResponse {ServingStatus status = 1}; 0 (UNKNOWN) is sent as nothing
            return raw[1] if len(raw) >= 2 and raw[0] == 0x08 else 0

        channel = grpc.insecure_channel(address)
        check = channel.unary_unary("/grpc.health.v1.Health/Check")
        watch = channel.unary_stream("/grpc.health.v1.Health/Watch")
        result = {}
        for service in ["", "inference.GRPCInferenceService"]:
            result["check " + service] = status(check(request(service), timeout=10))
        try:
            check(request("nope"), timeout=10)
            result["unknown"] = "answered"
        except grpc.RpcError as error:
            result["unknown"] = [error.code().name, error.details()]
        stream = watch(request(""), timeout=60)
        result["watch first"] = status(next(stream))
        unknown = watch(request("nope"), timeout=60)
        result["watch unknown"] = status(next(unknown))
        unknown.cancel()
        os.makedirs(broken)  # a model folder that cannot load: the server is no longer ready
        with open(os.path.join(broken, "config.json"), "w") as f:
            f.write("{")
        begin = time.perf_counter()
        result["watch change"] = status(next(stream))
        result["watch seconds"] = time.perf_counter() - begin
        stream.cancel()
        result["check after"] = status(check(request(""), timeout=10))
        print(json.dumps(result))
        """#

    @Test func healthServiceFollowsReadinessWithoutAToken() async throws {
        let repository = try RolloutRepository()
        let server = try await ServerProcess.start(repository: repository.root, environment: ["SURROGATE_TOKEN": "s3cr3t"])
        let broken = repository.root.appendingPathComponent("broken").path
        let output = try PythonPeer.run(Self.script, arguments: [try #require(server.grpcAddress), broken])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        let (serving, notServing, serviceUnknown) = (1, 2, 3)
        #expect(result["check "] as? Int == serving && result["check inference.GRPCInferenceService"] as? Int == serving, "\(result)")
        let unknown = try #require(result["unknown"] as? [String], "\(result)")
        #expect(unknown.first == "NOT_FOUND" && unknown.last?.contains("unknown service 'nope'") == true, "\(unknown)")
        #expect(result["watch first"] as? Int == serving && result["watch unknown"] as? Int == serviceUnknown, "\(result)")
        #expect(result["watch change"] as? Int == notServing && (result["watch seconds"] as? Double ?? 99) < 5, "\(result)")
        #expect(result["check after"] as? Int == notServing, "\(result)")
        let stop = await server.stop()
        #expect(stop.status == 0, "\(server.log)")
    }

    static let watchScript = #"""
        import json, sys, time
        import grpc

        address, marker = sys.argv[1], sys.argv[2]
        stream = grpc.insecure_channel(address).unary_stream("/grpc.health.v1.Health/Watch")(b"", timeout=120)
        first = next(stream)
        open(marker, "w").close()  # watching: the test may stop the server now
        begin = time.perf_counter()
        try:
            for message in stream:
                pass
            end = "OK"
        except grpc.RpcError as error:
            end = error.code().name
        print(json.dumps({"first": list(first), "end": end, "seconds": time.perf_counter() - begin}))
        """#

    @Test func anOpenWatchDoesNotHoldUpShutdown() async throws {
        let repository = try RolloutRepository()
        let server = try await ServerProcess.start(repository: repository.root)
        let marker = repository.root.appendingPathComponent("watching").path
        let address = try #require(server.grpcAddress)
        let watcher = Task.detached { try PythonPeer.run(Self.watchScript, arguments: [address, marker]) }
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(FileManager.default.fileExists(atPath: marker), "the watch never started")
        let stop = await server.stop(timeout: 20)
        #expect(stop.status == 0 && stop.seconds < 5, "\(stop) \(server.log)")
        let output = try await watcher.value
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        #expect(result["first"] as? [Int] == [8, 1], "\(result)")  // status SERVING
    }
}
