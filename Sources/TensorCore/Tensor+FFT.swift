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
    /// flattened by the caller). Computed as four batched real gemms over the modes.
    public static func complexContract(_ x: Tensor, _ w: Tensor) -> Tensor {
        precondition(x.rank == 4 && w.rank == 4 && x.shape[3] == 2 && w.shape[3] == 2
                     && x.shape[1] == w.shape[0] && x.shape[2] == w.shape[2],
                     "complexContract: x \(x.shape) and w \(w.shape) do not align as [B,I,M,2]·[I,O,M,2]")
        // [B, I, M] → [M, B, I] and [I, O, M] → [M, I, O], real and imaginary parts.
        func part(_ t: Tensor, _ index: Int) -> Tensor { t.sliced(axis: 3, index..<(index + 1)).squeezed(axis: 3) }
        let (xr, xi) = (part(x, 0).permuted([2, 0, 1]), part(x, 1).permuted([2, 0, 1]))
        let (wr, wi) = (part(w, 0).permuted([2, 0, 1]), part(w, 1).permuted([2, 0, 1]))
        let real = matmul(xr, wr) - matmul(xi, wi)
        let imaginary = matmul(xr, wi) + matmul(xi, wr)
        return concatenate([real.unsqueezed(axis: 3), imaginary.unsqueezed(axis: 3)], axis: 3)
            .permuted([1, 2, 0, 3]).contiguous()
    }
}
