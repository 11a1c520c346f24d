import Foundation
import TensorCore
import Training

/// An autoregressive 1-D surrogate served as `rollout1d`: inputs `initial` FP32 [B, nx], `parameters`
/// FP32 [B, p] and `steps` INT32 [B, 1] (one value for the whole batch), output `rollout`
/// FP32 [B, steps, nx].
struct RolloutServable: ServableModel {
    let model: AnyRolloutModel
    let maximumSteps: Int

    init(config: ModelConfig, directory: URL) throws(ServingError) {
        do { model = try OperatorRegistry.rolloutModel(modelDirectory: directory.path) } catch {
            throw .invalid("model '\(config.name)' version \(directory.lastPathComponent): \(error)")
        }
        guard model.fields == 1 else { throw .invalid("model '\(config.name)': rollout1d serves single-field models") }
        maximumSteps = config.parameters?["max_steps"].flatMap(Int.init) ?? 1000
    }

    /// Requests batch together when their grids, parameter counts and step counts agree.
    func batchingKey(_ inputs: [String: InferenceTensor]) -> String? {
        guard let steps = inputs["steps"], steps.datatype == .int32, steps.shape.count == 2 else { return nil }
        let counts = Set(steps.values(as: Int32.self))
        guard counts.count == 1, let count = counts.first else { return nil }
        return Self.shapeKey(inputs) + ";steps=\(count)"
    }

    /// Values computed (batch × steps × points) up to which a request counts as quick: 2048 is
    /// about 4 ms of the shipped CAPE-FNO (one 128-point step of one sample: 0.23 ms).
    static let quickValues = 2048

    func isQuick(_ inputs: [String: InferenceTensor]) -> Bool {
        guard let initial = inputs["initial"], initial.shape.count == 2, let steps = inputs["steps"], steps.datatype == .int32,
              let count = steps.values(as: Int32.self).max() else { return false }
        let (values, overflow) = initial.shape[0].multipliedReportingOverflow(by: initial.shape[1] * Int(max(count, 1)))
        return !overflow && values <= Self.quickValues
    }

    func infer(_ inputs: [String: InferenceTensor], config: ModelConfig) throws(ServingError) -> [InferenceTensor] {
        guard let initial = inputs["initial"], let lambda = inputs["parameters"], let steps = inputs["steps"] else {
            throw .invalid("model '\(config.name)' needs the inputs initial, parameters and steps")
        }
        guard initial.shape.count == 2, initial.datatype == .fp32 else { throw .invalid("input 'initial' must be FP32 [batch, nx]") }
        let (batch, points) = (initial.shape[0], initial.shape[1])
        guard lambda.datatype == .fp32, lambda.shape == [batch, model.parameterCount] else {
            throw .invalid("input 'parameters' must be FP32 [\(batch), \(model.parameterCount)], got \(lambda.datatype.rawValue) \(lambda.shape)")
        }
        guard steps.datatype == .int32, steps.shape == [1] || steps.shape == [batch, 1] else {
            throw .invalid("input 'steps' must be INT32 [\(batch), 1] or [1], got \(steps.datatype.rawValue) \(steps.shape)")
        }
        let counts = Set(steps.values(as: Int32.self))
        guard counts.count == 1, let count = counts.first, count >= 1, count <= maximumSteps else {
            throw .invalid("input 'steps' must hold one value in 1…\(maximumSteps) for the whole batch, got \(counts.sorted())")
        }
        if let reason = model.unsupportedLength(points) { throw .invalid("input 'initial': \(reason)") }
        let fields = initial.values(as: Float.self), parameters = lambda.values(as: Float.self)
        guard fields.allSatisfy(\.isFinite), parameters.allSatisfy(\.isFinite) else {
            throw .invalid("inputs 'initial' and 'parameters' must be finite")
        }
        let result = model.rollout(Tensor(shape: [batch, 1, points], scalars: fields),
                                   Tensor(shape: [batch, model.parameterCount], scalars: parameters), Int(count))
        return [InferenceTensor(name: "rollout", shape: [batch, Int(count), points], floats: result.scalars)]
    }
}
