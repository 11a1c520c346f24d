import Autodiff
import NeuralNetworks
import TensorCore

/// The PDEBench U-Net in 1-D on channels-first fields `[N, C, X]`: `levels` (4) levels of two 3-wide
/// convolutions + σ (tanh), max-pooling by 2 on the way down, transposed convolutions (kernel =
/// stride = 2) and skip concatenation on the way up, and a final 1×1 convolution:
///
///     y = C₁ ∘ D₀ ∘ … ∘ D_{L−1} ∘ B_L ∘ E_{L−1} ∘ … ∘ E₀ (u)       (see `UNetConfiguration`)
///
/// Without PDEBench's batch normalisation (see `UNetCore`). X must be multiples of 2^levels.
public struct UNet1d<Scalar: TensorScalar>: Architecture, Layer {
    public typealias Configuration = UNetConfiguration

    public static var architectureID: String { "unet1d" }
    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    private var core: UNetCore<Conv1d<Scalar>> { UNetCore(configuration: configuration) }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        core.initialParameters(using: &generator)
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        core(input, parameters: parameters)
    }
}

extension UNet1d: ChannelOperator {
    public static func configuration(_ configuration: Configuration, inputs: Int, outputs: Int) -> Configuration {
        var result = configuration
        (result.inputChannels, result.outputChannels) = (inputs, outputs)
        return result
    }
}
