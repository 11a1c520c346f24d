import TensorCore

/// Shape operations and their adjoints: reshape ↔ reshape, permute ↔ inverse permute,
/// slice ↔ zero-pad, windows ↔ windows-add, gather ↔ scatter-add, concatenate ↔ slices.
extension Variable {
    public func reshaped(_ newShape: [Int]) -> Variable {
        let original = shape
        let result = value.reshaped(newShape)
        if result.shape == original { return self }
        return Variable.record("reshape", value: result, inputs: [self]) { _, g, _ in [g.reshaped(original)] }
    }

    public func permuted(_ order: [Int]) -> Variable {
        var inverse = [Int](repeating: 0, count: order.count)
        for (index, axis) in order.enumerated() { inverse[axis] = index }
        return Variable.record("permute", value: value.permuted(order), inputs: [self]) { _, g, _ in
            [g.permuted(inverse)]
        }
    }

    /// The last two axes swapped.
    public var transposed: Variable {
        var order = Array(0..<rank)
        order.swapAt(rank - 1, rank - 2)
        return permuted(order)
    }

    public func unsqueezed(axis: Int) -> Variable {
        let axis = axis < 0 ? axis + rank + 1 : axis
        var newShape = shape
        newShape.insert(1, at: axis)
        return reshaped(newShape)
    }

    public func squeezed(axis: Int) -> Variable {
        var newShape = shape
        newShape.remove(at: value.axisIndex(axis))
        return reshaped(newShape)
    }

    /// Elements `range` along `axis`.
    public func sliced(axis: Int, _ range: Range<Int>) -> Variable {
        let axis = value.axisIndex(axis)
        let length = shape[axis]
        if range == 0..<length { return self }
        return Variable.record("slice", value: value.sliced(axis: axis, range), inputs: [self]) { _, g, _ in
            [g.padded(axis: axis, before: range.lowerBound, after: length - range.upperBound)]
        }
    }

    /// Zero padding along `axis`.
    public func padded(axis: Int, before: Int, after: Int) -> Variable {
        let axis = value.axisIndex(axis)
        if before == 0 && after == 0 { return self }
        let length = shape[axis]
        return Variable.record("pad", value: value.padded(axis: axis, before: before, after: after), inputs: [self]) {
            _, g, _ in [g.sliced(axis: axis, before..<(before + length))]
        }
    }

    /// Periodic padding along `axis`, composed of slices and a concatenation.
    public func circularlyPadded(axis: Int, before: Int, after: Int) -> Variable {
        let axis = value.axisIndex(axis)
        let n = shape[axis]
        return Variable.concatenate([sliced(axis: axis, (n - before)..<n), self, sliced(axis: axis, 0..<after)], axis: axis)
    }

    /// Sliding windows along `axis` (see `Tensor.windows`).
    public func windows(axis: Int, size: Int, step: Int) -> Variable {
        let axis = value.axisIndex(axis)
        let length = shape[axis]
        return Variable.record("windows", value: value.windows(axis: axis, size: size, step: step), inputs: [self]) {
            _, g, _ in [g.windowsAdded(axis: axis, size: size, step: step, length: length)]
        }
    }

    /// The adjoint of `windows`: overlapping window elements added back into `length` slots.
    public func windowsAdded(axis: Int, size: Int, step: Int, length: Int) -> Variable {
        let axis = value.axisIndex(axis)
        return Variable.record("windowsAdd", value: value.windowsAdded(axis: axis, size: size, step: step, length: length),
                               inputs: [self]) { _, g, _ in [g.windows(axis: axis, size: size, step: step)] }
    }

    /// Elements `indices` along `axis`.
    public func gathered(axis: Int, indices: [Int]) -> Variable {
        let axis = value.axisIndex(axis)
        let length = shape[axis]
        return Variable.record("gather", value: value.gathered(axis: axis, indices: indices), inputs: [self]) {
            _, g, _ in [g.scatterAdded(axis: axis, indices: indices, length: length)]
        }
    }

    /// The adjoint of `gathered`.
    public func scatterAdded(axis: Int, indices: [Int], length: Int) -> Variable {
        let axis = value.axisIndex(axis)
        return Variable.record("scatterAdd", value: value.scatterAdded(axis: axis, indices: indices, length: length),
                               inputs: [self]) { _, g, _ in [g.gathered(axis: axis, indices: indices)] }
    }

    /// The variables joined along `axis`.
    public static func concatenate(_ parts: [Variable], axis: Int) -> Variable {
        let axis = parts[0].value.axisIndex(axis)
        let lengths = parts.map { $0.shape[axis] }
        let value = Tensor.concatenate(parts.map(\.value), axis: axis)
        return record("concatenate", value: value, inputs: parts) { _, g, needed in
            var start = 0
            return lengths.enumerated().map { index, length in
                defer { start += length }
                return needed[index] ? g.sliced(axis: axis, start..<(start + length)) : nil
            }
        }
    }
}
