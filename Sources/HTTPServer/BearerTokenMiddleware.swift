import HTTPTypes
import Hummingbird
import Serving

/// Refuses requests without `Authorization: Bearer <token>` with 401 and `{"error": …}`,
/// except under `openPrefix` (the health endpoints, which load balancers probe unauthenticated).
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: BearerToken
    let openPrefix: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let openPrefix, request.uri.path.hasPrefix(openPrefix) { return try await next(request, context) }
        guard token.accepts(authorization: request.headers[.authorization]) else {
            var response = JSONResponse.error(BearerToken.refusal, status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}
