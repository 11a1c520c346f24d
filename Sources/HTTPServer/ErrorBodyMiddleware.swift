import HTTPTypes
import Hummingbird
import Logging
import Serving

/// Answers every failure below it with `{"error": "…"}`: a `ServingError` with its mapped status,
/// Hummingbird's own errors (an unknown route is 404) with theirs, anything else with 500.
/// Paths inside the model repository are shown relative to it.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    let repository: ModelRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServingError {
            let root = repository.root.path
            return JSONResponse.error(ServingError(error.kind, PathRedaction.apply(error.message, root: root)))
        } catch let error as HTTPError {
            let path = String(request.uri.path.prefix(200))
            let message = error.body ?? (error.status == .notFound ? "no route \(request.method) \(path)" : error.status.reasonPhrase)
            return JSONResponse.error(message, status: error.status)
        } catch {
            context.logger.error("request \(request.method) \(request.uri.path.prefix(200)) failed: \(error)")
            return JSONResponse.error("internal error", status: .internalServerError)
        }
    }
}
