import NeuralNetworks
import NeuralOperators

/// A base operator that `surrogate train` can build from the `model` section of a configuration.
public protocol TrainableOperator1d: ChannelOperator1d {
    /// The base's configuration for `model` (channel counts are set later by the wrapper).
    static func configuration(from model: TrainingConfiguration.Model) -> Configuration
}

extension FNO1d: TrainableOperator1d {
    public static func configuration(from model: TrainingConfiguration.Model) -> Configuration {
        Configuration(width: model.width, modes: model.modes, layers: model.layers)
    }
}
