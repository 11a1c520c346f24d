import Foundation
import Hummingbird
import Serving

/// The model repository extension: `POST v2/repository/index` and
/// `POST v2/repository/models/<m>/load|unload` (models come from the repository folder only).
struct RepositoryHandlers: Sendable {
    let repository: ModelRepository

    /// `[{name, version, state, reason}]`, only the ready ones for `{"ready": true}`.
    func index(_ request: Request) async throws(ServingError) -> Response {
        let body = try await Self.jsonObject(request)
        let readyOnly: Bool
        switch body["ready"] {
        case nil: readyOnly = false
        case let flag as NSNumber where flag.isJSONBoolean: readyOnly = flag.boolValue
        default: throw .invalid("'ready' must be a boolean")
        }
        let entries = await repository.index().filter { !readyOnly || $0.state == "READY" }
        let root = repository.root.path
        return try JSONResponse.object(entries.map {
            ["name": $0.name, "version": $0.version, "state": $0.state, "reason": PathRedaction.apply($0.reason, root: root)]
        })
    }

    /// Loads or reloads a model from its folder; a failed reload keeps the old model serving.
    func load(_ request: Request, context: some RequestContext) async throws(ServingError) -> Response {
        let parameters = try await Self.jsonObject(request)["parameters"] as? [String: Any] ?? [:]
        if let name = parameters.keys.sorted().first {
            throw ServingError(.unsupported, "load parameter '\(name.prefix(64))' is not supported: models load from the repository folder")
        }
        try await repository.load(context.parameters.get("model") ?? "")
        return JSONResponse.empty(.ok)
    }

    /// Stops serving a model; requests already running finish.
    func unload(_ request: Request, context: some RequestContext) async throws(ServingError) -> Response {
        _ = try await Self.jsonObject(request)
        try await repository.unload(context.parameters.get("model") ?? "")
        return JSONResponse.empty(.ok)
    }

    /// The optional JSON object body of a repository request (empty when there is none).
    static func jsonObject(_ request: Request) async throws(ServingError) -> [String: Any] {
        let body = try await RequestBodyReader.collect(request, limit: 1 << 20)
        guard !body.isEmpty else { return [:] }
        try JSONDepth.check(body, limit: RequestLimits().maximumJSONDepth)
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw .invalid("request body is not a JSON object")
        }
        return object
    }
}
