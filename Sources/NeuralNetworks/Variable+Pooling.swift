import Autodiff
import TensorCore

/// Pooling and nearest-neighbour upsampling over the last `dimensions` axes (1 or 2 for fields
/// `[N, C, X]` or `[N, C, X, Y]`), separable axis by axis and composed of reshapes, slices,
/// reductions and |·|, so differentiable to any order without a rule of their own.
extension Variable {
    /// The mean of each `factor`-wide box: `[…, X, Y] → […, X/f, Y/f]` for `dimensions == 2`.
    public func averagePooled(by factor: Int, dimensions: Int) -> Variable {
        pooled(by: factor, dimensions: dimensions) { windows, axis in windows.mean(axes: [axis]) }
    }

    /// The maximum of each `factor`-wide box, as pairwise max(a, b) = ½(a + b + |a − b|); the
    /// gradient goes to the largest element (split evenly on exact ties).
    public func maxPooled(by factor: Int, dimensions: Int) -> Variable {
        pooled(by: factor, dimensions: dimensions) { windows, axis in
            (1..<factor).reduce(windows.sliced(axis: axis, 0..<1)) { largest, index in
                let next = windows.sliced(axis: axis, index..<(index + 1))
                return (largest + next + (largest - next).abs()) * Scalar(0.5)
            }.squeezed(axis: axis)
        }
    }

    /// Each point repeated `factor` times along each of the last `dimensions` axes.
    public func upsampledNearest(by factor: Int, dimensions: Int) -> Variable {
        precondition(dimensions >= 1 && dimensions <= rank, "upsampling over \(dimensions) axes of shape \(shape)")
        var x = self
        for axis in (rank - dimensions)..<rank {
            let leading = Array(x.shape[..<(axis + 1)]), trailing = Array(x.shape[(axis + 1)...])
            x = x.unsqueezed(axis: axis + 1).expanded(to: leading + [factor] + trailing)
                .reshaped(Array(leading.dropLast()) + [leading.last! * factor] + trailing)
        }
        return x
    }

    /// Splits each pooled axis of length n into `[n/f, f]` and reduces the window axis.
    private func pooled(by factor: Int, dimensions: Int, _ reduce: (Variable, Int) -> Variable) -> Variable {
        precondition(dimensions >= 1 && dimensions <= rank, "pooling over \(dimensions) axes of shape \(shape)")
        var x = self
        for axis in (rank - dimensions)..<rank {
            let length = x.shape[axis]
            precondition(factor >= 1 && length % factor == 0, "pooling by \(factor) of length \(length) (shape \(shape))")
            let split = Array(x.shape[..<axis]) + [length / factor, factor] + Array(x.shape[(axis + 1)...])
            x = reduce(x.reshaped(split), axis + 1)
        }
        return x
    }
}
