import Foundation
import HTTPTypes
import Hummingbird
import Serving

/// The Open Inference Protocol REST routes (SERVING.md §1.1, §1.5) over an `InferenceService`:
/// health, server and model metadata, model readiness and configuration, inference, and the
/// model repository and statistics extensions. Errors answer `{"error": "…"}`; unknown routes are 404.
public struct InferenceRoutes: Sendable {
    public let service: InferenceService
    public let limits: RequestLimits
    /// With a token, every route but health needs `Authorization: Bearer <token>`.
    public let token: BearerToken?

    public init(service: InferenceService, limits: RequestLimits = .init(), token: BearerToken? = nil) {
        (self.service, self.limits, self.token) = (service, limits, token)
    }

    /// The Prometheus metrics route (`GET /metrics`), served on its own port.
    public func metricsRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorBodyMiddleware(repository: service.repository))
        if let token { router.add(middleware: BearerTokenMiddleware(token: token, openPrefix: nil)) }
        router.get("metrics") { _, _ in
            let statistics = service.repository.statistics
            let text = MetricsExposition.render(statistics.snapshot(), pending: statistics.pending)
            return JSONResponse.bytes(Data(text.utf8), headers: [.contentType: MetricsExposition.contentType])
        }
        return router
    }

    /// A router holding every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorBodyMiddleware(repository: service.repository))
        if let token { router.add(middleware: BearerTokenMiddleware(token: token, openPrefix: "/v2/health/")) }

        let health = HealthHandlers(repository: service.repository)
        router.get("v2/health/live") { _, _ in health.live() }
        router.get("v2/health/ready") { _, _ in await health.ready() }
        for path: RouterPath in ["v2/health/live", "v2/health/ready"] {
            for method: HTTPRequest.Method in [.post, .put, .delete, .patch] {
                router.on(path, method: method) { _, _ in health.methodNotAllowed() }
            }
        }

        let metadata = MetadataHandlers(service: service)
        let infer = InferHandler(service: service, limits: limits)
        router.get("v2") { _, _ in try metadata.server() }
        for model in ["v2/models/:model", "v2/models/:model/versions/:version"] {
            router.get(RouterPath(model)) { _, context in try await metadata.model(context) }
            router.get(RouterPath(model + "/ready")) { _, context in try await metadata.ready(context) }
            router.get(RouterPath(model + "/config")) { _, context in try await metadata.config(context) }
            router.post(RouterPath(model + "/infer")) { request, context in try await infer.respond(to: request, context: context) }
            router.get(RouterPath(model + "/stats")) { _, context in try await metadata.statistics(context) }
        }
        router.get("v2/models/stats") { _, _ in try JSONResponse.object(try await service.statisticsJSON(model: nil, version: nil)) }

        let repository = RepositoryHandlers(repository: service.repository)
        router.post("v2/repository/index") { request, _ in try await repository.index(request) }
        router.post("v2/repository/models/:model/load") { request, context in try await repository.load(request, context: context) }
        router.post("v2/repository/models/:model/unload") { request, context in try await repository.unload(request, context: context) }
        return router
    }
}
