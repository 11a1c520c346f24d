/// The operations a convolution is composed of. `Tensor` conforms here and autodiff's
/// `Variable` conforms in its own module, so the convolution pipeline below is written once and
/// its derivatives follow from those of its parts.
public protocol ConvolutionOperand {
    var shape: [Int] { get }
    func reshaped(_ newShape: [Int]) -> Self
    func permuted(_ order: [Int]) -> Self
    func windows(axis: Int, size: Int, step: Int) -> Self
    func padded(axis: Int, before: Int, after: Int) -> Self
    func circularlyPadded(axis: Int, before: Int, after: Int) -> Self
    static func matmul(_ a: Self, _ b: Self) -> Self
}

extension Tensor: ConvolutionOperand {}

/// Convolutions (cross-correlations, as in PyTorch) as a padding, a sliding-window view and one
/// grouped batched matmul (im2col by view).
public enum Convolution {
    /// `[N, C_in, L] ⊛ [C_out, C_in/groups, K] → [N, C_out, (L + 2p − K)/stride + 1]`:
    /// `y[n, o, l] = Σ_{c,k} w[o, c, k] · x_padded[n, g·C_in/groups + c, l·stride + k]`.
    public static func conv1d<Operand: ConvolutionOperand>(_ input: Operand, weight: Operand,
                                                           options: ConvolutionOptions) -> Operand {
        precondition(input.shape.count == 3 && weight.shape.count == 3, "conv1d: input \(input.shape), weight \(weight.shape)")
        let (batch, outChannels, kernel) = (input.shape[0], weight.shape[0], weight.shape[2])
        let groupChannels = checkGroups("conv1d", input.shape, weight.shape, options.groups)
        let columns = pad(input, axis: 2, options).windows(axis: 2, size: kernel, step: options.stride)  // [N, C, L', K]
        let length = columns.shape[2]
        let grouped = columns.reshaped([batch, options.groups, groupChannels, length, kernel])
            .permuted([0, 1, 2, 4, 3])
            .reshaped([batch, options.groups, groupChannels * kernel, length])                    // [N, G, C/G·K, L']
        let kernels = weight.reshaped([options.groups, outChannels / options.groups, groupChannels * kernel])
        return Operand.matmul(kernels, grouped).reshaped([batch, outChannels, length])
    }

    /// `[N, C_in, H, W] ⊛ [C_out, C_in/groups, K_h, K_w] → [N, C_out, H', W']`.
    public static func conv2d<Operand: ConvolutionOperand>(_ input: Operand, weight: Operand,
                                                           options: ConvolutionOptions) -> Operand {
        precondition(input.shape.count == 4 && weight.shape.count == 4, "conv2d: input \(input.shape), weight \(weight.shape)")
        let (batch, outChannels) = (input.shape[0], weight.shape[0])
        let (kernelH, kernelW) = (weight.shape[2], weight.shape[3])
        let groupChannels = checkGroups("conv2d", input.shape, weight.shape, options.groups)
        let columns = pad(pad(input, axis: 2, options), axis: 3, options)
            .windows(axis: 2, size: kernelH, step: options.stride)                               // [N, C, H', Kh, W]
            .windows(axis: 4, size: kernelW, step: options.stride)                               // [N, C, H', Kh, W', Kw]
        let (height, width) = (columns.shape[2], columns.shape[4])
        let patch = groupChannels * kernelH * kernelW
        let grouped = columns.reshaped([batch, options.groups, groupChannels, height, kernelH, width, kernelW])
            .permuted([0, 1, 2, 4, 6, 3, 5])
            .reshaped([batch, options.groups, patch, height * width])
        let kernels = weight.reshaped([options.groups, outChannels / options.groups, patch])
        return Operand.matmul(kernels, grouped).reshaped([batch, outChannels, height, width])
    }

    /// Channels per group, after checking that input, weight and groups agree.
    private static func checkGroups(_ name: String, _ input: [Int], _ weight: [Int], _ groups: Int) -> Int {
        precondition(input[1] % groups == 0 && weight[0] % groups == 0 && weight[1] == input[1] / groups,
                     "\(name): input \(input) and weight \(weight) disagree for groups=\(groups)")
        return input[1] / groups
    }

    static func pad<Operand: ConvolutionOperand>(_ x: Operand, axis: Int, _ options: ConvolutionOptions) -> Operand {
        guard options.padding > 0 else { return x }
        switch options.paddingMode {
        case .zeros: return x.padded(axis: axis, before: options.padding, after: options.padding)
        case .circular: return x.circularlyPadded(axis: axis, before: options.padding, after: options.padding)
        }
    }
}
