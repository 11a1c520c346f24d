import Foundation
import ModelStore
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A model repository with one small CAPE-FNO rollout model, `cape` version 1 (as in
/// ServingTests), and the in-process model to compute expected answers.
struct RolloutRepository {
    static let config = """
        {"name": "cape", "backend": "surrogate", "kind": "rollout1d", "max_batch_size": 8,
         "input": [{"name": "initial", "data_type": "TYPE_FP32", "dims": [16]},
                   {"name": "parameters", "data_type": "TYPE_FP32", "dims": [1]},
                   {"name": "steps", "data_type": "TYPE_INT32", "dims": [1]}],
         "output": [{"name": "rollout", "data_type": "TYPE_FP32", "dims": [-1, 16]}],
         "parameters": {"max_steps": "50"}}
        """

    let root: URL
    let model: ConditionedFNO1d<Float>
    let parameters: ParameterSet<Float>

    init() throws {
        root = try PythonPeer.temporaryDirectory()
        model = ConditionedFNO1d<Float>(configuration: .init(conditioning: .cape, base: .init(width: 6, modes: 4, layers: 2),
                                                             cape: .init(width: 8, modes: 2)))
        var generator = RandomGenerator(seed: 3)
        parameters = model.initialParameters(using: &generator)
        try ModelCheckpoint.save(model, parameters: parameters, to: root.appendingPathComponent("cape/1"),
                                 metadata: ["parameter_names": "beta"])
        try Data(Self.config.utf8).write(to: root.appendingPathComponent("cape/config.json"))
    }

    /// Adds model `name`: the same weights as `cape`, its configuration with `extra` JSON members
    /// (e.g. `"dynamic_batching": {…}`) added.
    func addModel(_ name: String, extra: String, maximumSteps: Int = 50) throws {
        let folder = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("cape/1"), to: folder.appendingPathComponent("1"))
        var config = Self.config.replacingOccurrences(of: #""name": "cape""#, with: #""name": "\#(name)""#)
            .replacingOccurrences(of: #""max_steps": "50""#, with: #""max_steps": "\#(maximumSteps)""#)
        config = String(config.dropLast(1)) + ", " + extra + "}"
        try Data(config.utf8).write(to: folder.appendingPathComponent("config.json"))
    }

    /// Python defining `load_samples(folder, batch, steps)` → `initial, params, expected`, the
    /// arrays `writeSamples` wrote; scripts are appended to it.
    static let samplesPython = """
        import numpy as np
        def load_samples(folder, batch, steps):
            read = lambda name: np.fromfile("%s/%s.f32" % (folder, name), dtype=np.float32)
            return read("initial").reshape(batch, 16), read("parameters").reshape(batch, 1), read("expected").reshape(batch, steps, 16)

        """

    /// Writes `initial`, `parameters` and the expected rollout of `steps` steps as raw float32
    /// files (`initial.f32`, …) for a Python peer; returns the folder.
    func writeSamples(batch: Int, steps: Int, seed: UInt64) throws -> URL {
        var generator = RandomGenerator(seed: seed)
        let initial = Tensor<Float>.randomNormal([batch, 16], using: &generator)
        let lambda = Tensor<Float>.randomUniform([batch, 1], low: 0.1, high: 2, using: &generator)
        let expected = rollout(initial, lambda, steps: steps)
        let folder = try PythonPeer.temporaryDirectory()
        for (name, tensor) in [("initial", initial), ("parameters", lambda), ("expected", expected)] {
            try tensor.scalars.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: folder.appendingPathComponent("\(name).f32"))
        }
        return folder
    }

    /// The rollout of `initial` [batch, 16] under `lambda` [batch, 1] for `steps` steps, in process,
    /// through the compiled plan that the server runs (the NeuralOperators tests hold the plan to
    /// the model's own rollout).
    func rollout(_ initial: Tensor<Float>, _ lambda: Tensor<Float>, steps: Int) -> Tensor<Float> {
        ConditionedFNO1dPlan(model: model, parameters: parameters)
            .rollout(initial.reshaped([initial.shape[0], 1, 16]), pdeParameters: lambda, steps: steps)
    }
}

/// `surrogate serve` started as a child process on a free port, its log in a file.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let logFile: URL
    /// The addresses it reported (`http://127.0.0.1:PORT`, `unix:/path`, `grpc://127.0.0.1:PORT`,
    /// `http://127.0.0.1:PORT/metrics`).
    private(set) var addresses = [String]()
    /// When the process exited, recorded by its termination handler (a Foundation thread), so
    /// that `stop` times the exit itself even when the test's own tasks wake late on a busy machine.
    private let exitLock = NSLock()
    private var exitDate: Date?

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Starts the server with HTTP, gRPC and metrics on free ports (plus `arguments`) and waits
    /// until it reported `addressCount` HTTP addresses, its gRPC and metrics addresses (unless
    /// turned off), and answers `live` (on TCP, when it serves TCP).
    static func start(repository: URL, arguments: [String] = [], addressCount: Int = 1,
                      environment: [String: String] = [:]) async throws -> ServerProcess {
        let server = try ServerProcess(repository: repository, arguments: arguments, environment: environment)
        let expected = addressCount + (arguments.contains("--no-grpc") ? 0 : 1) + (arguments.contains("--no-metrics") ? 0 : 1)
        let deadline = Date().addingTimeInterval(60)
        while server.addresses.count < expected {
            guard server.process.isRunning else { throw Failure(description: "server exited: \(server.log)") }
            guard Date() < deadline else { throw Failure(description: "server did not start in 60 s: \(server.log)") }
            try await Task.sleep(for: .milliseconds(50))
            server.addresses = server.log.split(separator: "\n").filter { $0.hasPrefix("listening on ") }.map { String($0.dropFirst(13)) }
        }
        if let base = server.baseURL {
            while try await HTTP.send("GET", base.appendingPathComponent("v2/health/live")).status != 200 {
                guard Date() < deadline else { throw Failure(description: "server not live in 60 s: \(server.log)") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        return server
    }

    private init(repository: URL, arguments: [String], environment: [String: String]) throws {
        logFile = try PythonPeer.temporaryDirectory().appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.executableURL = SurrogateExecutable.url
        process.arguments = ["serve", "--models", repository.path, "--host", "127.0.0.1", "--http-port", "0", "--grpc-port", "0",
                             "--metrics-port", "0"] + arguments
        // The test computes expected rollouts with the default OpenBLAS kernel: the server must use the same.
        process.environment = ProcessInfo.processInfo.environment.merging(["SURROGATE_KEEP_BLAS_KERNEL": "1"]) { $1 }
            .merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        guard FileManager.default.isExecutableFile(atPath: SurrogateExecutable.url.path) else {
            throw Failure(description: "no executable at \(SurrogateExecutable.url.path): build the package first")
        }
        process.terminationHandler = { [weak self] _ in
            guard let self else { return }
            exitLock.withLock { exitDate = Date() }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// `http://127.0.0.1:PORT/` when the server listens on TCP.
    var baseURL: URL? {
        addresses.first { $0.hasPrefix("http://") && !$0.hasSuffix("/metrics") }.flatMap { URL(string: $0 + "/") }
    }

    /// `127.0.0.1:PORT` of the gRPC server (tritonclient.grpc's form).
    var grpcAddress: String? { addresses.first { $0.hasPrefix("grpc://") }.map { String($0.dropFirst(7)) } }

    /// `http://127.0.0.1:PORT/metrics`.
    var metricsURL: URL? { addresses.first { $0.hasSuffix("/metrics") }.flatMap { URL(string: $0) } }

    /// Sends SIGTERM and waits up to `timeout` seconds; returns the exit status (nil: still
    /// running, then killed, or ended by a signal) and the seconds it took.
    func stop(timeout: Double = 10) async -> (status: Int32?, seconds: Double) {
        let start = Date()
        process.terminate()
        while process.isRunning && Date().timeIntervalSince(start) < timeout {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let seconds = (exitLock.withLock { exitDate } ?? Date()).timeIntervalSince(start)
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            return (nil, seconds)
        }
        return (process.terminationReason == .exit ? process.terminationStatus : nil, seconds)
    }
}

/// Plain HTTP requests with URLSession.
enum HTTP {
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The `error` field of a JSON error body.
        var error: String? { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["error"] as? String }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    static func send(_ method: String, _ url: URL, body: Data? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: url, timeoutInterval: 120)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                guard let response = response as? HTTPURLResponse else {
                    continuation.resume(throwing: error ?? ServerProcess.Failure(description: "no HTTP response"))
                    return
                }
                let headers = response.allHeaderFields.reduce(into: [String: String]()) { $0["\($1.key)"] = "\($1.value)" }
                continuation.resume(returning: Answer(status: response.statusCode, headers: headers, body: data ?? Data()))
            }.resume()
        }
    }
}
