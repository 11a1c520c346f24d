import Foundation

/// `Models/<name>/config.json`: what a model takes and returns and how it is batched, in the
/// field names of Triton's JSON model configuration.
///
///     {"name": "cape-fno-advection", "backend": "surrogate", "kind": "rollout1d", "max_batch_size": 64,
///      "input": [{"name": "initial", "data_type": "TYPE_FP32", "dims": [128]}, …],
///      "output": [{"name": "rollout", "data_type": "TYPE_FP32", "dims": [-1, 128]}],
///      "dynamic_batching": {"max_queue_delay_microseconds": 2000, "preferred_batch_size": [16, 64]},
///      "parameters": {"max_steps": "1000"}}
///
/// With `max_batch_size` > 0 the dims exclude the batch dimension, as in Triton; -1 is any size.
public struct ModelConfig: Codable, Sendable, Equatable {
    public struct TensorSpec: Codable, Sendable, Equatable {
        public var name: String
        public var dataType: String
        public var dims: [Int]

        enum CodingKeys: String, CodingKey { case name, dataType = "data_type", dims }

        public var datatype: TensorDatatype? { TensorDatatype(configName: dataType) }
    }

    public struct DynamicBatching: Codable, Sendable, Equatable {
        public var maxQueueDelayMicroseconds: Int
        public var preferredBatchSize: [Int]?

        enum CodingKeys: String, CodingKey {
            case maxQueueDelayMicroseconds = "max_queue_delay_microseconds", preferredBatchSize = "preferred_batch_size"
        }
    }

    public var name: String
    public var backend: String
    /// The model kind that runs it (`rollout1d`).
    public var kind: String
    public var maxBatchSize: Int
    public var input: [TensorSpec]
    public var output: [TensorSpec]
    public var dynamicBatching: DynamicBatching?
    public var parameters: [String: String]?

    enum CodingKeys: String, CodingKey {
        case name, backend, kind, input, output, parameters
        case maxBatchSize = "max_batch_size", dynamicBatching = "dynamic_batching"
    }

    /// Reads and checks `path`; the model folder's name must equal `name`.
    public static func load(path: String, expectedName: String) throws(ServingError) -> ModelConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw .init(.notFound, "\(path) not found") }
        let config: ModelConfig
        do { config = try JSONDecoder().decode(ModelConfig.self, from: data) } catch {
            throw .invalid("\(path): not a valid model configuration (\(error))")
        }
        try config.validate(path: path, expectedName: expectedName)
        return config
    }

    func validate(path: String, expectedName: String) throws(ServingError) {
        func fail(_ reason: String) -> ServingError { .invalid("\(path): \(reason)") }
        guard name == expectedName else { throw fail("name '\(name)' differs from its folder '\(expectedName)'") }
        guard maxBatchSize >= 0 else { throw fail("max_batch_size must be ≥ 0") }
        guard !input.isEmpty, !output.isEmpty else { throw fail("needs at least one input and one output") }
        for spec in input + output {
            guard spec.datatype != nil else { throw fail("tensor '\(spec.name)' has unknown data_type '\(spec.dataType)'") }
            guard spec.dims.allSatisfy({ $0 >= -1 && $0 != 0 }) else { throw fail("tensor '\(spec.name)' has dims \(spec.dims)") }
        }
        let names = (input + output).map(\.name)
        guard Set(names).count == names.count else { throw fail("tensor names repeat: \(names)") }
    }

    /// The full shape of a tensor as the protocol reports it: -1 for the batch dimension first
    /// when the model batches.
    public func protocolShape(_ spec: TensorSpec) -> [Int] { maxBatchSize > 0 ? [-1] + spec.dims : spec.dims }
}
