/// Convolutions (cross-correlations, as in PyTorch) by sliding-window views and gemm.
extension Tensor {
    /// 1-D convolution.
    /// - Parameters:
    ///   - input: `[N, C_in, L]`.
    ///   - weight: `[C_out, C_in / groups, K]`.
    /// - Returns: `[N, C_out, (L + 2p - K) / stride + 1]`, with
    ///   `y[n, o, l] = Σ_{c, k} w[o, c, k] · x_padded[n, g·C_in/groups + c, l·stride + k]`.
    public static func conv1d(_ input: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Tensor {
        precondition(input.rank == 3 && weight.rank == 3, "conv1d: input \(input.shape), weight \(weight.shape)")
        let (batch, channels) = (input.shape[0], input.shape[1])
        let (outChannels, kernel) = (weight.shape[0], weight.shape[2])
        precondition(channels % groups == 0 && outChannels % groups == 0 && weight.shape[1] == channels / groups,
                     "conv1d: input \(input.shape) and weight \(weight.shape) disagree for groups=\(groups)")
        let padded = pad(input, axis: 2, padding, paddingMode)
        let columns = padded.windows(axis: 2, size: kernel, step: stride)          // [N, C, L', K]
        let length = columns.shape[2]
        let grouped = columns.reshaped([batch, groups, channels / groups, length, kernel])
            .permuted([0, 1, 2, 4, 3])
            .reshaped([batch, groups, channels / groups * kernel, length])        // [N, G, C/G·K, L']
        let kernels = weight.reshaped([groups, outChannels / groups, channels / groups * kernel])
        return matmul(kernels, grouped).reshaped([batch, outChannels, length])
    }

    /// 2-D convolution.
    /// - Parameters:
    ///   - input: `[N, C_in, H, W]`.
    ///   - weight: `[C_out, C_in / groups, K_h, K_w]`.
    /// - Returns: `[N, C_out, H', W']` with the same (stride, padding) on both axes.
    public static func conv2d(_ input: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Tensor {
        precondition(input.rank == 4 && weight.rank == 4, "conv2d: input \(input.shape), weight \(weight.shape)")
        let (batch, channels) = (input.shape[0], input.shape[1])
        let (outChannels, kernelH, kernelW) = (weight.shape[0], weight.shape[2], weight.shape[3])
        precondition(channels % groups == 0 && outChannels % groups == 0 && weight.shape[1] == channels / groups,
                     "conv2d: input \(input.shape) and weight \(weight.shape) disagree for groups=\(groups)")
        let padded = pad(pad(input, axis: 2, padding, paddingMode), axis: 3, padding, paddingMode)
        let columns = padded.windows(axis: 2, size: kernelH, step: stride)        // [N, C, H', Kh, W]
            .windows(axis: 4, size: kernelW, step: stride)                        // [N, C, H', Kh, W', Kw]
        let (height, width) = (columns.shape[2], columns.shape[4])
        let grouped = columns.reshaped([batch, groups, channels / groups, height, kernelH, width, kernelW])
            .permuted([0, 1, 2, 4, 6, 3, 5])
            .reshaped([batch, groups, channels / groups * kernelH * kernelW, height * width])
        let kernels = weight.reshaped([groups, outChannels / groups, channels / groups * kernelH * kernelW])
        return matmul(kernels, grouped).reshaped([batch, outChannels, height, width])
    }

    private static func pad(_ x: Tensor, axis: Int, _ amount: Int, _ mode: PaddingMode) -> Tensor {
        guard amount > 0 else { return x }
        switch mode {
        case .zeros: return x.padded(axis: axis, before: amount, after: amount)
        case .circular: return x.circularlyPadded(axis: axis, before: amount, after: amount)
        }
    }
}
