/// Views: new shapes and strides over the same storage, without copying.
extension Tensor {
    /// The same elements in a new shape (one dimension may be -1). A view when contiguous.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            resolved[unknown] = count / known
        }
        precondition(resolved.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        if resolved == shape { return self }
        let dense = contiguous()
        return Tensor(storage: dense.storage, shape: resolved, strides: Tensor.contiguousStrides(for: resolved),
                      offset: dense.offset)
    }

    /// Axes reordered: axis `i` of the result is axis `order[i]` of this tensor.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "permutation \(order) invalid for shape \(shape)")
        return Tensor(storage: storage, shape: order.map { shape[$0] }, strides: order.map { strides[$0] },
                      offset: offset)
    }

    /// True for a matrix stored column-major: its transpose is contiguous (a transposed view).
    public var isTransposedMatrix: Bool {
        rank == 2 && !isContiguous && transposed.isContiguous
    }

    /// The last two axes swapped.
    public var transposed: Tensor {
        precondition(rank >= 2, "transpose of shape \(shape)")
        var order = Array(0..<rank)
        order.swapAt(rank - 1, rank - 2)
        return permuted(order)
    }

    /// Elements `range` along `axis` (a view).
    public func sliced(axis: Int, _ range: Range<Int>) -> Tensor {
        let axis = axisIndex(axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis],
                     "slice \(range) out of bounds for axis \(axis) of shape \(shape)")
        var newShape = shape
        newShape[axis] = range.count
        return Tensor(storage: storage, shape: newShape, strides: strides,
                      offset: offset + range.lowerBound * strides[axis])
    }

    /// Every `step`-th element from `start` along `axis` (a view), as in `x[start::step]`.
    public func strided(axis: Int, start: Int = 0, step: Int) -> Tensor {
        let axis = axisIndex(axis)
        precondition(step > 0 && start >= 0 && start <= shape[axis], "bad stride \(step) for shape \(shape)")
        var newShape = shape
        var newStrides = strides
        newShape[axis] = (shape[axis] - start + step - 1) / step
        newStrides[axis] = strides[axis] * step
        return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset + start * strides[axis])
    }

    /// A size-1 axis inserted at `axis`.
    public func unsqueezed(axis: Int) -> Tensor {
        let axis = axis < 0 ? axis + rank + 1 : axis
        precondition(axis >= 0 && axis <= rank, "cannot insert axis \(axis) into shape \(shape)")
        var newShape = shape
        var newStrides = strides
        newShape.insert(1, at: axis)
        newStrides.insert(0, at: axis)
        return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset)
    }

    /// The size-1 axis `axis` removed.
    public func squeezed(axis: Int) -> Tensor {
        let axis = axisIndex(axis)
        precondition(shape[axis] == 1, "cannot squeeze axis \(axis) of shape \(shape)")
        var newShape = shape
        var newStrides = strides
        newShape.remove(at: axis)
        newStrides.remove(at: axis)
        return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset)
    }

    /// This tensor broadcast to `target` (NumPy rules; a view with zero strides).
    public func expanded(to target: [Int]) -> Tensor {
        precondition(target.count >= rank, "cannot broadcast \(shape) to \(target)")
        let lead = target.count - rank
        var newStrides = [Int](repeating: 0, count: target.count)
        for axis in 0..<rank {
            if shape[axis] == target[lead + axis] {
                newStrides[lead + axis] = shape[axis] == 1 ? 0 : strides[axis]
            } else {
                precondition(shape[axis] == 1, "cannot broadcast \(shape) to \(target)")
            }
        }
        return Tensor(storage: storage, shape: target, strides: newStrides, offset: offset)
    }

    /// Sliding windows along `axis`: the axis becomes `(n - size) / step + 1` window positions
    /// and a new axis of length `size` is appended after it (a view; windows may overlap).
    public func windows(axis: Int, size: Int, step: Int) -> Tensor {
        let axis = axisIndex(axis)
        precondition(size >= 1 && step >= 1 && size <= shape[axis],
                     "window of size \(size) does not fit axis \(axis) of shape \(shape)")
        var newShape = shape
        var newStrides = strides
        newShape[axis] = (shape[axis] - size) / step + 1
        newStrides[axis] = strides[axis] * step
        newShape.insert(size, at: axis + 1)
        newStrides.insert(strides[axis], at: axis + 1)
        return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset)
    }

    /// The broadcast shape of two shapes (NumPy rules).
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for index in 0..<rank {
            let x = index < rank - a.count ? 1 : a[index - (rank - a.count)]
            let y = index < rank - b.count ? 1 : b[index - (rank - b.count)]
            precondition(x == y || x == 1 || y == 1, "shapes \(a) and \(b) do not broadcast")
            result[index] = x == 1 ? y : x
        }
        return result
    }
}
