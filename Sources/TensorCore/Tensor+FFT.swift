/// Real FFTs through FFTW. Complex values are stored as a trailing axis of length 2
/// (real, imaginary), which is FFTW's interleaved layout and `torch.view_as_real`'s.
extension Tensor {
    /// Real-to-complex DFT over the last `dimensions` (1 or 2) axes, unnormalised:
    /// `X[k] = Σ_j x[j] e^{-2πi jk/n}`. `[..., n] → [..., n/2+1, 2]` (or `[..., h, w] → [..., h, w/2+1, 2]`).
    public func rfft(dimensions: Int = 1) -> Tensor {
        precondition(dimensions == 1 || dimensions == 2, "rfft over \(dimensions) axes")
        precondition(rank >= dimensions, "rfft over \(dimensions) axes of shape \(shape)")
        let sizes = Array(shape.suffix(dimensions))
        let lead = Array(shape.dropLast(dimensions))
        let half = sizes[dimensions - 1] / 2 + 1
        let outShape = lead + sizes.dropLast() + [half, 2]
        let batch = lead.reduce(1, *)
        return withUnsafeBufferPointer { input in
            Tensor(shape: outShape) { output in
                guard input.count > 0 else { return }
                Scalar.realForwardFFT(dimensions: sizes, batch: batch, input: input.baseAddress!,
                                      output: output.baseAddress!)
            }
        }
    }

    /// Complex-to-real inverse DFT over the last `dimensions` axes, normalised by 1/∏n:
    /// `[..., n/2+1, 2] → [..., n]`; `length` is the real length n of the last axis. The
    /// imaginary parts of the zero (and, for even n, Nyquist) bins of the last axis are ignored.
    public func irfft(dimensions: Int = 1, length: Int) -> Tensor {
        precondition(dimensions == 1 || dimensions == 2, "irfft over \(dimensions) axes")
        precondition(rank >= dimensions + 1 && shape[rank - 1] == 2, "irfft input \(shape) is not complex")
        precondition(shape[rank - 2] == length / 2 + 1, "irfft: \(shape[rank - 2]) bins do not match length \(length)")
        let lead = Array(shape.dropLast(dimensions + 1))
        let sizes = Array(shape.dropLast().suffix(dimensions).dropLast()) + [length]
        let batch = lead.reduce(1, *)
        let scale = 1 / Scalar(sizes.reduce(1, *))
        let scratch = copied()  // c2r overwrites its input
        return Tensor(shape: lead + sizes) { output in
            guard output.count > 0 else { return }
            Scalar.realInverseFFT(dimensions: sizes, batch: batch, input: scratch.storage.base, output: output.baseAddress!)
            for index in 0..<output.count { output[index] *= scale }
        }
    }

    /// The complex conjugate of a tensor with a trailing (re, im) axis.
    public func conjugated() -> Tensor {
        precondition(shape.last == 2, "conjugate of \(shape): the last axis must be (re, im)")
        return withUnsafeBufferPointer { input in
            Tensor(shape: shape) { output in
                for pair in 0..<(input.count / 2) {
                    output[2 * pair] = input[2 * pair]
                    output[2 * pair + 1] = -input[2 * pair + 1]
                }
            }
        }
    }

    /// Complex product `a · b` of tensors with a trailing (re, im) axis, broadcasting the rest.
    public static func complexMultiply(_ a: Tensor, _ b: Tensor) -> Tensor {
        let (ar, ai) = (a.sliced(axis: -1, 0..<1), a.sliced(axis: -1, 1..<2))
        let (br, bi) = (b.sliced(axis: -1, 0..<1), b.sliced(axis: -1, 1..<2))
        return concatenate([ar * br - ai * bi, ar * bi + ai * br], axis: -1)
    }
}

