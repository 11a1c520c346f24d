/// Operations that build new tensors from pieces: concatenation, padding, gathering, and the
/// scatter-adds that are their adjoints.
extension Tensor {
    /// The tensors joined along `axis`; all other dimensions must agree.
    public static func concatenate(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concatenate needs at least one tensor")
        let first = parts[0]
        let axis = first.axisIndex(axis)
        for part in parts {
            precondition(part.rank == first.rank && (0..<first.rank).allSatisfy { $0 == axis || part.shape[$0] == first.shape[$0] },
                         "concatenate: shape \(part.shape) does not match \(first.shape) outside axis \(axis)")
        }
        var shape = first.shape
        shape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
        var result = Tensor.zeros(shape)
        var start = 0
        for part in parts {
            result.assign(part, axis: axis, at: start)
            start += part.shape[axis]
        }
        return result
    }

    /// Copies `source` into this tensor at offset `start` along `axis`.
    mutating func assign(_ source: Tensor, axis: Int, at start: Int) {
        let target = sliced(axis: axis, start..<(start + source.shape[axis]))
        precondition(storage.count == count && isContiguous, "assign into a non-owning view")
        StridedLoop.forEachRow(shape: source.shape, strides: source.strides, offset: source.offset,
                               strides: target.strides, offset: target.offset) { fromStart, toStart, length, fromStep, toStep in
            let from = source.storage.base + fromStart
            let to = target.storage.base + toStart
            if fromStep == 1 && toStep == 1 {
                to.update(from: from, count: length)
            } else {
                for index in 0..<length { to[index * toStep] = from[index * fromStep] }
            }
        }
    }

    /// Each element repeated `factor` times along the last axis: `[…, X] → […, X·factor]`.
    public func upsampledNearest(by factor: Int) -> Tensor {
        precondition(rank >= 1 && factor >= 1, "upsampling shape \(shape) by \(factor)")
        return withUnsafeBufferPointer { input in
            Tensor(shape: Array(shape.dropLast()) + [shape[rank - 1] * factor]) { output in
                for index in input.indices {
                    let value = input[index], row = output.baseAddress! + index * factor
                    for copy in 0..<factor { row[copy] = value }
                }
            }
        }
    }

    /// Zero padding of `before` and `after` elements along `axis`.
    public func padded(axis: Int, before: Int, after: Int) -> Tensor {
        let axis = axisIndex(axis)
        precondition(before >= 0 && after >= 0, "negative padding \(before), \(after)")
        var shape = self.shape
        shape[axis] += before + after
        var result = Tensor.zeros(shape)
        result.assign(self, axis: axis, at: before)
        return result
    }

    /// Periodic padding along `axis`: `before` elements from the end, then the tensor, then
    /// `after` elements from the start (as `torch`'s `padding_mode="circular"`).
    public func circularlyPadded(axis: Int, before: Int, after: Int) -> Tensor {
        let axis = axisIndex(axis)
        let n = shape[axis]
        precondition(before <= n && after <= n, "circular padding \(before), \(after) exceeds axis length \(n)")
        return Tensor.concatenate([sliced(axis: axis, (n - before)..<n), self, sliced(axis: axis, 0..<after)], axis: axis)
    }

    /// Elements `indices` along `axis` (like `index_select`); indices may repeat.
    public func gathered(axis: Int, indices: [Int]) -> Tensor {
        let axis = axisIndex(axis)
        for index in indices {
            precondition(index >= 0 && index < shape[axis], "gather index \(index) out of range for axis \(axis) of \(shape)")
        }
        let parts = indices.map { sliced(axis: axis, $0..<($0 + 1)) }
        if parts.isEmpty {
            var empty = shape
            empty[axis] = 0
            return Tensor.zeros(empty)
        }
        return Tensor.concatenate(parts, axis: axis)
    }

    /// A zero tensor of length `length` along `axis` into which row `i` of this tensor is added
    /// at `indices[i]`: the adjoint of `gathered(axis:indices:)`.
    public func scatterAdded(axis: Int, indices: [Int], length: Int) -> Tensor {
        let axis = axisIndex(axis)
        precondition(indices.count == shape[axis], "scatter: \(indices.count) indices for axis of length \(shape[axis])")
        var shape = self.shape
        shape[axis] = length
        let result = Tensor.zeros(shape)
        for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < length, "scatter index \(index) out of range 0..<\(length)")
            let source = sliced(axis: axis, row..<(row + 1))
            let target = result.sliced(axis: axis, index..<(index + 1))
            StridedLoop.forEachRow(shape: source.shape, strides: source.strides, offset: source.offset,
                                   strides: target.strides, offset: target.offset) { fromStart, toStart, count, fromStep, toStep in
                let from = source.storage.base + fromStart
                let to = target.storage.base + toStart
                for element in 0..<count { to[element * toStep] += from[element * fromStep] }
            }
        }
        return result
    }

    /// The adjoint of `windows(axis:size:step:)`: each window element is added back into a zero
    /// tensor of the original length `length` along `axis` (overlaps accumulate).
    public func windowsAdded(axis: Int, size: Int, step: Int, length: Int) -> Tensor {
        let axis = axisIndex(axis)
        precondition(axis + 1 < rank && shape[axis + 1] == size, "windowsAdded: shape \(shape) has no window axis \(axis + 1)")
        var baseShape = shape
        baseShape.remove(at: axis + 1)
        baseShape[axis] = length
        let result = Tensor.zeros(baseShape)
        let target = result.windows(axis: axis, size: size, step: step)
        precondition(target.shape == shape, "windowsAdded: windows of \(baseShape) have shape \(target.shape), not \(shape)")
        StridedLoop.forEachRow(shape: shape, strides: strides, offset: offset, strides: target.strides,
                               offset: target.offset) { fromStart, toStart, count, fromStep, toStep in
            let from = storage.base + fromStart
            let to = target.storage.base + toStart
            for element in 0..<count { to[element * toStep] += from[element * fromStep] }
        }
        return result
    }
}
