import DatasetIO
import Foundation
import ModelStore
import NeuralNetworks
import NeuralOperators
import TensorCore

/// A trainer for some base operator, seen through closures.
public struct AnyRolloutTrainer {
    public let parameterCount: Int
    public let completedEpochs: () -> Int
    public let resume: () throws -> Void
    public let train: (_ report: (EpochRecord) -> Void) throws -> Void
}

/// An evaluation of a saved model of some base operator: `(path, split) → (row, truth, prediction)`.
public typealias AnyRolloutEvaluation = (String, DataSplit) throws -> (row: EvaluationRow, truth: Tensor<Float>, prediction: Tensor<Float>)

/// The base operators `surrogate train` and `surrogate evaluate` know, by configuration name.
///
/// The generic trainer and evaluation are instantiated here, with concrete types, so that the
/// optimiser specialises them for each base inside this module; callers in other modules see
/// closures only (generic code reached across modules through a type parameter would run
/// unspecialised, several times slower).
public enum OperatorRegistry {
    public static let names = ["fno1d", "unet1d"]

    /// A trainer of the base that `configuration.model.architecture` names.
    public static func trainer(configuration: TrainingConfiguration, corpus: TrajectoryCorpus) throws -> AnyRolloutTrainer {
        switch configuration.model.architecture {
        case "fno1d": return erase(try RolloutTrainer<FNO1d<Float>>(configuration: configuration, corpus: corpus))
        case "unet1d": return erase(try RolloutTrainer<UNet1d<Float>>(configuration: configuration, corpus: corpus))
        default:
            throw TrainingError.invalidConfiguration(path: "configuration", reason: "unknown model.architecture "
                + "'\(configuration.model.architecture)' (known: \(names.joined(separator: ", ")))")
        }
    }

    /// The evaluation of the model saved in `directory`, whatever its base.
    public static func evaluation(modelDirectory directory: String) throws -> AnyRolloutEvaluation {
        let architecture = try ModelCheckpoint.architecture(in: URL(fileURLWithPath: directory))
        switch architecture {
        case FNO1d<Float>.architectureID + "-conditioned": return erase(try RolloutEvaluation<FNO1d<Float>>(modelDirectory: directory))
        case UNet1d<Float>.architectureID + "-conditioned": return erase(try RolloutEvaluation<UNet1d<Float>>(modelDirectory: directory))
        default:
            throw TrainingError.invalidConfiguration(path: directory, reason: "architecture '\(architecture)' is not an "
                + "autoregressive rollout model (known: \(names.map { $0 + "-conditioned" }.joined(separator: ", ")))")
        }
    }

    private static func erase<Base>(_ trainer: RolloutTrainer<Base>) -> AnyRolloutTrainer {
        AnyRolloutTrainer(parameterCount: trainer.parameters.scalarCount, completedEpochs: { trainer.completedEpochs },
                          resume: { try trainer.resume() }, train: { try trainer.train(report: $0) })
    }

    private static func erase<Base>(_ evaluation: RolloutEvaluation<Base>) -> AnyRolloutEvaluation {
        { path, split in try evaluation.evaluate(path: path, split: split) }
    }
}
