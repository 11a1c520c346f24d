import TensorCore

/// Matrix products.
extension Variable {
    /// `[..., m, k] × [..., k, n]` with broadcast batch axes (both operands of rank ≥ 2).
    public static func matmul(_ a: Variable, _ b: Variable) -> Variable {
        precondition(a.rank >= 2 && b.rank >= 2, "matmul of variables needs rank ≥ 2: \(a.shape), \(b.shape)")
        return record("matmul", value: Tensor.matmul(a.value, b.value), inputs: [a, b]) { _, g, needed in
            matmulGradients(a, b, g, needed)
        }
    }

    /// x W + b for `x: [N, in]`, `W: [in, out]` and `b: [out]`, with the bias written into the
    /// gemm's output before the product (as `torch.addmm`); ∂b = Σₙ G.
    public static func affine(_ x: Variable, _ weight: Variable, _ bias: Variable) -> Variable {
        precondition(x.rank == 2 && weight.rank == 2 && bias.shape == [weight.shape[1]],
                     "affine: x \(x.shape), weight \(weight.shape), bias \(bias.shape)")
        let value = Tensor.matmul(x.value, weight.value, adding: bias.value)
        return record("affine", value: value, inputs: [x, weight, bias]) { _, g, needed in
            matmulGradients(x, weight, g, needed) + [needed[2] ? g.sum(axes: [0]) : nil]
        }
    }

    /// W x + b for `W: [out, in]`, `x: [N, in, L]` and `b: [out]` (a 1×1 convolution), with the
    /// bias written into each output before the gemm (`Tensor.pointwiseConvolution`), instead of
    /// a broadcast add afterwards; ∂b = Σ_{n,l} G.
    public static func pointwiseConvolution(_ x: Variable, weight: Variable, bias: Variable) -> Variable {
        precondition(x.rank == 3 && weight.rank == 2 && bias.shape == [weight.shape[0]],
                     "pointwiseConvolution: x \(x.shape), weight \(weight.shape), bias \(bias.shape)")
        let value = Tensor.pointwiseConvolution(x.value, weight: weight.value, bias: bias.value)
        return record("pointwiseConvolution", value: value, inputs: [x, weight, bias]) { _, g, needed in
            let products = matmulGradients(weight, x, g, [needed[1], needed[0]])
            return [products[1], products[0], needed[2] ? g.sum(axes: [0, 2]) : nil]
        }
    }

    /// tanh(x W + b), fused: the activation is applied in place on the product's buffer, and
    /// the backward rule takes tanh′ from the output, Ḡ = G ⊙ (1 − y²), before the affine rule.
    /// Saves one pass over the layer's activations each way (the hot path of tanh MLPs/PINNs).
    public static func affineTanh(_ x: Variable, _ weight: Variable, _ bias: Variable) -> Variable {
        precondition(x.rank == 2 && weight.rank == 2 && bias.shape == [weight.shape[1]],
                     "affineTanh: x \(x.shape), weight \(weight.shape), bias \(bias.shape)")
        var value = Tensor.matmul(x.value, weight.value, adding: bias.value)
        value.formTanh()
        return record("affineTanh", value: value, inputs: [x, weight, bias]) { y, g, needed in
            let preactivation = Recording.isEnabled ? g * (1 - y * y)
                                                    : Variable(Tensor.tanhBackward(gradient: g.value, output: y.value))
            return matmulGradients(x, weight, preactivation, needed) + [needed[2] ? preactivation.sum(axes: [0]) : nil]
        }
    }

    /// ∂A = G Bᵀ, ∂B = Aᵀ G, each summed over the axes it was broadcast along. An operand
    /// stored column-major (such as `weight.transposed` in `Linear`) gets its gradient in the
    /// same layout, computed as (B Gᵀ)ᵀ or (Gᵀ A)ᵀ, so that no copy is needed to bring it back.
    private static func matmulGradients(_ a: Variable, _ b: Variable, _ g: Variable, _ needed: [Bool]) -> [Variable?] {
        func gradientA() -> Variable {
            a.value.isTransposedMatrix && b.rank == 2
                ? matmul(b, g.transposed).transposed : matmul(g, b.transposed).summed(toShape: a.shape)
        }
        func gradientB() -> Variable {
            b.value.isTransposedMatrix && a.rank == 2
                ? matmul(g.transposed, a).transposed : matmul(a.transposed, g).summed(toShape: b.shape)
        }
        return [needed[0] ? gradientA() : nil, needed[1] ? gradientB() : nil]
    }
}
