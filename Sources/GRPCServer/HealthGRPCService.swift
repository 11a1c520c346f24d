import GRPCCore
import InferenceProtocol
import Serving
import ServiceLifecycle

/// The standard gRPC health service (`grpc.health.v1.Health`), as Triton serves it, for
/// Kubernetes gRPC probes and load balancers: the server ("") and `inference.GRPCInferenceService`
/// are SERVING while every model of the repository is loaded (the server is ready), NOT_SERVING
/// otherwise. Open without a bearer token, as the other health checks.
struct HealthGRPCService: Grpc_Health_V1_Health.SimpleServiceProtocol {
    static let services: Set<String> = ["", "inference.GRPCInferenceService"]
    let repository: ModelRepository
    /// How often Watch looks at the status for a change.
    var watchInterval = Duration.seconds(1)

    func check(request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard Self.services.contains(request.service) else {
            throw RPCError(code: .notFound, message: "unknown service '\(request.service)' (known: \"\", inference.GRPCInferenceService)")
        }
        let current = await status()
        return .with { $0.status = current }
    }

    /// The current status, then each change, until the client cancels or the server begins to
    /// shut down (a graceful shutdown waits for running calls: an open watch must not hold it up).
    /// An unknown service is answered SERVICE_UNKNOWN and watched all the same (the protocol's rule).
    func watch(request: Grpc_Health_V1_HealthCheckRequest, response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
               context: ServerContext) async throws {
        var last: Grpc_Health_V1_HealthCheckResponse.ServingStatus?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let current = Self.services.contains(request.service) ? await status() : .serviceUnknown
            if current != last {
                try await response.write(.with { $0.status = current })
                last = current
            }
            do { try await Task.sleep(for: watchInterval) } catch { return }
        }
    }

    private func status() async -> Grpc_Health_V1_HealthCheckResponse.ServingStatus {
        await repository.isServerReady() ? .serving : .notServing
    }
}
