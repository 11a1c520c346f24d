/// Cells of one type: 0-based point indices, `type.nodeCount` per cell, stored flat in
/// meshio's node ordering.
public struct CellBlock: Equatable, Sendable {
    public var type: CellType
    public var connectivity: [Int]

    public init(type: CellType, connectivity: [Int]) {
        precondition(connectivity.count % type.nodeCount == 0,
                     "CellBlock: \(connectivity.count) indices is not a multiple of \(type.nodeCount) (\(type.rawValue))")
        self.type = type
        self.connectivity = connectivity
    }

    /// Number of cells.
    public var count: Int { connectivity.count / type.nodeCount }

    /// The point indices of cell `index`.
    public subscript(index: Int) -> ArraySlice<Int> {
        let n = type.nodeCount
        return connectivity[index * n..<(index + 1) * n]
    }
}
