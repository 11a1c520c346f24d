import Autodiff
import TensorCore

/// Resampling along the last axis, composed of reshapes and reductions (so differentiable to
/// any order).
extension Variable {
    /// Mean of each run of `factor` points along the last axis: `[…, X] → […, X/factor]`.
    public func averagePooled(by factor: Int) -> Variable {
        let length = shape.last!
        precondition(factor >= 1 && length % factor == 0, "average pooling by \(factor) of length \(length)")
        return reshaped(Array(shape.dropLast()) + [length / factor, factor]).mean(axes: [rank])
    }

    /// Each point repeated `factor` times along the last axis (nearest-neighbour upsampling).
    public func upsampledNearest(by factor: Int) -> Variable {
        guard Variable.isRecorded([self]) else { return Variable(value.upsampledNearest(by: factor)) }
        let leading = Array(shape.dropLast()), length = shape.last!
        return unsqueezed(axis: rank).expanded(to: leading + [length, factor]).reshaped(leading + [length * factor])
    }
}
