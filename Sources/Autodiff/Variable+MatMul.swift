import TensorCore

/// Matrix products.
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
}
