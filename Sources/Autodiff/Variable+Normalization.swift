import TensorCore

/// Layer normalisation and softmax, composed of differentiable primitives.
extension Variable {
    /// (x − mean) / √(var + ε) over `axes` (biased variance).
    public func layerNormalized(axes: [Int], epsilon: Scalar = 1e-5) -> Variable {
        guard isTracked, Recording.isEnabled else { return Variable(value.layerNormalized(axes: axes, epsilon: epsilon)) }
        let centred = self - mean(axes: axes, keepingDimensions: true)
        let variance = (centred * centred).mean(axes: axes, keepingDimensions: true)
        return centred / (variance + epsilon).sqrt()
    }

    /// softmax along `axis`; the shift by the maximum is a constant and does not change the value.
    public func softmax(axis: Int) -> Variable {
        guard isTracked, Recording.isEnabled else { return Variable(value.softmax(axis: axis)) }
        let shifted = (self - Variable(value.max(axes: [axis], keepingDimensions: true))).exp()
        return shifted / shifted.sum(axes: [axis], keepingDimensions: true)
    }
}
