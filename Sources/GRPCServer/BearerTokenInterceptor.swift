import GRPCCore
import InferenceProtocol
import Serving

/// Refuses every RPC but the health checks (ServerLive, ServerReady and the standard
/// `grpc.health.v1.Health` service) without metadata `authorization: Bearer <token>`, with
/// status UNAUTHENTICATED.
struct BearerTokenInterceptor: ServerInterceptor {
    static let openMethods: Set<MethodDescriptor> = [
        Inference_GRPCInferenceService.Method.ServerLive.descriptor, Inference_GRPCInferenceService.Method.ServerReady.descriptor,
        Grpc_Health_V1_Health.Method.Check.descriptor, Grpc_Health_V1_Health.Method.Watch.descriptor,
    ]
    let token: BearerToken

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>, context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        if Self.openMethods.contains(context.descriptor) { return try await next(request, context) }
        let header = request.metadata[stringValues: "authorization"].first(where: { _ in true })
        guard token.accepts(authorization: header) else {
            throw RPCError(code: .unauthenticated, message: BearerToken.refusal)
        }
        return try await next(request, context)
    }
}
