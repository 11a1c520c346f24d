import Foundation
import GRPCCore
import InferenceProtocol
import Serving

/// Triton's `inference.GRPCInferenceService` over an `InferenceService`: the same requests,
/// checks and answers as the HTTP routes; `ServingError`s become gRPC status codes.
struct InferenceGRPCService: Inference_GRPCInferenceService.SimpleServiceProtocol {
    let service: InferenceService
    let limits: RequestLimits

    func serverLive(request: Inference_ServerLiveRequest, context: ServerContext) async throws -> Inference_ServerLiveResponse {
        .with { $0.live = true }
    }

    func serverReady(request: Inference_ServerReadyRequest, context: ServerContext) async throws -> Inference_ServerReadyResponse {
        let ready = await service.repository.isServerReady()
        return .with { $0.ready = ready }
    }

    func modelReady(request: Inference_ModelReadyRequest, context: ServerContext) async throws -> Inference_ModelReadyResponse {
        let ready = try await answer { () async throws(ServingError) in
            do throws(ServingError) {
                _ = try await service.repository.resolve(request.name, version: Self.version(request.version))
                return true
            } catch {
                if error.kind == .invalidArgument { throw error }
                return false
            }
        }
        return .with { $0.ready = ready }
    }

    func serverMetadata(request: Inference_ServerMetadataRequest, context: ServerContext) async throws -> Inference_ServerMetadataResponse {
        .with {
            $0.name = InferenceService.serverName
            $0.version = InferenceService.serverVersion
            $0.extensions = InferenceService.extensions
        }
    }

    func modelMetadata(request: Inference_ModelMetadataRequest, context: ServerContext) async throws -> Inference_ModelMetadataResponse {
        try await answer { () async throws(ServingError) in
            let (config, _, _) = try await service.repository.resolve(request.name, version: Self.version(request.version))
            let versions = await service.repository.index().filter { $0.name == request.name && $0.state == "READY" }.map(\.version)
            func describe(_ specs: [ModelConfig.TensorSpec]) -> [Inference_ModelMetadataResponse.TensorMetadata] {
                specs.map { spec in
                    .with {
                        $0.name = spec.name
                        $0.datatype = spec.datatype!.rawValue
                        $0.shape = config.protocolShape(spec).map(Int64.init)
                    }
                }
            }
            return .with {
                $0.name = request.name
                $0.versions = versions
                $0.platform = config.backend + "_" + config.kind
                $0.inputs = describe(config.input)
                $0.outputs = describe(config.output)
            }
        }
    }

    func modelInfer(request: Inference_ModelInferRequest, context: ServerContext) async throws -> Inference_ModelInferResponse {
        try await answer { () async throws(ServingError) in try await infer(request) }
    }

    /// Each request of the stream in turn; a failed one answers with `error_message` and the
    /// stream goes on, as in Triton.
    func modelStreamInfer(request: RPCAsyncSequence<Inference_ModelInferRequest, any Error>,
                          response: RPCWriter<Inference_ModelStreamInferResponse>, context: ServerContext) async throws {
        for try await message in request {
            do {
                let answer = try await infer(message)
                try await response.write(.with { $0.inferResponse = answer })
            } catch let error as ServingError {
                try await response.write(.with { $0.errorMessage = PathRedaction.apply(error.message, root: service.repository.root.path) })
            }
        }
    }

    func modelConfig(request: Inference_ModelConfigRequest, context: ServerContext) async throws -> Inference_ModelConfigResponse {
        try await answer { () async throws(ServingError) in
            let (config, _, _) = try await service.repository.resolve(request.name, version: Self.version(request.version))
            return .with { $0.config = GRPCModelConfig.message(config) }
        }
    }

    func modelStatistics(request: Inference_ModelStatisticsRequest, context: ServerContext) async throws -> Inference_ModelStatisticsResponse {
        try await answer { () async throws(ServingError) in
            let models = try await service.statistics(model: request.name.isEmpty ? nil : request.name, version: Self.version(request.version))
            return .with { $0.modelStats = models.map(GRPCModelStatistics.message) }
        }
    }

    func repositoryIndex(request: Inference_RepositoryIndexRequest, context: ServerContext) async throws -> Inference_RepositoryIndexResponse {
        let entries = await service.repository.index().filter { !request.ready || $0.state == "READY" }
        return .with {
            $0.models = entries.map { entry in
                .with {
                    $0.name = entry.name
                    $0.version = entry.version
                    $0.state = entry.state
                    $0.reason = entry.reason
                }
            }
        }
    }

    func repositoryModelLoad(request: Inference_RepositoryModelLoadRequest, context: ServerContext) async throws -> Inference_RepositoryModelLoadResponse {
        try await answer { () async throws(ServingError) in
            guard request.parameters.isEmpty else {
                throw ServingError(.unsupported, "load parameters (config, file:) are not supported: edit the model folder and load it")
            }
            try await service.repository.load(request.modelName)
            return Inference_RepositoryModelLoadResponse()
        }
    }

    func repositoryModelUnload(request: Inference_RepositoryModelUnloadRequest, context: ServerContext) async throws -> Inference_RepositoryModelUnloadResponse {
        try await answer { () async throws(ServingError) in
            try await service.repository.unload(request.modelName)
            return Inference_RepositoryModelUnloadResponse()
        }
    }

    private func infer(_ message: Inference_ModelInferRequest) async throws(ServingError) -> Inference_ModelInferResponse {
        let request = try GRPCInferenceCodec.request(message, limits: limits)
        let result = try await service.infer(model: message.modelName, version: Self.version(message.modelVersion), request: request)
        return GRPCInferenceCodec.response(result)
    }

    /// An empty version string means the newest.
    static func version(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// Runs `body`, turning a `ServingError` into the matching `RPCError` (repository paths
    /// shown relative to it).
    func answer<T>(_ body: () async throws(ServingError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw RPCError(code: Self.code(of: error), message: PathRedaction.apply(error.message, root: service.repository.root.path))
        }
    }

    /// Triton's mapping: INVALID_ARG, NOT_FOUND, UNAVAILABLE, UNIMPLEMENTED, INTERNAL.
    static func code(of error: ServingError) -> RPCError.Code {
        switch error.kind {
        case .invalidArgument: .invalidArgument
        case .notFound: .notFound
        case .unavailable: .unavailable
        case .unsupported: .unimplemented
        case .internal: .internalError
        }
    }
}
