/// Normalisations used by layers.
extension Tensor {
    /// (x − mean) / √(var + ε) over `axes` (biased variance, as PyTorch's LayerNorm).
    public func layerNormalized(axes: [Int], epsilon: Scalar = 1e-5) -> Tensor {
        let centred = self - mean(axes: axes, keepingDimensions: true)
        let variance = centred.squared().mean(axes: axes, keepingDimensions: true)
        return centred / (variance + epsilon).sqrt()
    }

    /// softmax(x)_i = e^{x_i − max x} / Σ_j e^{x_j − max x} along `axis`.
    public func softmax(axis: Int) -> Tensor {
        let shifted = (self - max(axes: [axis], keepingDimensions: true)).exp()
        return shifted / shifted.sum(axes: [axis], keepingDimensions: true)
    }
}
