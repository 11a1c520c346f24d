import Autodiff
import TensorCore

/// A layer is a plain description (sizes, options); its parameters are passed in explicitly.
public protocol Layer: ParameterizedModel {
    /// The forward pass.
    func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar>
}

extension Layer {
    /// Inference on a plain tensor, without recording.
    public func callAsFunction(_ input: Tensor<Scalar>, parameters: ParameterSet<Scalar>) -> Tensor<Scalar> {
        withoutRecording { self(Variable(input), parameters: parameters.constants()).value }
    }
}

/// Anything with explicit parameters: layers, and models with several inputs.
public protocol ParameterizedModel: Sendable {
    associatedtype Scalar: TensorScalar

    /// Fresh parameters, named relative to this model.
    func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar>
}

extension ParameterizedModel {
    /// Parameter shapes by name, for validating checkpoints.
    public func parameterShapes() -> [String: [Int]] {
        var generator = RandomGenerator(seed: 0)
        return initialParameters(using: &generator).tensors.mapValues(\.shape)
    }
}

/// A model that can be saved and rebuilt: an architecture id plus a typed configuration.
public protocol Architecture: ParameterizedModel {
    associatedtype Configuration: Codable & Sendable & Equatable

    /// A stable identifier written into checkpoints, e.g. `mlp`, `fno1d`.
    static var architectureID: String { get }
    var configuration: Configuration { get }
    init(configuration: Configuration)
}

/// Uniform initialisation in ±1/√fanIn (PyTorch's default for linear and conv layers).
func uniformFanIn<Scalar: TensorScalar>(_ shape: [Int], fanIn: Int, using generator: inout RandomGenerator) -> Tensor<Scalar> {
    let bound = 1 / Scalar(fanIn).squareRoot()
    return Tensor.randomUniform(shape, low: -bound, high: bound, using: &generator)
}
