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
        callAsFunction(input, parameters: parameters, activation: .identity)
    }

    /// activation(x Wᵀ + b); tanh after a biased layer runs as one fused operation.
    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>,
                               activation: Activation) -> Variable<Scalar> {
        precondition(input.shape.last == inputs, "Linear(\(inputs)→\(outputs)) given input \(input.shape)")
        let leading = Array(input.shape.dropLast())
        let rows = input.reshaped([-1, inputs])
        let weight = parameters["weight"].transposed
        let output: Variable<Scalar>
        switch (useBias, activation) {
        case (true, .tanh): output = Variable.affineTanh(rows, weight, parameters["bias"])
        case (true, _): output = activation(Variable.affine(rows, weight, parameters["bias"]))
        case (false, _): output = activation(Variable.matmul(rows, weight))
        }
        return output.reshaped(leading + [outputs])
    }
}
