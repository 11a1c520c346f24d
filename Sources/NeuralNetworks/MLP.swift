import Autodiff
import TensorCore

/// A multilayer perceptron: `Linear` layers with an activation between them (none after the last).
public struct MLP<Scalar: TensorScalar>: Architecture, Layer {
    public struct Configuration: Codable, Sendable, Equatable {
        /// Widths from input to output, e.g. `[2, 64, 64, 1]`.
        public var sizes: [Int]
        public var activation: Activation

        public init(sizes: [Int], activation: Activation) {
            self.sizes = sizes
            self.activation = activation
        }
    }

    public static var architectureID: String { "mlp" }
    public let configuration: Configuration
    public var layers: [Linear<Scalar>] {
        zip(configuration.sizes, configuration.sizes.dropFirst()).map { Linear(inputs: $0, outputs: $1) }
    }

    public init(configuration: Configuration) {
        precondition(configuration.sizes.count >= 2, "an MLP needs at least an input and an output size")
        self.configuration = configuration
    }

    public init(sizes: [Int], activation: Activation) {
        self.init(configuration: Configuration(sizes: sizes, activation: activation))
    }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        var set = ParameterSet<Scalar>()
        for (index, layer) in layers.enumerated() {
            set.insert(layer.initialParameters(using: &generator), prefix: "layers.\(index)")
        }
        return set
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        let layers = self.layers
        var x = input
        for (index, layer) in layers.enumerated() {
            let activation = index < layers.count - 1 ? configuration.activation : .identity
            x = layer(x, parameters: parameters.scope("layers.\(index)"), activation: activation)
        }
        return x
    }
}
