/// Convolutions on tensors (see `Convolution` for the pipeline).
extension Tensor {
    /// 1-D convolution of `[N, C_in, L]` with `[C_out, C_in / groups, K]`.
    public static func conv1d(_ input: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Tensor {
        conv1d(input, weight: weight,
               options: ConvolutionOptions(stride: stride, padding: padding, paddingMode: paddingMode, groups: groups))
    }

    /// 1-D convolution: a direct loop (`CVectorMath`) where each output sums few products — grouped
    /// and depthwise convolutions, or few input channels × taps — and otherwise the windows view
    /// and one gemm per group of `Convolution.conv1d`.
    public static func conv1d(_ input: Tensor, weight: Tensor, options: ConvolutionOptions) -> Tensor {
        precondition(input.rank == 3 && weight.rank == 3, "conv1d: input \(input.shape), weight \(weight.shape)")
        let (groups, kernel, taps) = (options.groups, weight.shape[2], weight.shape[1] * weight.shape[2])
        guard groups > 1 || taps <= 16 else { return Convolution.conv1d(input, weight: weight, options: options) }
        precondition(input.shape[1] % groups == 0 && weight.shape[0] % groups == 0 && weight.shape[1] == input.shape[1] / groups,
                     "conv1d: input \(input.shape) and weight \(weight.shape) disagree for groups=\(groups)")
        let padded = Convolution.pad(input, axis: 2, options)
        let (batch, inputs, length, outputs) = (input.shape[0], input.shape[1], padded.shape[2], weight.shape[0])
        precondition(length >= kernel, "conv1d: kernel \(kernel) is longer than the padded input \(padded.shape)")
        let outputLength = (length - kernel) / options.stride + 1
        return padded.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                Tensor(shape: [batch, outputs, outputLength]) { y in
                    guard y.count > 0 else { return }
                    Scalar.directConv1d(x.baseAddress!, w.baseAddress!, into: y.baseAddress!, batch: batch, inputs: inputs,
                                        length: length, outputs: outputs, groups: groups, kernel: kernel,
                                        stride: options.stride, outputLength: outputLength)
                }
            }
        }
    }

    /// 2-D convolution of `[N, C_in, H, W]` with `[C_out, C_in / groups, K_h, K_w]`.
    public static func conv2d(_ input: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0,
                              paddingMode: PaddingMode = .zeros, groups: Int = 1) -> Tensor {
        Convolution.conv2d(input, weight: weight,
                           options: ConvolutionOptions(stride: stride, padding: padding, paddingMode: paddingMode, groups: groups))
    }

    /// A 1×1 convolution `y[n] = W x[n] + b` of `x: [N, I, L]` with `weight: [O, I]` and an optional
    /// `bias: [O]`: one gemm per sample onto rows pre-filled with the bias. `[N, O, L]`.
    public static func pointwiseConvolution(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
        precondition(x.rank == 3 && weight.rank == 2 && weight.shape[1] == x.shape[1] && (bias?.shape ?? [weight.shape[0]]) == [weight.shape[0]],
                     "pointwiseConvolution: x \(x.shape), weight \(weight.shape), bias \(bias?.shape ?? [])")
        let (batch, inputs, length, outputs) = (x.shape[0], x.shape[1], x.shape[2], weight.shape[0])
        let biasValues = bias?.contiguous()
        return x.withUnsafeBufferPointer { xs in
            weight.withUnsafeBufferPointer { ws in
                Tensor(shape: [batch, outputs, length]) { y in
                    guard let target = y.baseAddress, let source = xs.baseAddress, let matrix = ws.baseAddress else { return }
                    withExtendedLifetime(biasValues) {
                        Scalar.pointwiseConvolution(source, weight: matrix, bias: biasValues.map { UnsafePointer($0.storage.base + $0.offset) },
                                                    into: target, batch: batch, inputs: inputs, outputs: outputs, length: length)
                    }
                }
            }
        }
    }
}

extension TensorScalar {
    /// `y_n = W x_n + b` for each sample n of a contiguous `x` `[batch, inputs, length]`, with W
    /// `[outputs, inputs]` and `bias` `[outputs]` (or none): y's rows are filled with the bias
    /// (with `accumulate`, the bias is added to what they hold), then one gemm per sample adds
    /// W x_n onto them.
    public static func pointwiseConvolution(_ x: UnsafePointer<Self>, weight: UnsafePointer<Self>, bias: UnsafePointer<Self>?,
                                            into y: UnsafeMutablePointer<Self>, batch: Int, inputs: Int, outputs: Int, length: Int,
                                            accumulate: Bool = false) {
        guard batch > 0, outputs > 0, length > 0 else { return }
        for row in 0..<(batch * outputs) {
            let value = bias?[row % outputs] ?? 0, target = y + row * length
            if !accumulate {
                target.initialize(repeating: value, count: length)
            } else if value != 0 {
                for i in 0..<length { target[i] += value }
            }
        }
        guard inputs > 0 else { return }
        for sample in 0..<batch {
            gemm(transposeA: false, transposeB: false, m: outputs, n: length, k: inputs, alpha: 1,
                 a: weight, lda: inputs, b: x + sample * inputs * length, ldb: length,
                 beta: 1, c: y + sample * outputs * length, ldc: length)
        }
    }
}
