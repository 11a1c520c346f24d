import Autodiff
import TensorCore

/// 1-D convolution layer on `[N, C, L]`; `weight` is `[out, in / groups, kernel]`, `bias` `[out]`.
public struct Conv1d<Scalar: TensorScalar>: Layer {
    public let inputs: Int
    public let outputs: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    public let paddingMode: PaddingMode
    public let groups: Int
    public let useBias: Bool

    public init(inputs: Int, outputs: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                paddingMode: PaddingMode = .zeros, groups: Int = 1, useBias: Bool = true) {
        precondition(inputs % groups == 0 && outputs % groups == 0, "Conv1d: \(inputs)→\(outputs) not divisible by \(groups) groups")
        (self.inputs, self.outputs, self.kernel, self.stride) = (inputs, outputs, kernel, stride)
        (self.padding, self.paddingMode, self.groups, self.useBias) = (padding, paddingMode, groups, useBias)
    }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        let fanIn = inputs / groups * kernel
        var set = ParameterSet<Scalar>(["weight": uniformFanIn([outputs, inputs / groups, kernel], fanIn: fanIn, using: &generator)])
        if useBias { set["bias"] = uniformFanIn([outputs], fanIn: fanIn, using: &generator) }
        return set
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        precondition(input.rank == 3 && input.shape[1] == inputs, "Conv1d(\(inputs)→\(outputs)) given input \(input.shape)")
        let weight = parameters["weight"]
        var output: Variable<Scalar>
        if kernel == 1 && stride == 1 && groups == 1 {
            // Pointwise: one product [out, in] × [N, in, L].
            output = Variable.matmul(weight.reshaped([outputs, inputs]), input)
        } else {
            output = Variable.conv1d(input, weight: weight, stride: stride, padding: padding,
                                     paddingMode: paddingMode, groups: groups)
        }
        if useBias { output = output + parameters["bias"].reshaped([outputs, 1]) }
        return output
    }
}
