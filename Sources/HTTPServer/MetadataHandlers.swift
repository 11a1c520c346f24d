import Hummingbird
import Serving

/// `GET v2` (server metadata) and, per model and optional version, metadata, readiness and
/// configuration (`…/config`, the `config.json` as loaded) and statistics (`…/stats`).
struct MetadataHandlers: Sendable {
    let service: InferenceService

    func server() throws(ServingError) -> Response {
        try JSONResponse.object(service.serverMetadata())
    }

    func model(_ context: some RequestContext) async throws(ServingError) -> Response {
        let (name, version) = Self.model(in: context)
        return try JSONResponse.object(try await service.modelMetadata(name, version: version))
    }

    /// 200 when the model (version) is loaded, else 400 with no body; a malformed name is a 400 with its reason.
    func ready(_ context: some RequestContext) async throws(ServingError) -> Response {
        let (name, version) = Self.model(in: context)
        do {
            _ = try await service.repository.resolve(name, version: version)
            return JSONResponse.empty(.ok)
        } catch let error where error.kind == .invalidArgument {
            throw error
        } catch {
            return JSONResponse.empty(.badRequest)
        }
    }

    func config(_ context: some RequestContext) async throws(ServingError) -> Response {
        let (name, version) = Self.model(in: context)
        return try JSONResponse.encoded(try await service.repository.resolve(name, version: version).config)
    }

    /// `…/stats`: the model's (version's) inference statistics.
    func statistics(_ context: some RequestContext) async throws(ServingError) -> Response {
        let (name, version) = Self.model(in: context)
        return try JSONResponse.object(try await service.statisticsJSON(model: name, version: version))
    }

    /// The `model` and optional `version` path parameters.
    static func model(in context: some RequestContext) -> (name: String, version: String?) {
        (context.parameters.get("model") ?? "", context.parameters.get("version"))
    }
}
