import Autodiff
import NeuralNetworks
import TensorCore

/// A 2-D Fourier Neural Operator (Li et al., 2021) on channels-first fields `[N, C, X, Y]`.
///
///     h₀ = P(u, x, y)                        lift to `width` channels (1×1 conv; grid appended)
///     hₗ₊₁ = σ(Kₗ hₗ + Wₗ hₗ)               Kₗ spectral conv on `modes × modes` frequencies
///                                            (positive and negative along x), Wₗ 1×1 conv
///     y = Q₂ σ(Q₁ h_L)                       projection through `projectionWidth` channels
///
/// σ is GELU and is skipped after the last Fourier layer. The defaults (width 20, 12 modes) are
/// PDEBench's 2-D FNO; X must be at least 2·modes and Y at least 2·(modes − 1).
public struct FNO2d<Scalar: TensorScalar>: Architecture, Layer {
    public struct Configuration: Codable, Sendable, Equatable {
        public var inputChannels: Int
        public var outputChannels: Int
        public var width: Int
        public var modes: Int
        public var layers: Int
        public var projectionWidth: Int
        /// Append the coordinates x, y ∈ [0, 1) as two extra input channels.
        public var appendGrid: Bool

        public init(inputChannels: Int = 1, outputChannels: Int = 1, width: Int = 20, modes: Int = 12,
                    layers: Int = 4, projectionWidth: Int = 128, appendGrid: Bool = true) {
            self.inputChannels = inputChannels
            self.outputChannels = outputChannels
            self.width = width
            self.modes = modes
            self.layers = layers
            self.projectionWidth = projectionWidth
            self.appendGrid = appendGrid
        }
    }

    public static var architectureID: String { "fno2d" }
    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    private var lift: Conv2d<Scalar> {
        Conv2d(inputs: configuration.inputChannels + (configuration.appendGrid ? 2 : 0), outputs: configuration.width, kernel: 1)
    }
    private var spectral: SpectralConv2d<Scalar> {
        SpectralConv2d(inputs: configuration.width, outputs: configuration.width,
                       modes1: configuration.modes, modes2: configuration.modes)
    }
    private var pointwise: Conv2d<Scalar> { Conv2d(inputs: configuration.width, outputs: configuration.width, kernel: 1) }
    private var project1: Conv2d<Scalar> {
        Conv2d(inputs: configuration.width, outputs: configuration.projectionWidth, kernel: 1)
    }
    private var project2: Conv2d<Scalar> {
        Conv2d(inputs: configuration.projectionWidth, outputs: configuration.outputChannels, kernel: 1)
    }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        var set = ParameterSet<Scalar>()
        set.insert(lift.initialParameters(using: &generator), prefix: "lift")
        for layer in 0..<configuration.layers {
            set.insert(spectral.initialParameters(using: &generator), prefix: "spectral.\(layer)")
            set.insert(pointwise.initialParameters(using: &generator), prefix: "pointwise.\(layer)")
        }
        set.insert(project1.initialParameters(using: &generator), prefix: "project1")
        set.insert(project2.initialParameters(using: &generator), prefix: "project2")
        return set
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        precondition(input.rank == 4 && input.shape[1] == configuration.inputChannels,
                     "FNO2d expects [N, \(configuration.inputChannels), X, Y], got \(input.shape)")
        var x = input
        if configuration.appendGrid {
            let (batch, rows, columns) = (input.shape[0], input.shape[2], input.shape[3])
            let gridX = (Tensor<Scalar>.arange(0, Scalar(rows)) / Scalar(rows)).reshaped([1, 1, rows, 1])
            let gridY = (Tensor<Scalar>.arange(0, Scalar(columns)) / Scalar(columns)).reshaped([1, 1, 1, columns])
            let shape = [batch, 1, rows, columns]
            x = Variable.concatenate([x, Variable(gridX.expanded(to: shape)), Variable(gridY.expanded(to: shape))], axis: 1)
        }
        x = lift(x, parameters: parameters.scope("lift"))
        for layer in 0..<configuration.layers {
            let y = spectral(x, parameters: parameters.scope("spectral.\(layer)"))
                + pointwise(x, parameters: parameters.scope("pointwise.\(layer)"))
            x = layer < configuration.layers - 1 ? y.gelu() : y
        }
        x = project1(x, parameters: parameters.scope("project1")).gelu()
        return project2(x, parameters: parameters.scope("project2"))
    }
}

extension FNO2d: ChannelOperator {
    public static func configuration(_ configuration: Configuration, inputs: Int, outputs: Int) -> Configuration {
        var result = configuration
        (result.inputChannels, result.outputChannels) = (inputs, outputs)
        return result
    }
}
