import ArgumentParser
import Foundation
import HTTPServer
import Serving

/// `surrogate serve`: loads every model of a Triton-style repository and answers the Open
/// Inference Protocol over HTTP (TCP and/or a Unix domain socket) until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the models of a repository over the Open Inference Protocol (KServe v2 REST).",
        discussion: """
            Loads Models/<name>/config.json with its numeric version folders and answers tritonclient and \
            other KServe v2 clients on HTTP: health, metadata, config, infer (JSON and binary tensors) and \
            the repository index/load/unload. Stops gracefully on SIGTERM or SIGINT. gRPC (port 8001) and \
            metrics (port 8002) are not implemented yet.
            """)

    @Option(help: "The model repository folder.") var models = "Models"
    @Option(help: "The address the HTTP server binds.") var host = "127.0.0.1"
    @Option(help: "The HTTP port (0: any free port).") var httpPort = 8000
    @Option(help: "Also serve the HTTP API on this Unix domain socket.") var unixSocket: String?
    @Flag(inversion: .prefixedNo, help: "Serve on TCP; --no-tcp serves on the Unix socket only.") var tcp = true

    func validate() throws {
        guard (0...65535).contains(httpPort) else { throw ValidationError("--http-port must be 0…65535") }
        guard tcp || unixSocket != nil else { throw ValidationError("--no-tcp needs --unix-socket") }
        if let unixSocket, unixSocket.isEmpty || unixSocket.utf8.count > 100 {
            throw ValidationError("--unix-socket must be a path of 1…100 bytes")
        }
    }

    func run() async throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: models, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure("no model repository at \(models)")
        }
        let repository = ModelRepository(root: URL(fileURLWithPath: models))
        let failures = await repository.loadAll()
        await Self.report(repository, failures: failures)

        var addresses = [ListenAddress]()
        if tcp { addresses.append(.tcp(host: host, port: httpPort)) }
        if let unixSocket { addresses.append(.unixSocket(path: unixSocket)) }
        let server = InferenceServer(service: InferenceService(repository: repository), addresses: addresses)
        do {
            try await server.run { address in log("listening on \(address)") }
        } catch {
            throw CommandFailure("cannot serve on \(addresses.map(\.description).joined(separator: ", ")): \(error)")
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
        if entries.isEmpty { log("no models in \(await repository.root.path)") }
    }
}

/// One unbuffered line to standard error (server logs).
private func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