extension Tensor {
    /// The spectral-weight contraction of Fourier layers:
    /// `y[b, o, k] = Σ_i x[b, i, k] · w[i, o, k]` in complex arithmetic, for
    /// `x: [B, I, M, 2]` and `w: [I, O, M, 2]` giving `[B, O, M, 2]` (M may be several axes
    /// flattened by the caller). A direct loop whose innermost axis is the modes (`CVectorMath`).
    public static func complexContract(_ x: Tensor, _ w: Tensor) -> Tensor {
        precondition(x.rank == 4 && w.rank == 4 && x.shape[3] == 2 && w.shape[3] == 2
                     && x.shape[1] == w.shape[0] && x.shape[2] == w.shape[2],
                     "complexContract: x \(x.shape) and w \(w.shape) do not align as [B,I,M,2]·[I,O,M,2]")
        let (batch, inputs, outputs, modes) = (x.shape[0], x.shape[1], w.shape[1], x.shape[2])
        return x.withUnsafeBufferPointer { xs in
            w.withUnsafeBufferPointer { ws in
                Tensor(shape: [batch, outputs, modes, 2]) { y in
                    guard y.count > 0 else { return }
                    Scalar.complexContract(xs.baseAddress!, ws.baseAddress!, into: y.baseAddress!,
                                           batch: batch, inputs: inputs, outputs: outputs, modes: modes,
                                           xRow: 2 * modes, yRow: 2 * modes)
                }
            }
        }
    }

    /// The lowest `modes` bins of `rfft()` over the last axis, `[..., n] → [..., modes, 2]`: one
    /// gemm with `FourierBasis.analysis` when that is cheaper, else the FFT and a slice.
    public func truncatedRFFT(modes: Int) -> Tensor {
        let length = shape[rank - 1]
        precondition(modes <= length / 2 + 1, "truncatedRFFT: \(modes) modes exceed the \(length / 2 + 1) frequencies of length \(length)")
        guard FourierBasis.isPreferred(length: length, modes: modes) else {
            return rfft().sliced(axis: rank - 1, 0..<modes).contiguous()
        }
        let rows = Tensor.matmul(reshaped([count / Swift.max(length, 1), length]), FourierBasis.analysis(length: length, modes: modes))
        return rows.reshaped(Array(shape.dropLast()) + [modes, 2])
    }

    /// `irfft` of a spectrum `[..., m, 2]` whose bins from m up to n/2 are zero, `→ [..., length]`:
    /// one gemm with `FourierBasis.synthesis` when that is cheaper, else zero-padding and the FFT.
    public func truncatedIRFFT(length: Int) -> Tensor {
        precondition(rank >= 2 && shape[rank - 1] == 2, "truncatedIRFFT input \(shape) is not complex")
        let modes = shape[rank - 2]
        precondition(modes <= length / 2 + 1, "truncatedIRFFT: \(modes) bins exceed the \(length / 2 + 1) frequencies of length \(length)")
        guard FourierBasis.isPreferred(length: length, modes: modes) else {
            return padded(axis: rank - 2, before: 0, after: length / 2 + 1 - modes).irfft(length: length)
        }
        let lead = Array(shape.dropLast(2))
        let rows = Tensor.matmul(reshaped([lead.reduce(1, *), 2 * modes]), FourierBasis.synthesis(length: length, modes: modes))
        return rows.reshaped(lead + [length])
    }

    /// A Fourier layer's spectral convolution of `x: [N, I, L]` with weights `w: [I, O, M, 2]`:
    /// `truncatedIRFFT(complexContract(truncatedRFFT(x, M), w))`, `[N, O, L]`.
    public static func spectralConvolution1d(_ x: Tensor, weight w: Tensor) -> Tensor {
        precondition(x.rank == 3 && w.rank == 4 && w.shape[3] == 2 && x.shape[1] == w.shape[0],
                     "spectralConvolution1d: x \(x.shape) and w \(w.shape) do not align as [N,I,L]·[I,O,M,2]")
        return complexContract(x.truncatedRFFT(modes: w.shape[2]), w).truncatedIRFFT(length: x.shape[2])
    }
}
