/// A strided box of a variable: per axis, `count` indices from `start` in steps of `stride`
/// (netCDF's `nc_get_vars`).
public struct Hyperslab: Equatable, Sendable {
    public var start: [Int]
    public var count: [Int]
    public var stride: [Int]

    public init(start: [Int], count: [Int], stride: [Int]? = nil) {
        precondition(start.count == count.count, "start and count ranks differ")
        (self.start, self.count, self.stride) = (start, count, stride ?? start.map { _ in 1 })
    }

    /// All of a variable of `shape`.
    public init(whole shape: [Int]) { self.init(start: shape.map { _ in 0 }, count: shape) }

    public var elementCount: Int { count.reduce(1, *) }
    public var isStrided: Bool { stride.contains { $0 != 1 } }

    /// The same box with axis 0 restricted to `rows` indices from row `first` (within the box).
    public func rows(_ first: Int, _ rows: Int) -> Hyperslab {
        var slab = self
        slab.start[0] = start[0] + first * stride[0]
        slab.count[0] = rows
        return slab
    }

    /// Whether the box lies within `shape`.
    func fits(_ shape: [Int]) -> Bool {
        guard shape.count == start.count else { return false }
        for axis in shape.indices {
            let (first, length, step) = (start[axis], count[axis], stride[axis])
            guard first >= 0, length >= 0, step >= 1 else { return false }
            if length > 0 {
                let (span, overflow) = (length - 1).multipliedReportingOverflow(by: step)
                guard !overflow, first + span < shape[axis] else { return false }
            }
        }
        return true
    }
}
