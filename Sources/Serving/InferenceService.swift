import Dispatch
import Foundation

/// What every transport (HTTP, gRPC, Unix socket) asks of the server, independent of the wire:
/// request validation against the model configuration, inference and metadata.
public struct InferenceService: Sendable {
    public static let serverName = "surrogate"
    public static let serverVersion = "0.1.0"
    /// The protocol extensions implemented, listed exactly (SERVING.md §1.5).
    public static let extensions = ["binary_tensor_data", "model_repository", "model_configuration", "statistics"]

    public let repository: ModelRepository
    public let scheduling: SchedulingPolicy

    public init(repository: ModelRepository, scheduling: SchedulingPolicy = .init()) {
        (self.repository, self.scheduling) = (repository, scheduling)
    }

    /// Runs `request` on model `name` (version `version`, or the newest): admitted only while
    /// fewer than `scheduling.maximumPendingRequests` wait (else UNAVAILABLE, HTTP 503), checked
    /// against the configuration, then queued on the model's scheduler until its deadline.
    public func infer(model name: String, version: String?, request: InferenceRequest) async throws(ServingError) -> InferenceResponse {
        let statistics = repository.statistics
        guard statistics.admit(limit: scheduling.maximumPendingRequests) else {
            throw .init(.unavailable, "the server is busy: \(scheduling.maximumPendingRequests) requests are already pending; retry later")
        }
        defer { statistics.release() }
        let start = DispatchTime.now().uptimeNanoseconds
        let (config, number, instance) = try await repository.resolve(name, version: version)
        do {
            let inputs = try Self.checkedInputs(request, config: config, model: name)
            let batchSize = try Self.batchSize(inputs, config: config)
            let deadline = try scheduling.deadline(for: request, from: start)
            let alone = statistics.pending == 1 && instance.model.isQuick(inputs)
            var outputs = try await instance.run(inputs, batchSize: batchSize, deadline: deadline, onCaller: alone).get()
            if !request.outputs.isEmpty { outputs = outputs.filter { output in request.outputs.contains { $0.name == output.name } } }
            statistics.recordRequest(name: name, version: "\(number)", succeeded: true, batchSize: batchSize,
                                     nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            return InferenceResponse(modelName: name, modelVersion: "\(number)", id: request.id, outputs: outputs)
        } catch {
            statistics.recordRequest(name: name, version: "\(number)", succeeded: false, batchSize: 0,
                                     nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            throw error
        }
    }

    /// The request's inputs by name, each checked against the configuration; every input present
    /// and every requested output known.
    static func checkedInputs(_ request: InferenceRequest, config: ModelConfig, model name: String) throws(ServingError) -> [String: InferenceTensor] {
        var inputs = [String: InferenceTensor]()
        for tensor in request.inputs {
            guard let spec = config.input.first(where: { $0.name == tensor.name }) else {
                throw .invalid("model '\(name)' has no input '\(tensor.name)' (inputs: \(config.input.map(\.name).joined(separator: ", ")))")
            }
            guard inputs[tensor.name] == nil else { throw .invalid("input '\(tensor.name)' is given twice") }
            try Self.check(tensor, against: spec, config: config)
            inputs[tensor.name] = tensor
        }
        for spec in config.input where inputs[spec.name] == nil { throw .invalid("model '\(name)' needs input '\(spec.name)'") }
        for output in request.outputs where !config.output.contains(where: { $0.name == output.name }) {
            throw .invalid("model '\(name)' has no output '\(output.name)'")
        }
        return inputs
    }

    /// The batch size all inputs share (1 for a model that does not batch).
    static func batchSize(_ inputs: [String: InferenceTensor], config: ModelConfig) throws(ServingError) -> Int {
        guard config.maxBatchSize > 0 else { return 1 }
        let sizes = Set(inputs.values.map { $0.shape[0] })
        guard sizes.count == 1, let size = sizes.first else {
            throw .invalid("inputs disagree on the batch size (first dimension): \(inputs.keys.sorted().map { "\($0) \(inputs[$0]!.shape)" }.joined(separator: ", "))")
        }
        return size
    }

    /// Datatype and shape of `tensor` against the configuration (batch dimension first when
    /// the model batches, at most `max_batch_size`).
    static func check(_ tensor: InferenceTensor, against spec: ModelConfig.TensorSpec, config: ModelConfig) throws(ServingError) {
        guard tensor.datatype == spec.datatype else {
            throw .invalid("input '\(tensor.name)' has datatype \(tensor.datatype.rawValue), the model expects \(spec.datatype!.rawValue)")
        }
        var dims = tensor.shape[...]
        if config.maxBatchSize > 0 {
            guard let batch = dims.first, batch >= 1, batch <= config.maxBatchSize else {
                throw .invalid("input '\(tensor.name)': batch size must be 1…\(config.maxBatchSize), shape \(tensor.shape)")
            }
            dims = dims.dropFirst()
        }
        guard dims.count == spec.dims.count, zip(dims, spec.dims).allSatisfy({ $1 == -1 || $0 == $1 }) else {
            throw .invalid("input '\(tensor.name)' has shape \(tensor.shape), the model expects \(config.protocolShape(spec))")
        }
    }

    /// `GET v2`: name, version and extensions.
    public func serverMetadata() -> [String: Any] {
        ["name": Self.serverName, "version": Self.serverVersion, "extensions": Self.extensions]
    }

    /// `GET v2/models/<name>[/versions/<v>]`.
    public func modelMetadata(_ name: String, version: String?) async throws(ServingError) -> [String: Any] {
        let (config, _, _) = try await repository.resolve(name, version: version)
        let versions = await repository.index().filter { $0.name == name && $0.state == "READY" }.map(\.version)
        func describe(_ specs: [ModelConfig.TensorSpec]) -> [[String: Any]] {
            specs.map { ["name": $0.name, "datatype": $0.datatype!.rawValue, "shape": config.protocolShape($0)] }
        }
        return ["name": name, "versions": versions, "platform": config.backend + "_" + config.kind,
                "inputs": describe(config.input), "outputs": describe(config.output)]
    }
}
