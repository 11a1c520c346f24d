import GRPCCore
import GRPCNIOTransportHTTP2
import Serving
import ServiceLifecycle

/// The gRPC listener as a service of the server's service group: serves until graceful
/// shutdown, then stops accepting RPCs and lets running ones finish.
public struct GRPCInferenceServer: Service {
    let server: GRPCServer<HTTP2ServerTransport.Posix>
    let onListening: @Sendable (String) -> Void

    /// Listens on `host`:`port` (0: any free port); messages up to `limits.maximumBodyBytes`.
    public init(service: InferenceService, host: String, port: Int, limits: RequestLimits = .init(), token: BearerToken? = nil,
                onListening: @escaping @Sendable (String) -> Void) {
        let address: GRPCNIOTransportCore.SocketAddress = host.contains(":") ? .ipv6(host: host, port: port) : .ipv4(host: host, port: port)
        let transport: HTTP2ServerTransport.Posix = .http2NIOPosix(
            address: address, transportSecurity: .plaintext, config: .defaults { config in
                config.rpc.maxRequestPayloadSize = limits.maximumBodyBytes
                // Flush coalescing holds each response up to 100 µs for more to write with it: a
                // request alone waits that long for nothing (tritonclient c = 1, p50: a no-op RPC 0.84–0.94 →
                // 0.66–0.67 ms, one inference 1.36–1.37 → 1.18–1.20 ms).
                config.connection.flushCoalescing = nil
            })
        let services: [any RegistrableRPCService] = [InferenceGRPCService(service: service, limits: limits),
                                                      HealthGRPCService(repository: service.repository)]
        server = GRPCServer(transport: transport, services: services,
                            interceptors: token.map { [BearerTokenInterceptor(token: $0)] } ?? [])
        self.onListening = onListening
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await server.serve() }
                let address = try await server.transport.listeningAddress
                let port = address.ipv4?.port ?? address.ipv6?.port
                onListening("grpc://" + (address.ipv4.map { "\($0.host):\(port!)" } ?? address.ipv6.map { "[\($0.host)]:\(port!)" } ?? "\(address)"))
            }
        } onGracefulShutdown: {
            server.beginGracefulShutdown()
        }
    }
}
