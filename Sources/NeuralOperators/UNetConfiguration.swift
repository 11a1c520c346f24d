import NeuralNetworks

/// The shape of a PDEBench U-Net (`UNet1d`, `UNet2d`): `levels` encoder blocks of widths
/// f, 2f, …, 2^(levels−1)·f, a bottleneck of 2^levels·f (16f for the default four levels),
/// and the mirrored decoder. Spatial sizes must be multiples of 2^levels.
public struct UNetConfiguration: Codable, Sendable, Equatable {
    public var inputChannels: Int
    public var outputChannels: Int
    /// Base width f of the first encoder block.
    public var features: Int
    public var levels: Int
    /// The nonlinearity after every 3-wide convolution (PDEBench uses tanh).
    public var activation: Activation

    public init(inputChannels: Int = 1, outputChannels: Int = 1, features: Int = 32, levels: Int = 4,
                activation: Activation = .tanh) {
        precondition(features >= 1 && levels >= 1, "a U-Net needs features ≥ 1 and levels ≥ 1, got \(features), \(levels)")
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.features = features
        self.levels = levels
        self.activation = activation
    }
}
