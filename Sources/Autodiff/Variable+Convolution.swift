import TensorCore

extension Variable: ConvolutionOperand {}

/// Convolutions of variables: the shared `Convolution` pipeline (padding, windows view,
/// matmul), so derivatives of every order follow from those primitives.
extension Variable {
    public static func conv1d(_ input: Variable, weight: Variable, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Variable {
        conv1d(input, weight: weight,
               options: ConvolutionOptions(stride: stride, padding: padding, paddingMode: paddingMode, groups: groups))
    }

    public static func conv1d(_ input: Variable, weight: Variable, options: ConvolutionOptions) -> Variable {
        guard isRecorded([input, weight]) else {
            return Variable(Tensor.conv1d(input.value, weight: weight.value, options: options))
        }
        return Convolution.conv1d(input, weight: weight, options: options)
    }

    public static func conv2d(_ input: Variable, weight: Variable, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Variable {
        conv2d(input, weight: weight,
               options: ConvolutionOptions(stride: stride, padding: padding, paddingMode: paddingMode, groups: groups))
    }

    public static func conv2d(_ input: Variable, weight: Variable, options: ConvolutionOptions) -> Variable {
        guard isRecorded([input, weight]) else {
            return Variable(Convolution.conv2d(input.value, weight: weight.value, options: options))
        }
        return Convolution.conv2d(input, weight: weight, options: options)
    }
}
