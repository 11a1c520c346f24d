import TensorCore

/// Matrix products and the convolutions built from them.
extension Variable {
    /// `[..., m, k] × [..., k, n]` with broadcast batch axes (both operands of rank ≥ 2).
    /// ∂A = G Bᵀ, ∂B = Aᵀ G, each summed over the axes it was broadcast along.
    public static func matmul(_ a: Variable, _ b: Variable) -> Variable {
        precondition(a.rank >= 2 && b.rank >= 2, "matmul of variables needs rank ≥ 2: \(a.shape), \(b.shape)")
        return record("matmul", value: Tensor.matmul(a.value, b.value), inputs: [a, b]) { _, g, needed in
            [needed[0] ? matmul(g, b.transposed).summed(toShape: a.shape) : nil,
             needed[1] ? matmul(a.transposed, g).summed(toShape: b.shape) : nil]
        }
    }

    /// 1-D convolution (see `Tensor.conv1d`), composed of padding, a windows view and a matmul,
    /// so that its derivatives of every order follow from theirs.
    public static func conv1d(_ input: Variable, weight: Variable, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Variable {
        guard input.isTracked || weight.isTracked, Recording.isEnabled else {
            return Variable(Tensor.conv1d(input.value, weight: weight.value, stride: stride, padding: padding,
                                          paddingMode: paddingMode, groups: groups))
        }
        precondition(input.rank == 3 && weight.rank == 3, "conv1d: input \(input.shape), weight \(weight.shape)")
        let (batch, channels) = (input.shape[0], input.shape[1])
        let (outChannels, kernel) = (weight.shape[0], weight.shape[2])
        precondition(channels % groups == 0 && outChannels % groups == 0 && weight.shape[1] == channels / groups,
                     "conv1d: input \(input.shape) and weight \(weight.shape) disagree for groups=\(groups)")
        let columns = input.padded(axis: 2, by: padding, mode: paddingMode).windows(axis: 2, size: kernel, step: stride)
        let length = columns.shape[2]
        let grouped = columns.reshaped([batch, groups, channels / groups, length, kernel])
            .permuted([0, 1, 2, 4, 3])
            .reshaped([batch, groups, channels / groups * kernel, length])
        let kernels = weight.reshaped([groups, outChannels / groups, channels / groups * kernel])
        return matmul(kernels, grouped).reshaped([batch, outChannels, length])
    }

    /// 2-D convolution (see `Tensor.conv2d`), composed like `conv1d`.
    public static func conv2d(_ input: Variable, weight: Variable, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Variable {
        guard input.isTracked || weight.isTracked, Recording.isEnabled else {
            return Variable(Tensor.conv2d(input.value, weight: weight.value, stride: stride, padding: padding,
                                          paddingMode: paddingMode, groups: groups))
        }
        precondition(input.rank == 4 && weight.rank == 4, "conv2d: input \(input.shape), weight \(weight.shape)")
        let (batch, channels) = (input.shape[0], input.shape[1])
        let (outChannels, kernelH, kernelW) = (weight.shape[0], weight.shape[2], weight.shape[3])
        precondition(channels % groups == 0 && outChannels % groups == 0 && weight.shape[1] == channels / groups,
                     "conv2d: input \(input.shape) and weight \(weight.shape) disagree for groups=\(groups)")
        let padded = input.padded(axis: 2, by: padding, mode: paddingMode).padded(axis: 3, by: padding, mode: paddingMode)
        let columns = padded.windows(axis: 2, size: kernelH, step: stride).windows(axis: 4, size: kernelW, step: stride)
        let (height, width) = (columns.shape[2], columns.shape[4])
        let grouped = columns.reshaped([batch, groups, channels / groups, height, kernelH, width, kernelW])
            .permuted([0, 1, 2, 4, 6, 3, 5])
            .reshaped([batch, groups, channels / groups * kernelH * kernelW, height * width])
        let kernels = weight.reshaped([groups, outChannels / groups, channels / groups * kernelH * kernelW])
        return matmul(kernels, grouped).reshaped([batch, outChannels, height, width])
    }

    private func padded(axis: Int, by amount: Int, mode: PaddingMode) -> Variable {
        guard amount > 0 else { return self }
        switch mode {
        case .zeros: return padded(axis: axis, before: amount, after: amount)
        case .circular: return circularlyPadded(axis: axis, before: amount, after: amount)
        }
    }
}
