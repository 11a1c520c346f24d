import Foundation
import TensorCore
import TestSupport
import Testing

/// Plain HTTP against `surrogate serve`: malformed requests are refused with a status and an
/// `{"error": …}` body and the server keeps serving; load/unload and readiness; inference
/// headers; the Unix domain socket; a clean exit on SIGTERM.
@Suite("surrogate serve over plain HTTP")
struct RawHTTPTests {
    static let goodRequest = #"""
        {"id": "j", "inputs": [{"name": "initial", "datatype": "FP32", "shape": [1, 16], "data": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]},
                    {"name": "parameters", "datatype": "FP32", "shape": [1, 1], "data": [0.5]},
                    {"name": "steps", "datatype": "INT32", "shape": [1, 1], "data": [2]}]}
        """#

    @Test func malformedRequestsAreRefusedAndTheServerKeepsServing() async throws {
        let repository = try RolloutRepository()
        let server = try await ServerProcess.start(repository: repository.root)
        let base = try #require(server.baseURL)
        func url(_ path: String) -> URL { URL(string: path, relativeTo: base)!.absoluteURL }
        let infer = url("v2/models/cape/infer")

        let oversized = try await HTTP.send("POST", infer, body: Data(count: (64 << 20) + 1))
        #expect(oversized.status == 400 && oversized.error?.contains("exceeds the limit of 67108864 bytes") == true, "\(oversized.text)")

        let badJSON = try await HTTP.send("POST", infer, body: Data(#"{"inputs": [{"name": "#.utf8))
        #expect(badJSON.status == 400 && badJSON.error == "request header is not a JSON object", "\(badJSON.text)")
        #expect(badJSON.header("Content-Type") == "application/json")

        let deep = try await HTTP.send("POST", infer, body: Data((String(repeating: "[", count: 100_000)).utf8))
        #expect(deep.status == 400 && deep.error?.contains("JSON nesting deeper than 100 levels") == true, "\(deep.text)")

        let headerTooLong = try await HTTP.send("POST", infer, body: Data(Self.goodRequest.utf8),
                                                headers: ["Inference-Header-Content-Length": "100000"])
        #expect(headerTooLong.status == 400 && headerTooLong.error?.contains("exceeds the body length") == true, "\(headerTooLong.text)")

        for path in ["v2/models/..%2F..%2Fetc%2Fpasswd/config", "v2/models/..%2Fcape/infer", "v2/repository/models/..%2Fescape/load"] {
            let method = path.hasSuffix("config") ? "GET" : "POST"
            let answer = try await HTTP.send(method, url(path), body: method == "GET" ? nil : Data(Self.goodRequest.utf8))
            #expect(answer.status == 400 && answer.error?.hasPrefix("invalid model name") == true, "\(path): \(answer.text)")
        }

        let missing = try await HTTP.send("GET", url("v2/models/nope"))
        #expect(missing.status == 404 && missing.error == "model 'nope' is not loaded", "\(missing.text)")
        let missingInfer = try await HTTP.send("POST", url("v2/models/nope/infer"), body: Data(Self.goodRequest.utf8))
        #expect(missingInfer.status == 404 && missingInfer.error == "model 'nope' is not loaded", "\(missingInfer.text)")
        let missingVersion = try await HTTP.send("GET", url("v2/models/cape/versions/7/config"))
        #expect(missingVersion.status == 404 && missingVersion.error == "model 'cape' has no version '7'", "\(missingVersion.text)")
        let unknownRoute = try await HTTP.send("GET", url("v2/nothing/here"))
        #expect(unknownRoute.status == 404 && unknownRoute.error == "no route GET /v2/nothing/here", "\(unknownRoute.text)")
        let wrongMethod = try await HTTP.send("POST", url("v2/health/live"))
        #expect(wrongMethod.status == 405 && wrongMethod.body.isEmpty)
        let brotli = try await HTTP.send("POST", infer, body: Data(Self.goodRequest.utf8), headers: ["Content-Encoding": "br"])
        #expect(brotli.status == 501 && brotli.error?.contains("Content-Encoding 'br' is not supported") == true, "\(brotli.text)")
        let notGzip = try await HTTP.send("POST", infer, body: Data(Self.goodRequest.utf8), headers: ["Content-Encoding": "gzip"])
        #expect(notGzip.status == 400 && notGzip.error?.contains("gzip request body is corrupt") == true, "\(notGzip.text)")

        // Still serving.
        let live = try await HTTP.send("GET", url("v2/health/live"))
        #expect(live.status == 200 && live.body.isEmpty)
        let good = try await HTTP.send("POST", infer, body: Data(Self.goodRequest.utf8))
        #expect(good.status == 200 && good.header("Content-Type") == "application/json", "\(good.text)")
        #expect(good.header("Inference-Header-Content-Length") == nil)
        let answer = try #require(try JSONSerialization.jsonObject(with: good.body) as? [String: Any])
        #expect(answer["id"] as? String == "j" && answer["model_name"] as? String == "cape" && answer["model_version"] as? String == "1")
        let output = try #require((answer["outputs"] as? [[String: Any]])?.first)
        #expect(output["shape"] as? [Int] == [1, 2, 16] && (output["data"] as? [Any])?.count == 32)

        let stop = await server.stop()
        #expect(stop.status == 0 && stop.seconds < 15, "exit \(String(describing: stop.status)) after \(stop.seconds) s: \(server.log)")
    }

    @Test func binaryInferenceHeadersAndTheInProcessRollout() async throws {
        let repository = try RolloutRepository()
        let server = try await ServerProcess.start(repository: repository.root)
        let base = try #require(server.baseURL)
        var generator = RandomGenerator(seed: 5)
        let initial = Tensor<Float>.randomNormal([3, 16], using: &generator)
        let lambda = Tensor<Float>.randomUniform([3, 1], low: 0.1, high: 2, using: &generator)
        let header = Data(#"""
            {"inputs": [{"name": "initial", "datatype": "FP32", "shape": [3, 16], "parameters": {"binary_data_size": 192}},
                        {"name": "parameters", "datatype": "FP32", "shape": [3, 1], "parameters": {"binary_data_size": 12}},
                        {"name": "steps", "datatype": "INT32", "shape": [3, 1], "parameters": {"binary_data_size": 12}}],
             "parameters": {"binary_data_output": true}}
            """#.utf8)
        var body = header
        body.append(initial.scalars.withUnsafeBufferPointer { Data(buffer: $0) })
        body.append(lambda.scalars.withUnsafeBufferPointer { Data(buffer: $0) })
        body.append(contentsOf: [4, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0])
        let answer = try await HTTP.send("POST", base.appendingPathComponent("v2/models/cape/versions/1/infer"), body: body,
                                         headers: ["Inference-Header-Content-Length": "\(header.count)",
                                                   "Content-Type": "application/octet-stream"])
        #expect(answer.status == 200 && answer.header("Content-Type") == "application/octet-stream", "\(answer.text)")
        let length = try #require(answer.header("Inference-Header-Content-Length").flatMap(Int.init))
        let json = try #require(try JSONSerialization.jsonObject(with: answer.body.prefix(length)) as? [String: Any])
        let output = try #require((json["outputs"] as? [[String: Any]])?.first)
        #expect(output["shape"] as? [Int] == [3, 4, 16] && (output["parameters"] as? [String: Any])?["binary_data_size"] as? Int == 768)
        let values = answer.body.dropFirst(length).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(values == repository.rollout(initial, lambda, steps: 4).scalars)

        let stop = await server.stop()
        #expect(stop.status == 0 && stop.seconds < 15, "exit \(String(describing: stop.status)) after \(stop.seconds) s: \(server.log)")
    }

    @Test func repositoryIndexUnloadAndLoadDriveReadiness() async throws {
        let repository = try RolloutRepository()
        let server = try await ServerProcess.start(repository: repository.root)
        let base = try #require(server.baseURL)
        func send(_ method: String, _ path: String, _ body: String? = nil) async throws -> HTTP.Answer {
            try await HTTP.send(method, base.appendingPathComponent(path), body: body.map { Data($0.utf8) })
        }
        #expect(server.log.contains("loaded cape (versions 1; rollout1d)"), "\(server.log)")
        #expect(try await send("GET", "v2/health/ready").status == 200)
        let index = try await send("POST", "v2/repository/index")
        #expect(index.status == 200 && index.text.contains(#""state":"READY""#), "\(index.text)")

        #expect(try await send("POST", "v2/repository/models/cape/unload").status == 200)
        #expect(try await send("GET", "v2/models/cape/ready").status == 400)
        #expect(try await send("GET", "v2/health/ready").status == 400)
        let readyOnly = try await send("POST", "v2/repository/index", #"{"ready": true}"#)
        #expect(readyOnly.status == 200 && readyOnly.text == "[]", "\(readyOnly.text)")
        let unloadAgain = try await send("POST", "v2/repository/models/cape/unload")
        #expect(unloadAgain.status == 404 && unloadAgain.error == "model 'cape' is not loaded", "\(unloadAgain.text)")
        let withConfig = try await send("POST", "v2/repository/models/cape/load", #"{"parameters": {"config": "{}"}}"#)
        #expect(withConfig.status == 501 && withConfig.error?.contains("load parameter 'config' is not supported") == true)

        #expect(try await send("POST", "v2/repository/models/cape/load").status == 200)
        #expect(try await send("GET", "v2/models/cape/ready").status == 200)
        #expect(try await send("GET", "v2/health/ready").status == 200)

        // A failed reload keeps the old model serving, and its message names no server folder.
        let config = repository.root.appendingPathComponent("cape/config.json")
        try Data("{ broken".utf8).write(to: config)
        let failed = try await send("POST", "v2/repository/models/cape/load")
        #expect(failed.status == 400 && failed.error?.hasPrefix("cape/config.json: not a valid model configuration") == true,
                "\(failed.text)")
        #expect(failed.error?.contains(repository.root.path) == false && !failed.text.contains("surrogate-test-"), "\(failed.text)")
        #expect(try await send("GET", "v2/models/cape/ready").status == 200)

        let stop = await server.stop()
        #expect(stop.status == 0 && stop.seconds < 15, "exit \(String(describing: stop.status)) after \(stop.seconds) s: \(server.log)")
    }

    @Test func unixDomainSocketServesTheSameAPI() async throws {
        let repository = try RolloutRepository()
        let socket = try PythonPeer.temporaryDirectory().appendingPathComponent("serve.sock").path
        let server = try await ServerProcess.start(repository: repository.root, arguments: ["--unix-socket", socket, "--no-tcp"])
        #expect(server.addresses.filter { !$0.hasPrefix("grpc:") && !$0.hasSuffix("/metrics") } == ["unix:\(socket)"])
        let curl = URL(fileURLWithPath: "/usr/bin/curl")
        let live: String
        if FileManager.default.isExecutableFile(atPath: curl.path) {
            live = try ProcessRunner.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", socket,
                                                "http://localhost/v2/health/live"]).output
        } else {
            live = try PythonPeer.run("""
                import http.client, socket, sys
                class Connection(http.client.HTTPConnection):
                    def connect(self):
                        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                        self.sock.connect(sys.argv[1])
                connection = Connection("localhost")
                connection.request("GET", "/v2/health/live")
                print(connection.getresponse().status, end="")
                """, arguments: [socket])
        }
        #expect(live == "200")
        let metadata = try PythonPeer.run("""
            import http.client, json, socket, sys
            class Connection(http.client.HTTPConnection):
                def connect(self):
                    self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    self.sock.connect(sys.argv[1])
            connection = Connection("localhost")
            connection.request("GET", "/v2/models/cape")
            print(json.loads(connection.getresponse().read())["name"], end="")
            """, arguments: [socket])
        #expect(metadata == "cape")

        let stop = await server.stop()
        #expect(stop.status == 0 && stop.seconds < 15, "exit \(String(describing: stop.status)) after \(stop.seconds) s: \(server.log)")
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket file is removed on exit")
    }
}
