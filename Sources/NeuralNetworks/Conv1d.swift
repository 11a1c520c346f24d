import Autodiff
import TensorCore

/// 1-D convolution layer on `[N, C, L]`; `weight` is `[out, in / groups, kernel]`, `bias` `[out]`.
public struct Conv1d<Scalar: TensorScalar>: Layer {
    public let spec: ConvolutionSpec

    public init(inputs: Int, outputs: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                paddingMode: PaddingMode = .zeros, groups: Int = 1, useBias: Bool = true) {
        spec = ConvolutionSpec(inputs: inputs, outputs: outputs, kernel: kernel, useBias: useBias,
                               options: ConvolutionOptions(stride: stride, padding: padding, paddingMode: paddingMode, groups: groups))
    }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        spec.initialParameters(dimensions: 1, using: &generator)
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        let (inputs, outputs) = (spec.inputs, spec.outputs)
        precondition(input.rank == 3 && input.shape[1] == inputs, "Conv1d(\(inputs)→\(outputs)) given input \(input.shape)")
        let weight = parameters["weight"], bias = spec.useBias ? parameters["bias"] : nil
        if spec.isPointwise, !Variable.isRecorded([input, weight, bias]) {
            return Variable(Tensor.pointwiseConvolution(input.value, weight: weight.value.reshaped([outputs, inputs]),
                                                        bias: bias?.value))                  // inference: one gemm
        }
        if spec.isPointwise, let bias {                                                   // one gemm onto the bias
            return Variable.pointwiseConvolution(input, weight: weight.reshaped([outputs, inputs]), bias: bias)
        }
        let output = spec.isPointwise
            ? Variable.matmul(weight.reshaped([outputs, inputs]), input)
            : Variable.conv1d(input, weight: weight, options: spec.options)
        return bias.map { output + $0.reshaped([outputs, 1]) } ?? output
    }
}
