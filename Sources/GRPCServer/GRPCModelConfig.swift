import InferenceProtocol
import Serving

/// `config.json` as Triton's `ModelConfig` message (what tritonclient's `get_model_config` reads).
enum GRPCModelConfig {
    static func message(_ config: ModelConfig) -> Inference_ModelConfig {
        .with { message in
            message.name = config.name
            message.backend = config.backend
            message.platform = config.backend + "_" + config.kind
            message.maxBatchSize = Int32(clamping: config.maxBatchSize)
            message.input = config.input.map { spec in
                .with {
                    $0.name = spec.name
                    $0.dataType = dataType(spec.datatype!)
                    $0.dims = spec.dims.map(Int64.init)
                }
            }
            message.output = config.output.map { spec in
                .with {
                    $0.name = spec.name
                    $0.dataType = dataType(spec.datatype!)
                    $0.dims = spec.dims.map(Int64.init)
                }
            }
            if let batching = config.dynamicBatching {
                message.dynamicBatching = .with {
                    $0.maxQueueDelayMicroseconds = UInt64(max(0, batching.maxQueueDelayMicroseconds))
                    $0.preferredBatchSize = (batching.preferredBatchSize ?? []).map { Int32(clamping: $0) }
                }
            }
            message.parameters = (config.parameters ?? [:]).mapValues { value in .with { $0.stringValue = value } }
        }
    }

    static func dataType(_ datatype: TensorDatatype) -> Inference_DataType {
        switch datatype {
        case .bool: .typeBool
        case .uint8: .typeUint8
        case .uint16: .typeUint16
        case .uint32: .typeUint32
        case .uint64: .typeUint64
        case .int8: .typeInt8
        case .int16: .typeInt16
        case .int32: .typeInt32
        case .int64: .typeInt64
        case .fp16: .typeFp16
        case .bf16: .typeBf16
        case .fp32: .typeFp32
        case .fp64: .typeFp64
        case .bytes: .typeString
        }
    }
}

/// Inference statistics as Triton's `ModelStatistics` message.
enum GRPCModelStatistics {
    static func message(_ model: InferenceStatistics.Model) -> Inference_ModelStatistics {
        func duration(_ d: InferenceStatistics.Duration) -> Inference_StatisticDuration {
            .with {
                $0.count = d.count
                $0.ns = d.nanoseconds
            }
        }
        return .with { message in
            message.name = model.name
            message.version = model.version
            message.lastInference = model.lastInference
            message.inferenceCount = model.inferenceCount
            message.executionCount = model.executionCount
            message.inferenceStats = .with {
                $0.success = duration(model.success)
                $0.fail = duration(model.fail)
                $0.queue = duration(model.queue)
                $0.computeInput = duration(model.computeInput)
                $0.computeInfer = duration(model.computeInfer)
                $0.computeOutput = duration(model.computeOutput)
            }
            message.batchStats = model.batches.keys.sorted().map { size in
                let entry = model.batches[size]!
                return .with {
                    $0.batchSize = UInt64(size)
                    $0.computeInput = duration(entry.computeInput)
                    $0.computeInfer = duration(entry.computeInfer)
                    $0.computeOutput = duration(entry.computeOutput)
                }
            }
        }
    }
}
