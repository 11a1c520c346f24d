/// Convolutions on tensors (see `Convolution` for the pipeline).
extension Tensor {
    /// 1-D convolution of `[N, C_in, L]` with `[C_out, C_in / groups, K]`.
    public static func conv1d(_ input: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Tensor {
        Convolution.conv1d(input, weight: weight,
                           options: ConvolutionOptions(stride: stride, padding: padding, paddingMode: paddingMode, groups: groups))
    }

    /// 2-D convolution of `[N, C_in, H, W]` with `[C_out, C_in / groups, K_h, K_w]`.
    public static func conv2d(_ input: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Tensor {
        Convolution.conv2d(input, weight: weight,
                           options: ConvolutionOptions(stride: stride, padding: padding, paddingMode: paddingMode, groups: groups))
    }
}
