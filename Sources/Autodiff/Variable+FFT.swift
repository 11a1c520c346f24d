import TensorCore

/// Real FFTs and the spectral contraction, with adjoints expressed through each other.
///
/// For y = rfft(x) over n points, the adjoint is x̄ = n · irfft(ȳ ⊙ s) with s = ½ on the
/// interior bins of the last axis and 1 on the zero and Nyquist bins; for x = irfft(y), the
/// adjoint is ȳ = rfft(x̄) ⊙ c / n with c = 2 on interior bins and 1 on the others.
/// In two dimensions n is h·w and the weights depend on the last axis only.
extension Variable {
    public func rfft(dimensions: Int = 1) -> Variable {
        let sizes = Array(shape.suffix(dimensions))
        let total = Scalar(sizes.reduce(1, *))
        let length = sizes[dimensions - 1]
        return Variable.record("rfft", value: value.rfft(dimensions: dimensions), inputs: [self]) { _, g, _ in
            [(g * Variable.binWeights(length: length, interior: total / 2, edge: total)).irfft(dimensions: dimensions, length: length)]
        }
    }

    public func irfft(dimensions: Int = 1, length: Int) -> Variable {
        let sizes = Array(shape.dropLast().suffix(dimensions).dropLast()) + [length]
        let total = Scalar(sizes.reduce(1, *))
        return Variable.record("irfft", value: value.irfft(dimensions: dimensions, length: length), inputs: [self]) {
            _, g, _ in [g.rfft(dimensions: dimensions) * Variable.binWeights(length: length, interior: 2 / total, edge: 1 / total)]
        }
    }

    /// The lowest `modes` bins of `rfft()` over the last axis, `[..., n] → [..., modes, 2]`
    /// (`Tensor.truncatedRFFT`): a product with the constant `FourierBasis.analysis`, whose
    /// adjoint is the product with its transpose, or the FFT and a slice.
    public func truncatedRFFT(modes: Int) -> Variable {
        let length = shape[rank - 1]
        guard FourierBasis.isPreferred(length: length, modes: modes) else { return rfft().sliced(axis: rank - 1, 0..<modes) }
        let rows = reshaped([shape.dropLast().reduce(1, *), length])
        return Variable.matmul(rows, Variable(FourierBasis.analysis(length: length, modes: modes)))
            .reshaped(Array(shape.dropLast()) + [modes, 2])
    }

    /// `irfft` of a spectrum `[..., m, 2]` whose higher bins are zero, `→ [..., length]`
    /// (`Tensor.truncatedIRFFT`): a product with `FourierBasis.synthesis`, or zero-padding and the FFT.
    public func truncatedIRFFT(length: Int) -> Variable {
        let modes = shape[rank - 2]
        guard FourierBasis.isPreferred(length: length, modes: modes) else {
            return padded(axis: rank - 2, before: 0, after: length / 2 + 1 - modes).irfft(length: length)
        }
        let lead = Array(shape.dropLast(2))
        return Variable.matmul(reshaped([lead.reduce(1, *), 2 * modes]), Variable(FourierBasis.synthesis(length: length, modes: modes)))
            .reshaped(lead + [length])
    }

    /// A `[n/2+1, 2]` constant (the same weight for real and imaginary parts, so that it
    /// broadcasts in long contiguous rows): `edge` on the zero and (even n) Nyquist bins,
    /// `interior` elsewhere (the scale n or 1/n folded in, so that one pass applies both).
    static func binWeights(length: Int, interior: Scalar, edge: Scalar) -> Tensor<Scalar> {
        let bins = length / 2 + 1
        return Tensor(shape: [bins, 2], scalars: (0..<bins).flatMap { k -> [Scalar] in
            let weight = k == 0 || (length % 2 == 0 && k == length / 2) ? edge : interior
            return [weight, weight]
        })
    }

    /// The complex conjugate of a tensor with a trailing (re, im) axis; its own adjoint.
    public var conjugate: Variable {
        Variable.record("conjugate", value: value.conjugated(), inputs: [self]) { _, g, _ in [g.conjugate] }
    }

    /// `y[b, o, k] = Σ_i x[b, i, k] · w[i, o, k]` in complex arithmetic (see
    /// `Tensor.complexContract`). x̄ = contract(ȳ, conj(wᵀ)), w̄ = contract(conj(xᵀ), ȳ), where
    /// ᵀ swaps the first two axes.
    public static func complexContract(_ x: Variable, _ w: Variable) -> Variable {
        record("complexContract", value: Tensor.complexContract(x.value, w.value), inputs: [x, w]) { _, g, needed in
            [needed[0] ? complexContract(g, w.permuted([1, 0, 2, 3]).conjugate) : nil,
             needed[1] ? complexContract(x.permuted([1, 0, 2, 3]).conjugate, g) : nil]
        }
    }
}
