import Foundation
import Hummingbird
import Logging
import Serving
import ServiceLifecycle
import UnixSignals

/// The HTTP server: the same routes on every address (TCP, Unix domain sockets), the Prometheus
/// metrics on their own address, and any other services (the gRPC server) in one service group,
/// until SIGTERM or SIGINT. Then every listener stops accepting connections and running requests
/// get `shutdownTimeout` (Triton's `--exit-timeout-secs`, 30 s) to finish.
public struct InferenceServer: Sendable {
    public let routes: InferenceRoutes
    public let addresses: [ListenAddress]
    public let metricsAddress: ListenAddress?
    public let shutdownTimeout: Duration

    public init(service: InferenceService, addresses: [ListenAddress], limits: RequestLimits = .init(), token: BearerToken? = nil,
                metricsAddress: ListenAddress? = nil, shutdownTimeout: Duration = .seconds(30)) {
        precondition(!addresses.isEmpty, "an inference server needs at least one address")
        routes = InferenceRoutes(service: service, limits: limits, token: token)
        (self.addresses, self.metricsAddress, self.shutdownTimeout) = (addresses, metricsAddress, shutdownTimeout)
    }

    /// Serves until a shutdown signal. `onListening` receives each address once it is bound
    /// (with the port the system chose for TCP port 0). Throws when an address cannot be bound.
    public func run(alongside services: [any Service] = [], onListening: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "surrogate.http")
        logger.logLevel = .warning
        func application(_ responder: some HTTPResponder<BasicRequestContext>, _ address: ListenAddress, suffix: String) -> any Service {
            Application(responder: responder, configuration: .init(address: address.bindAddress, serverName: InferenceService.serverName),
                        onServerRunning: { channel in onListening(address.describe(boundPort: channel.localAddress?.port) + suffix) },
                        logger: logger)
        }
        let responder = routes.router().buildResponder()
        var all = addresses.map { application(responder, $0, suffix: "") }
        if let metricsAddress { all.append(application(routes.metricsRouter().buildResponder(), metricsAddress, suffix: "/metrics")) }
        defer {
            for case .unixSocket(let path) in addresses { unlink(path) }
        }
        // Services shut down in reverse order: the queue flush first, then the listeners.
        let flush = BatchQueueFlush(repository: routes.service.repository)
        var configuration = ServiceGroupConfiguration(services: all + services + [flush], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger)
        configuration.maximumGracefulShutdownDuration = shutdownTimeout
        try await ServiceGroup(configuration: configuration).run()
    }
}
