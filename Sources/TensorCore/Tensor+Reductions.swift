import CVectorMath

/// Reductions over axes, and the sum that undoes broadcasting.
extension Tensor {
    /// Moves `axes` to the end and returns (kept shape, reduced length, contiguous data).
    private func rowsForReduction(over axes: [Int]) -> (keptShape: [Int], length: Int, data: Tensor) {
        let reduced = Set(axes.map { axisIndex($0) })
        let kept = (0..<rank).filter { !reduced.contains($0) }
        let order = kept + reduced.sorted()
        let data = permuted(order).contiguous()
        let length = reduced.reduce(1) { $0 * shape[$1] }
        return (kept.map { shape[$0] }, length, data)
    }

    private func resultShape(_ keptShape: [Int], axes: [Int], keepingDimensions: Bool) -> [Int] {
        guard keepingDimensions else { return keptShape }
        let reduced = Set(axes.map { axisIndex($0) })
        return (0..<rank).map { reduced.contains($0) ? 1 : shape[$0] }
    }

    /// Reduces `axes` with `combine`, starting from `initial`.
    public func reduce(axes: [Int], keepingDimensions: Bool = false, initial: Scalar,
                       _ combine: (Scalar, Scalar) -> Scalar) -> Tensor {
        let (kept, length, data) = rowsForReduction(over: axes)
        let outShape = resultShape(kept, axes: axes, keepingDimensions: keepingDimensions)
        return Tensor(shape: outShape) { output in
            let base = data.storage.base + data.offset
            for row in 0..<output.count {
                var accumulator = initial
                let start = base + row * length
                for index in 0..<length { accumulator = combine(accumulator, start[index]) }
                output[row] = accumulator
            }
        }
    }

    /// Σ over `axes`.
    public func sum(axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let reduced = Set(axes.map { axisIndex($0) })
        // Leading axes of contiguous data: add whole rows (vectorises; no transpose).
        if isContiguous, !reduced.isEmpty, reduced == Set(0..<reduced.count) {
            let rows = (0..<reduced.count).reduce(1) { $0 * shape[$1] }
            let width = count / Swift.max(rows, 1)
            let kept = Array(shape.dropFirst(reduced.count))
            let outShape = keepingDimensions ? [Int](repeating: 1, count: reduced.count) + kept : kept
            return Tensor(shape: outShape) { output in
                let base = storage.base + offset
                if Scalar.self == Float.self {
                    base.withMemoryRebound(to: Float.self, capacity: count) { input in
                        output.withMemoryRebound(to: Float.self) { vm_sum_rows_f32(input, $0.baseAddress!, rows, width) }
                    }
                    return
                }
                output.initialize(repeating: 0)
                for row in 0..<rows {
                    let source = base + row * width
                    for column in 0..<width { output[column] += source[column] }
                }
            }
        }
        // Leading and trailing axes of contiguous data ([B, C, L] → [C], a bias gradient):
        // contiguous rows summed in place, no transpose.
        let trailingStart = rank - (0..<rank).reversed().prefix { reduced.contains($0) }.count
        let leadingCount = (0..<rank).prefix { reduced.contains($0) }.count
        if isContiguous, reduced.contains(rank - 1), reduced == Set(0..<leadingCount).union(trailingStart..<rank) {
            let lead = shape[..<leadingCount].reduce(1, *), width = shape[trailingStart...].reduce(1, *)
            let middle = count / Swift.max(lead * width, 1)
            let outShape = resultShape(Array(shape[leadingCount..<trailingStart]), axes: axes, keepingDimensions: keepingDimensions)
            return Tensor(shape: outShape) { output in
                let base = storage.base + offset
                if Scalar.self == Float.self {
                    base.withMemoryRebound(to: Float.self, capacity: count) { input in
                        output.withMemoryRebound(to: Float.self) { vm_sum_outer_f32(input, $0.baseAddress!, lead, middle, width) }
                    }
                    return
                }
                output.initialize(repeating: 0)
                for row in 0..<(lead * middle) {
                    let source = base + row * width
                    var total: Scalar = 0
                    for column in 0..<width { total += source[column] }
                    output[row % middle] += total
                }
            }
        }
        return reduce(axes: axes, keepingDimensions: keepingDimensions, initial: 0, +)
    }

    /// Σ over all elements.
    public func sum() -> Scalar { withUnsafeBufferPointer { $0.reduce(0, +) } }

    /// Mean over `axes`.
    public func mean(axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let length = axes.reduce(1) { $0 * shape[axisIndex($1)] }
        return sum(axes: axes, keepingDimensions: keepingDimensions) / Scalar(length)
    }

    /// Mean of all elements.
    public func mean() -> Scalar { sum() / Scalar(Swift.max(count, 1)) }

    /// Maximum over `axes`.
    public func max(axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        reduce(axes: axes, keepingDimensions: keepingDimensions, initial: -.infinity) { Swift.max($0, $1) }
    }

    /// Largest element.
    public func max() -> Scalar { withUnsafeBufferPointer { $0.max() ?? -.infinity } }

    /// Largest absolute value (∞-norm).
    public func maxAbs() -> Scalar { withUnsafeBufferPointer { $0.reduce(0) { Swift.max($0, Swift.abs($1)) } } }

    /// Sums a tensor that was broadcast from `target` back to `target`: the adjoint of
    /// `expanded(to:)`, used by every broadcasting gradient.
    public func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        precondition(lead >= 0, "cannot sum shape \(shape) to \(target)")
        var axes = Array(0..<lead)
        for axis in 0..<target.count where target[axis] == 1 && shape[lead + axis] != 1 {
            axes.append(lead + axis)
        }
        let reduced = axes.isEmpty ? self : sum(axes: axes, keepingDimensions: true)
        return reduced.reshaped(target)
    }
}
