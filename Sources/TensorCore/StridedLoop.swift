/// Row-by-row iteration over strided layouts: every kernel that accepts non-contiguous views
/// walks its operands with these helpers, one call per row of the innermost axis.
///
/// Axes are coalesced first: size-1 axes are dropped and neighbouring axes merge wherever every
/// operand steps through them as through one axis, so rows are as long as the layouts allow.
public enum StridedLoop {
    /// Calls `body(start, length, step)` for each row of a tensor with `shape`, `strides` and
    /// `offset`, in row-major order.
    @inlinable
    public static func forEachRow(shape: [Int], strides: [Int], offset: Int,
                                  _ body: (_ start: Int, _ length: Int, _ step: Int) -> Void) {
        forEachRow(shape: shape, strides: strides, offset: offset, strides: strides, offset: 0) { a, _, length, step, _ in
            body(a, length, step)
        }
    }

    /// Calls `body(startA, startB, length, stepA, stepB)` for each row, walking two operands that
    /// share `shape` (each with its own strides and offset) in lockstep, in row-major order.
    @inlinable
    public static func forEachRow(shape: [Int], strides stridesA: [Int], offset offsetA: Int,
                                  strides stridesB: [Int], offset offsetB: Int,
                                  _ body: (_ startA: Int, _ startB: Int, _ length: Int, _ stepA: Int, _ stepB: Int) -> Void) {
        if shape.contains(0) { return }
        let (axes, a, b) = coalesce(shape, stridesA, stridesB)
        let rank = axes.count
        if rank == 0 {
            body(offsetA, offsetB, 1, 0, 0)
            return
        }
        let (length, stepA, stepB) = (axes[rank - 1], a[rank - 1], b[rank - 1])
        if rank == 1 {
            body(offsetA, offsetB, length, stepA, stepB)
            return
        }
        var counter = [Int](repeating: 0, count: rank - 1)
        var (startA, startB) = (offsetA, offsetB)
        while true {
            body(startA, startB, length, stepA, stepB)
            var axis = rank - 2
            while axis >= 0 {
                counter[axis] += 1
                startA += a[axis]
                startB += b[axis]
                if counter[axis] < axes[axis] { break }
                startA -= a[axis] * axes[axis]
                startB -= b[axis] * axes[axis]
                counter[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// Drops size-1 axes and merges axis i into i+1 when both operands have
    /// `stride[i] == stride[i+1] · shape[i+1]`.
    @usableFromInline
    static func coalesce(_ shape: [Int], _ a: [Int], _ b: [Int]) -> ([Int], [Int], [Int]) {
        var (axes, stridesA, stridesB) = ([Int](), [Int](), [Int]())
        for axis in shape.indices where shape[axis] != 1 {
            if let last = axes.last, stridesA.last! == a[axis] * shape[axis], stridesB.last! == b[axis] * shape[axis] {
                axes[axes.count - 1] = last * shape[axis]
                stridesA[stridesA.count - 1] = a[axis]
                stridesB[stridesB.count - 1] = b[axis]
            } else {
                axes.append(shape[axis])
                stridesA.append(a[axis])
                stridesB.append(b[axis])
            }
        }
        return (axes, stridesA, stridesB)
    }
}
