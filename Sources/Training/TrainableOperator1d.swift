import NeuralNetworks
import NeuralOperators

/// A base operator that `surrogate train` can build from the `model` section of a configuration.
public protocol TrainableOperator1d: ChannelOperator {
    /// The base's configuration for `model` (channel counts are set later by the wrapper).
    static func configuration(from model: TrainingConfiguration.Model) -> Configuration

    /// Why fields of `points` points cannot pass through the base `configuration`, or nil.
    static func unsupportedLength(_ points: Int, configuration: Configuration) -> String?
}

extension TrainableOperator1d {
    public static func unsupportedLength(_ points: Int, configuration: Configuration) -> String? { nil }
}

extension FNO1d: TrainableOperator1d {
    public static func configuration(from model: TrainingConfiguration.Model) -> Configuration {
        Configuration(width: model.width, modes: model.modes, layers: model.layers)
    }
}

extension UNet1d: TrainableOperator1d {
    /// `width` is the base feature count f, `layers` the number of levels.
    public static func configuration(from model: TrainingConfiguration.Model) -> Configuration {
        Configuration(features: model.width, levels: model.layers)
    }

    public static func unsupportedLength(_ points: Int, configuration: Configuration) -> String? {
        points % (1 << configuration.levels) == 0 ? nil
            : "a U-Net of \(configuration.levels) levels needs a multiple of \(1 << configuration.levels) points, the data have \(points)"
    }
}
