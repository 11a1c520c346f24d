import Autodiff
import TensorCore

/// Layer normalisation over the trailing axes of shape `normalizedShape`, with an optional
/// elementwise affine map: y = (x − E[x]) / √(Var[x] + ε) · γ + β.
public struct LayerNorm<Scalar: TensorScalar>: Layer {
    public let normalizedShape: [Int]
    public let epsilon: Scalar
    public let affine: Bool

    public init(normalizedShape: [Int], epsilon: Scalar = 1e-5, affine: Bool = true) {
        (self.normalizedShape, self.epsilon, self.affine) = (normalizedShape, epsilon, affine)
    }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        guard affine else { return ParameterSet() }
        return ParameterSet(["weight": .ones(normalizedShape), "bias": .zeros(normalizedShape)])
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        precondition(Array(input.shape.suffix(normalizedShape.count)) == normalizedShape,
                     "LayerNorm(\(normalizedShape)) given input \(input.shape)")
        let axes = Array((input.rank - normalizedShape.count)..<input.rank)
        let normalised = input.layerNormalized(axes: axes, epsilon: epsilon)
        return affine ? normalised * parameters["weight"] + parameters["bias"] : normalised
    }
}
