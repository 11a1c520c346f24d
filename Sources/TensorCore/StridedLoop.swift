/// Row-by-row iteration over strided layouts: every kernel that accepts non-contiguous views
/// walks its operands with these helpers, one call per row of the innermost axis.
public enum StridedLoop {
    /// Calls `body(start, length, step)` for each row of the innermost axis of a tensor with
    /// `shape`, `strides` and `offset`, in row-major order.
    @inlinable
    public static func forEachRow(shape: [Int], strides: [Int], offset: Int,
                                  _ body: (_ start: Int, _ length: Int, _ step: Int) -> Void) {
        forEachRow(shape: shape, strides: [strides], offsets: [offset]) { starts, length, steps in
            body(starts[0], length, steps[0])
        }
    }

    /// Calls `body(starts, length, steps)` for each row of the innermost axis, walking several
    /// operands that share `shape` (each with its own strides and offset) in lockstep.
    @inlinable
    public static func forEachRow(shape: [Int], strides: [[Int]], offsets: [Int],
                                  _ body: (_ starts: [Int], _ length: Int, _ steps: [Int]) -> Void) {
        let operandCount = strides.count
        if shape.contains(0) { return }
        if shape.isEmpty {
            body(offsets, 1, [Int](repeating: 0, count: operandCount))
            return
        }
        let rank = shape.count
        let length = shape[rank - 1]
        let steps = strides.map { $0[rank - 1] }
        let outerRank = rank - 1
        var counter = [Int](repeating: 0, count: outerRank)
        var starts = offsets
        while true {
            body(starts, length, steps)
            var axis = outerRank - 1
            while axis >= 0 {
                counter[axis] += 1
                for operand in 0..<operandCount { starts[operand] += strides[operand][axis] }
                if counter[axis] < shape[axis] { break }
                for operand in 0..<operandCount { starts[operand] -= strides[operand][axis] * shape[axis] }
                counter[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}
