import Autodiff
import NeuralNetworks
import TensorCore

/// A 1-D Fourier Neural Operator (Li et al., 2021) on channels-first fields `[N, C, X]`.
///
///     h₀ = P(u, x)                          lift to `width` channels (1×1 conv; grid appended)
///     hₗ₊₁ = σ(Kₗ hₗ + Wₗ hₗ)               Kₗ spectral conv on `modes` frequencies, Wₗ 1×1 conv
///     y = Q₂ σ(Q₁ h_L)                       projection through `projectionWidth` channels
///
/// σ is GELU and is skipped after the last Fourier layer.
public struct FNO1d<Scalar: TensorScalar>: ChannelOperator {
    public struct Configuration: Codable, Sendable, Equatable {
        public var inputChannels: Int
        public var outputChannels: Int
        public var width: Int
        public var modes: Int
        public var layers: Int
        public var projectionWidth: Int
        /// Append the coordinate x ∈ [0, 1) as an extra input channel.
        public var appendGrid: Bool

        public init(inputChannels: Int = 1, outputChannels: Int = 1, width: Int = 32, modes: Int = 16,
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

    public static var architectureID: String { "fno1d" }

    public static func configuration(_ configuration: Configuration, inputs: Int, outputs: Int) -> Configuration {
        var result = configuration
        (result.inputChannels, result.outputChannels) = (inputs, outputs)
        return result
    }
    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    private var lift: Conv1d<Scalar> {
        Conv1d(inputs: configuration.inputChannels + (configuration.appendGrid ? 1 : 0), outputs: configuration.width, kernel: 1)
    }
    private var spectral: SpectralConv1d<Scalar> {
        SpectralConv1d(inputs: configuration.width, outputs: configuration.width, modes: configuration.modes)
    }
    private var pointwise: Conv1d<Scalar> { Conv1d(inputs: configuration.width, outputs: configuration.width, kernel: 1) }
    private var project1: Conv1d<Scalar> {
        Conv1d(inputs: configuration.width, outputs: configuration.projectionWidth, kernel: 1)
    }
    private var project2: Conv1d<Scalar> {
        Conv1d(inputs: configuration.projectionWidth, outputs: configuration.outputChannels, kernel: 1)
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
        precondition(input.rank == 3 && input.shape[1] == configuration.inputChannels,
                     "FNO1d expects [N, \(configuration.inputChannels), X], got \(input.shape)")
        var x = input
        if configuration.appendGrid {
            let (batch, points) = (input.shape[0], input.shape[2])
            let grid = Tensor<Scalar>.arange(0, Scalar(points)) / Scalar(points)
            x = Variable.concatenate([x, Variable(grid.reshaped([1, 1, points]).expanded(to: [batch, 1, points]))], axis: 1)
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
