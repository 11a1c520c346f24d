import Autodiff
import TensorCore

/// 2-D convolution layer on `[N, C, H, W]`; `weight` is `[out, in / groups, k, k]`, `bias` `[out]`.
public struct Conv2d<Scalar: TensorScalar>: Layer {
    public let spec: ConvolutionSpec

    public init(inputs: Int, outputs: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                paddingMode: PaddingMode = .zeros, groups: Int = 1, useBias: Bool = true) {
        spec = ConvolutionSpec(inputs: inputs, outputs: outputs, kernel: kernel, useBias: useBias,
                               options: ConvolutionOptions(stride: stride, padding: padding, paddingMode: paddingMode, groups: groups))
    }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        spec.initialParameters(dimensions: 2, using: &generator)
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        let (inputs, outputs) = (spec.inputs, spec.outputs)
        precondition(input.rank == 4 && input.shape[1] == inputs, "Conv2d(\(inputs)→\(outputs)) given input \(input.shape)")
        let weight = parameters["weight"]
        let output: Variable<Scalar>
        if spec.isPointwise {
            let (n, h, w) = (input.shape[0], input.shape[2], input.shape[3])
            output = Variable.matmul(weight.reshaped([outputs, inputs]), input.reshaped([n, inputs, h * w]))
                .reshaped([n, outputs, h, w])
        } else {
            output = Variable.conv2d(input, weight: weight, options: spec.options)
        }
        return spec.useBias ? output + parameters["bias"].reshaped([outputs, 1, 1]) : output
    }
}
