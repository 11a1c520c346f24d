import ArgumentParser
import Foundation
import GRPCServer
import HTTPServer
import Serving
import TensorCore

/// `surrogate serve`: loads every model of a Triton-style repository and answers the Open
/// Inference Protocol over HTTP (TCP and/or a Unix domain socket) and gRPC, with Prometheus
/// metrics beside, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the models of a repository over the Open Inference Protocol (KServe v2: HTTP/REST and gRPC).",
        discussion: """
            Loads Models/<name>/config.json with its numeric version folders and answers tritonclient and \
            other KServe v2 clients: HTTP on --http-port (health, metadata, config, stats, infer with JSON or \
            binary tensors, gzip/deflate bodies, repository index/load/unload), gRPC on --grpc-port \
            (inference.GRPCInferenceService), Prometheus metrics on --metrics-port at /metrics. On SIGTERM or \
            SIGINT it stops accepting requests and gives running ones --exit-timeout seconds to finish.
            """)

    @Option(help: "The model repository folder.") var models = "Models"
    @Option(help: "The address the HTTP, gRPC and metrics servers bind.") var host = "127.0.0.1"
    @Option(help: "The HTTP port (0: any free port).") var httpPort = 8000
    @Option(help: "The gRPC port (0: any free port).") var grpcPort = 8001
    @Option(help: "The Prometheus metrics port (0: any free port).") var metricsPort = 8002
    @Option(help: "Also serve the HTTP API on this Unix domain socket.") var unixSocket: String?
    @Flag(inversion: .prefixedNo, help: "Serve HTTP on TCP; --no-tcp serves HTTP on the Unix socket only.") var tcp = true
    @Flag(inversion: .prefixedNo, help: "Serve gRPC.") var grpc = true
    @Flag(inversion: .prefixedNo, help: "Serve the metrics.") var metrics = true
    @Option(help: "Require 'Authorization: Bearer <token>' on every endpoint but health (default: $SURROGATE_TOKEN).")
    var token: String?
    @Option(help: "Requests admitted at once; more get 503 (UNAVAILABLE).") var maxPending = 256
    @Option(help: "Default longest wait in the queue, in milliseconds (a request's 'timeout' parameter overrides).")
    var requestTimeoutMs: Int?
    @Option(help: "Seconds running requests get to finish after SIGTERM.") var exitTimeout = 30
    @Option(help: ArgumentHelp("BLAS threads per forward pass. 1 (the default) keeps one request's small products off "
        + "the other cores, which serve other requests and the network; more helps only large batches."))
    var blasThreads = 1

    func validate() throws {
        for (name, port) in [("--http-port", httpPort), ("--grpc-port", grpcPort), ("--metrics-port", metricsPort)] {
            guard (0...65535).contains(port) else { throw ValidationError("\(name) must be 0…65535") }
        }
        guard tcp || unixSocket != nil else { throw ValidationError("--no-tcp needs --unix-socket") }
        if let unixSocket, unixSocket.isEmpty || unixSocket.utf8.count > 100 {
            throw ValidationError("--unix-socket must be a path of 1…100 bytes")
        }
        guard maxPending >= 1 else { throw ValidationError("--max-pending must be at least 1") }
        guard (requestTimeoutMs ?? 1) >= 1 else { throw ValidationError("--request-timeout-ms must be at least 1") }
        guard exitTimeout >= 0 else { throw ValidationError("--exit-timeout must be ≥ 0") }
        guard (1...256).contains(blasThreads) else { throw ValidationError("--blas-threads must be 1…256") }
    }

    func run() async throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: models, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure("no model repository at \(models)")
        }
        BLASInfo.setThreadCount(blasThreads)
        EventLoopConcurrency.install()
        let repository = ModelRepository(root: URL(fileURLWithPath: models))
        let failures = await repository.loadAll()
        await Self.report(repository, failures: failures)

        let scheduling = SchedulingPolicy(maximumPendingRequests: maxPending,
                                          defaultTimeoutMicroseconds: requestTimeoutMs.map { UInt64($0) * 1000 })
        let service = InferenceService(repository: repository, scheduling: scheduling)
        let bearer = BearerToken(token ?? ProcessInfo.processInfo.environment["SURROGATE_TOKEN"])
        if bearer != nil { log("bearer-token authentication on (health endpoints stay open)") }
        var addresses = [ListenAddress]()
        if tcp { addresses.append(.tcp(host: host, port: httpPort)) }
        if let unixSocket { addresses.append(.unixSocket(path: unixSocket)) }
        let server = InferenceServer(service: service, addresses: addresses, token: bearer,
                                     metricsAddress: metrics ? .tcp(host: host, port: metricsPort) : nil,
                                     shutdownTimeout: .seconds(exitTimeout))
        let grpcServer = grpc ? [GRPCInferenceServer(service: service, host: host, port: grpcPort, token: bearer) { address in
            log("listening on \(address)")
        }] : []
        do {
            try await server.run(alongside: grpcServer) { address in log("listening on \(address)") }
        } catch {
            throw CommandFailure("cannot serve on \(host) (HTTP \(httpPort), gRPC \(grpcPort), metrics \(metricsPort)): \(error)")
        }
        log("stopped")
    }

    /// One line per model: its versions and kind, or why it failed to load.
    static func report(_ repository: ModelRepository, failures: [String: String]) async {
        let entries = await repository.index()
        for name in Set(entries.map(\.name)).sorted() {
            if let reason = failures[name] {
                log("failed to load \(name): \(reason)")
            } else if let (config, _, _) = try? await repository.resolve(name, version: nil) {
                let versions = entries.filter { $0.name == name && $0.state == "READY" }.map(\.version)
                log("loaded \(name) (versions \(versions.joined(separator: ", ")); \(config.kind))")
            }
        }
        if entries.isEmpty { log("no models in \(repository.root.path)") }
    }
}

/// One unbuffered line to standard error (server logs).
private func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
