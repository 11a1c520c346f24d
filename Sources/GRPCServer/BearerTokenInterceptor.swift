import GRPCCore
import Serving

/// Refuses every RPC but the health checks (ServerLive, ServerReady and the standard
/// `grpc.health.v1.Health` service) without metadata `authorization: Bearer <token>`, with
/// status UNAUTHENTICATED.
struct BearerTokenInterceptor: ServerInterceptor {
    static let openMethods: Set<String> = ["inference.GRPCInferenceService/ServerLive", "inference.GRPCInferenceService/ServerReady",
                                           "grpc.health.v1.Health/Check", "grpc.health.v1.Health/Watch"]
    let token: BearerToken

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>, context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        if Self.openMethods.contains(context.descriptor.fullyQualifiedMethod) { return try await next(request, context) }
        let header = request.metadata[stringValues: "authorization"].first(where: { _ in true })
        guard token.accepts(authorization: header) else {
            throw RPCError(code: .unauthenticated, message: BearerToken.refusal)
        }
        return try await next(request, context)
    }
}
