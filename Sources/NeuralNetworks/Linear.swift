import Autodiff
import TensorCore

/// y = x Wᵀ + b over the last axis; `weight` is `[outputs, inputs]` (PyTorch's layout).
public struct Linear<Scalar: TensorScalar>: Layer {
    public let inputs: Int
    public let outputs: Int
    public let useBias: Bool

    public init(inputs: Int, outputs: Int, useBias: Bool = true) {
        self.inputs = inputs
        self.outputs = outputs
        self.useBias = useBias
    }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        var set = ParameterSet<Scalar>(["weight": uniformFanIn([outputs, inputs], fanIn: inputs, using: &generator)])
        if useBias { set["bias"] = uniformFanIn([outputs], fanIn: inputs, using: &generator) }
        return set
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        precondition(input.shape.last == inputs, "Linear(\(inputs)→\(outputs)) given input \(input.shape)")
        let leading = Array(input.shape.dropLast())
        let rows = input.reshaped([-1, inputs])
        let weight = parameters["weight"].transposed
        let output = useBias ? Variable.affine(rows, weight, parameters["bias"]) : Variable.matmul(rows, weight)
        return output.reshaped(leading + [outputs])
    }
}
