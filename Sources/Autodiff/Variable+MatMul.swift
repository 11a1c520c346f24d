import TensorCore

/// Matrix products.
extension Variable {
    /// `[..., m, k] × [..., k, n]` with broadcast batch axes (both operands of rank ≥ 2).
    /// ∂A = G Bᵀ, ∂B = Aᵀ G, each summed over the axes it was broadcast along. An operand
    /// stored column-major (such as `weight.transposed` in `Linear`) gets its gradient in the
    /// same layout, computed as (B Gᵀ)ᵀ or (Gᵀ A)ᵀ, so that no copy is needed to bring it back.
    public static func matmul(_ a: Variable, _ b: Variable) -> Variable {
        precondition(a.rank >= 2 && b.rank >= 2, "matmul of variables needs rank ≥ 2: \(a.shape), \(b.shape)")
        return record("matmul", value: Tensor.matmul(a.value, b.value), inputs: [a, b]) { _, g, needed in
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
}
