import DatasetIO
import Foundation
import TensorCore

/// The trajectories of several PDEBench files with their PDE parameters, in memory, split into
/// training and validation: `[N, T, c, X]` fields and `[N, p]` parameters.
///
/// Every file must have the same channels, grid, frame count and parameter names (one value
/// vector per file, read from its attributes); the fields must be finite. Each file's last
/// `validationFraction` of trajectories is held out for validation.
public struct TrajectoryCorpus: Sendable {
    public struct Split: Sendable {
        public var fields: Tensor<Float>
        public var parameters: Tensor<Float>
        public var count: Int { fields.shape[0] }

        public init(fields: Tensor<Float>, parameters: Tensor<Float>) {
            precondition(fields.rank == 4 && parameters.rank == 2 && parameters.shape[0] == fields.shape[0],
                         "a split is fields [N, T, c, X] with parameters [N, p], got \(fields.shape) and \(parameters.shape)")
            (self.fields, self.parameters) = (fields, parameters)
        }
    }

    /// A corpus from tensors already in memory.
    public init(training: Split, validation: Split, parameterNames: [String], fileParameters: [[Double]] = []) {
        (self.training, self.validation, self.parameterNames, self.fileParameters) =
            (training, validation, parameterNames, fileParameters)
    }

    public var training: Split
    public var validation: Split
    public var parameterNames: [String]
    /// Each file's parameter values, in the order of `data.files`.
    public var fileParameters: [[Double]]
    /// Frames per trajectory and points per field after striding.
    public var frames: Int { training.fields.shape[1] }
    public var points: Int { training.fields.shape[3] }
    public var channels: Int { training.fields.shape[2] }

    public init(_ data: TrainingConfiguration.Data, requireParameters: Bool) throws {
        var trainingFields = [Tensor<Float>](), validationFields = [Tensor<Float>]()
        var trainingParameters = [Tensor<Float>](), validationParameters = [Tensor<Float>]()
        var reference: (path: String, shape: [Int], names: [String])?
        fileParameters = []
        for path in data.files {
            let file = try SimulationDataset(path: path)
            guard file.spatialShape.count == 1 else {
                throw TrainingError.incompatibleData(path: path, reason: "has \(file.spatialShape.count) spatial axes; fno1d needs 1")
            }
            let names = file.parameters.map(\.name)
            if requireParameters, names.isEmpty {
                throw TrainingError.incompatibleData(path: path, reason: "has no PDE parameter attributes (beta, Nu, rho, … or "
                    + "parameter_names); a conditioned model needs them")
            }
            let count = min(file.sampleCount, data.samplesPerFile ?? .max)
            let shape = file.outputShape(samples: 1, timeStride: data.timeStride, spaceStride: data.spaceStride)
            if let reference {
                guard shape == reference.shape else {
                    throw TrainingError.incompatibleData(path: path, reason: "trajectories are \(shape.dropFirst()) [T, c, X] after "
                        + "striding but \(reference.path) has \(reference.shape.dropFirst())")
                }
                guard names == reference.names else {
                    throw TrainingError.incompatibleData(path: path, reason: "parameters \(names) differ from \(reference.names) of \(reference.path)")
                }
            } else {
                guard shape[1] >= 2 else { throw TrainingError.incompatibleData(path: path, reason: "needs at least 2 frames after striding") }
                reference = (path, shape, names)
            }
            let fields = try file.read(samples: 0..<count, timeStride: data.timeStride, spaceStride: data.spaceStride)
            if let bad = fields.scalars.firstIndex(where: { !$0.isFinite }) {
                throw TrainingError.incompatibleData(path: path, reason: "value \(fields.scalars[bad]) at sample "
                    + "\(bad / (fields.count / count)) is not finite")
            }
            let values = file.parameters.map(\.value)
            fileParameters.append(values)
            let held = Int((Double(count) * data.validationFraction).rounded())
            guard count - held >= 1 else { throw TrainingError.incompatibleData(path: path, reason: "no trajectories left for training") }
            let lambda = Tensor<Float>(shape: [1, values.count], scalars: values.map(Float.init))
            trainingFields.append(fields.sliced(axis: 0, 0..<(count - held)))
            trainingParameters.append(lambda.expanded(to: [count - held, values.count]))
            if held > 0 {
                validationFields.append(fields.sliced(axis: 0, (count - held)..<count))
                validationParameters.append(lambda.expanded(to: [held, values.count]))
            }
        }
        parameterNames = reference!.names
        func join(_ parts: [Tensor<Float>], _ empty: [Int]) -> Tensor<Float> {
            parts.isEmpty ? .zeros(empty) : Tensor.concatenate(parts, axis: 0).copied()
        }
        let frameShape = Array(reference!.shape.dropFirst())
        training = Split(fields: join(trainingFields, [0] + frameShape),
                         parameters: join(trainingParameters, [0, parameterNames.count]))
        validation = Split(fields: join(validationFields, [0] + frameShape),
                           parameters: join(validationParameters, [0, parameterNames.count]))
    }
}
