import TensorCore

/// Sums and means; their backward rules broadcast the gradient back.
extension Variable {
    /// Σ over `axes`.
    public func sum(axes: [Int], keepingDimensions: Bool = false) -> Variable {
        let original = shape
        let keptValue = value.sum(axes: axes, keepingDimensions: true)
        let kept = keptValue.shape
        let reduced = Set(axes.map { value.axisIndex($0) })
        let result = keepingDimensions ? keptValue
                                       : keptValue.reshaped((0..<rank).filter { !reduced.contains($0) }.map { original[$0] })
        return Variable.record("sum", value: result, inputs: [self]) { _, g, _ in
            [g.reshaped(kept).expanded(to: original)]
        }
    }

    /// Σ of all elements (a rank-0 result).
    public func sum() -> Variable { sum(axes: Array(0..<rank)) }

    /// Mean over `axes`.
    public func mean(axes: [Int], keepingDimensions: Bool = false) -> Variable {
        let length = axes.reduce(1) { $0 * shape[value.axisIndex($1)] }
        return sum(axes: axes, keepingDimensions: keepingDimensions) * (1 / Scalar(length))
    }

    /// Mean of all elements (a rank-0 result).
    public func mean() -> Variable { mean(axes: Array(0..<rank)) }
}
