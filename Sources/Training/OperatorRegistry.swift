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

/// A saved rollout model ready to run: `(initial [B, c, X], parameters [B, p], steps) → [B, steps, c, X]`.
public struct AnyRolloutModel: Sendable {
    public let fields: Int
    public let parameterCount: Int
    public let metadata: [String: String]
    /// Why a grid of that many points cannot pass through the model, or nil.
    public let unsupportedLength: @Sendable (Int) -> String?
    public let rollout: OperatorRegistry.Rollout
}

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

    /// The model saved in `directory`, for inference.
    public static func rolloutModel(modelDirectory directory: String) throws -> AnyRolloutModel {
        let architecture = try ModelCheckpoint.architecture(in: URL(fileURLWithPath: directory))
        switch architecture {
        case FNO1d<Float>.architectureID + "-conditioned":
            return try load(FNO1d<Float>.self, from: directory) { model, parameters in
                let plan = ConditionedFNO1dPlan(model: model, parameters: parameters)      // the compiled inference path
                return { initial, lambda, steps in plan.rollout(initial, pdeParameters: lambda, steps: steps) }
            }
        case UNet1d<Float>.architectureID + "-conditioned": return try load(UNet1d<Float>.self, from: directory)
        default:
            throw TrainingError.invalidConfiguration(path: directory, reason: "architecture '\(architecture)' is not an "
                + "autoregressive rollout model (known: \(names.map { $0 + "-conditioned" }.joined(separator: ", ")))")
        }
    }

    public typealias Rollout = @Sendable (_ initial: Tensor<Float>, _ pdeParameters: Tensor<Float>, _ steps: Int) -> Tensor<Float>

    /// The model in `directory`, rolled out by `compile`'s function when given, else by the model itself.
    private static func load<Base: TrainableOperator1d>(
        _ base: Base.Type, from directory: String,
        compile: ((ConditionedOperator1d<Base>, ParameterSet<Float>) -> Rollout)? = nil
    ) throws -> AnyRolloutModel where Base.Scalar == Float {
        let (model, parameters, metadata) = try ModelCheckpoint.load(ConditionedOperator1d<Base>.self,
                                                                     from: URL(fileURLWithPath: directory))
        let configuration = model.configuration
        let bound = parameters.constants()
        let rollout: Rollout
        if let compile {
            rollout = compile(model, parameters)
        } else {
            rollout = { initial, lambda, steps in model.rollout(initial, pdeParameters: lambda, steps: steps, bound: bound) }
        }
        return AnyRolloutModel(fields: configuration.fields, parameterCount: configuration.parameters, metadata: metadata,
                               unsupportedLength: { points in
                                   if let pool = configuration.cape?.pool, points % pool != 0 {
                                       return "\(points) points is not a multiple of CAPE's pooling factor \(pool)"
                                   }
                                   return Base.unsupportedLength(points, configuration: configuration.base)
                               }, rollout: rollout)
    }

    private static func erase<Base>(_ trainer: RolloutTrainer<Base>) -> AnyRolloutTrainer {
        AnyRolloutTrainer(parameterCount: trainer.parameters.scalarCount, completedEpochs: { trainer.completedEpochs },
                          resume: { try trainer.resume() }, train: { try trainer.train(report: $0) })
    }
}
