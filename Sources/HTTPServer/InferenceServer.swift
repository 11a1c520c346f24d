import Foundation
import Hummingbird
import Logging
import Serving
import ServiceLifecycle
import UnixSignals

/// The HTTP server: the same routes on every address (TCP, Unix domain sockets), until SIGTERM
/// or SIGINT, when it stops accepting connections, lets running requests finish and returns.
public struct InferenceServer: Sendable {
    public let routes: InferenceRoutes
    public let addresses: [ListenAddress]

    public init(service: InferenceService, addresses: [ListenAddress], limits: RequestLimits = .init()) {
        precondition(!addresses.isEmpty, "an inference server needs at least one address")
        (routes, self.addresses) = (InferenceRoutes(service: service, limits: limits), addresses)
    }

    /// Serves until a shutdown signal. `onListening` receives each address once it is bound
    /// (with the port the system chose for TCP port 0). Throws when an address cannot be bound.
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        let responder = routes.router().buildResponder()
        var logger = Logger(label: "surrogate.http")
        logger.logLevel = .warning
        let applications = addresses.map { address in
            Application(responder: responder, configuration: .init(address: address.bindAddress, serverName: InferenceService.serverName),
                        onServerRunning: { channel in onListening(address.describe(boundPort: channel.localAddress?.port)) },
                        logger: logger)
        }
        defer {
            for case .unixSocket(let path) in addresses { unlink(path) }
        }
        let group = ServiceGroup(configuration: .init(services: applications, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
    }
}
