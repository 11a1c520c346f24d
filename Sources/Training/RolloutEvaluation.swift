import DatasetIO
import Foundation
import ModelStore
import NeuralNetworks
import NeuralOperators
import TensorCore

/// A trained autoregressive model applied to PDEBench files: fully autoregressive rollouts from
/// each trajectory's first frame, scored with the PDEBench metrics per file (one parameter
/// value per file), at the resolution the model was trained on.
public struct RolloutEvaluation {
    public typealias Row = EvaluationRow

    public let model: AnyRolloutModel
    public var metadata: [String: String] { model.metadata }
    public var timeStride: Int { metadata["time_stride"].flatMap(Int.init) ?? 1 }
    public var spaceStride: Int { metadata["space_stride"].flatMap(Int.init) ?? 1 }
    public var parameterNames: [String] { metadata["parameter_names"]?.split(separator: ",").map(String.init) ?? [] }

    /// Loads the model saved in `modelDirectory`, whatever its base operator.
    public init(modelDirectory: String) throws {
        model = try OperatorRegistry.rolloutModel(modelDirectory: modelDirectory)
    }

    /// Rollouts `[N, T − 1, c, X]` of `fields` `[N, T, c, X]` from their first frames, in batches
    /// of `batchSize` through `rollout` (initial frames, parameters, steps).
    public static func rollout(fields: Tensor<Float>, pdeParameters: Tensor<Float>, batchSize: Int = 64,
                               _ rollout: (Tensor<Float>, Tensor<Float>, Int) -> Tensor<Float>) -> Tensor<Float> {
        let (count, steps) = (fields.shape[0], fields.shape[1] - 1)
        let parts = stride(from: 0, to: count, by: batchSize).map { start in
            let range = start..<min(start + batchSize, count)
            return rollout(fields.sliced(axis: 0, range).sliced(axis: 1, 0..<1).squeezed(axis: 1),
                           pdeParameters.sliced(axis: 0, range), steps)
        }
        return Tensor.concatenate(parts, axis: 0)
    }

    /// Scores the model on `split` of the file at `path`; also returns truth and prediction
    /// `[N, T − 1, c, X]` for pictures, and writes the rollouts as a PDEBench file at
    /// `predictionsPath` when given.
    public func evaluate(path: String, split: DataSplit = .all,
                         predictionsPath: String? = nil) throws -> (row: Row, truth: Tensor<Float>, prediction: Tensor<Float>) {
        let file = try SimulationDataset(path: path)
        let names = file.parameters.map(\.name)
        guard names == parameterNames else {
            throw TrainingError.incompatibleData(path: path, reason: "has parameters \(names); the model was trained on \(parameterNames)")
        }
        let range = file.samples(in: split)
        guard !range.isEmpty else { throw TrainingError.incompatibleData(path: path, reason: "has no samples in the \(split) split") }
        let fields = try file.read(samples: range, timeStride: timeStride, spaceStride: spaceStride)
        guard fields.shape[2] == model.fields, fields.shape[1] >= 2 else {
            throw TrainingError.incompatibleData(path: path, reason: "trajectories \(Array(fields.shape.dropFirst())) do not fit a model of "
                + "\(model.fields) field(s)")
        }
        if let reason = model.unsupportedLength(fields.shape[3]) { throw TrainingError.incompatibleData(path: path, reason: reason) }
        let values = file.parameters.map(\.value)
        let lambda = Tensor<Float>(shape: [1, values.count], scalars: values.map(Float.init)).expanded(to: [range.count, values.count])
        let prediction = Self.rollout(fields: fields, pdeParameters: lambda.copied(), model.rollout)
        let truth = fields.sliced(axis: 1, 1..<fields.shape[1]).copied()
        if let predictionsPath {
            try writePredictions(first: fields.sliced(axis: 1, 0..<1), prediction: prediction, source: file, to: predictionsPath)
        }
        let metrics = PDEBenchMetrics(prediction: prediction, truth: truth, domainLength: file.domainLength)
        let trained = metadata["trained_parameters"]?.split(separator: ";").map { $0.split(separator: ",").compactMap { Double($0) } } ?? []
        let row = Row(file: URL(fileURLWithPath: path).lastPathComponent,
                      parameters: Dictionary(uniqueKeysWithValues: file.parameters.map { ($0.name, $0.value) }),
                      seen: trained.contains(values), extrapolated: Self.isOutside(values, of: trained), samples: range.count, rmse: metrics.rmse, nRMSE: metrics.nRMSE,
                      cRMSE: metrics.cRMSE, bRMSE: metrics.bRMSE, maxError: metrics.maxError,
                      fRMSELow: metrics.fRMSELow, fRMSEMid: metrics.fRMSEMid, fRMSEHigh: metrics.fRMSEHigh)
        return (row, truth, prediction)
    }

    /// Whether any of `values` lies outside the range of that parameter's `trained` values
    /// (nil when the model does not record them).
    public static func isOutside(_ values: [Double], of trained: [[Double]]) -> Bool? {
        guard !trained.isEmpty, trained.allSatisfy({ $0.count == values.count }) else { return nil }
        return values.indices.contains { index in
            let column = trained.map { $0[index] }
            return values[index] < column.min()! || values[index] > column.max()!
        }
    }
}
