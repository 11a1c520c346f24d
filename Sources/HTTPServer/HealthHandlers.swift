import Hummingbird
import Serving

/// `GET v2/health/live` and `v2/health/ready`: 200 or 400 with an empty body, as Triton answers.
struct HealthHandlers: Sendable {
    let repository: ModelRepository

    /// The process answers, so it is live.
    func live() -> Response { JSONResponse.empty(.ok) }

    /// Ready when every model of the repository folder is loaded (Triton's strict readiness).
    func ready() async -> Response {
        JSONResponse.empty(await repository.isServerReady() ? .ok : .badRequest)
    }

    /// Any other method on a health endpoint.
    func methodNotAllowed() -> Response { JSONResponse.empty(.methodNotAllowed) }
}
