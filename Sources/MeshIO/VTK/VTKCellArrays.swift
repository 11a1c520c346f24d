import MeshCore

/// Cells as VTK stores them (legacy and XML alike): a type id per cell, the end offset of each
/// cell in a flat connectivity array, and the connectivity, in VTK's node order.
struct VTKCellArrays {
    var types: [Int]
    var ends: [Int]
    var connectivity: [Int]

    /// Which array is wrong, at which entry, and why.
    struct Problem: Error {
        enum Array { case types, offsets, connectivity }
        var array: Array
        var entry: Int
        var reason: String
    }

    init(types: [Int], ends: [Int], connectivity: [Int]) {
        (self.types, self.ends, self.connectivity) = (types, ends, connectivity)
    }

    /// The cells of `blocks`, in order.
    init(blocks: [CellBlock]) {
        (types, ends, connectivity) = ([], [], [])
        for block in blocks {
            let (id, n) = (CellTypeTable.vtk.id(block.type), block.type.nodeCount)
            types += repeatElement(id, count: block.count)
            ends += stride(from: connectivity.count + n, through: connectivity.count + block.connectivity.count, by: n)
            connectivity += CellTypeTable.vtk.fileOrder(block.type, connectivity: block.connectivity)
        }
    }

    /// Checks types, offsets and indices against `pointCount` points.
    func check(pointCount: Int) throws(Problem) {
        guard types.count == ends.count else {
            throw Problem(array: .types, entry: min(types.count, ends.count), reason: "\(types.count) cell types for \(ends.count) cells")
        }
        var start = 0
        for (i, id) in types.enumerated() {
            guard let type = CellTypeTable.vtk.type(id: id) else {
                throw Problem(array: .types, entry: i, reason: "unknown or unsupported VTK cell type \(id)")
            }
            guard ends[i] - start == type.nodeCount, ends[i] <= connectivity.count else {
                throw Problem(array: .offsets, entry: i, reason: "cell \(i) (\(type.rawValue)) has offsets \(start)..<\(ends[i]) "
                              + "in \(connectivity.count) indices, expected \(type.nodeCount) nodes")
            }
            start = ends[i]
        }
        guard start == connectivity.count else {
            throw Problem(array: .offsets, entry: types.count, reason: "the cells use \(start) of \(connectivity.count) indices")
        }
        if let bad = connectivity.firstIndex(where: { $0 < 0 || $0 >= pointCount }) {
            throw Problem(array: .connectivity, entry: bad, reason: "point index \(connectivity[bad]) is out of range (\(pointCount) points)")
        }
    }

    /// Cell blocks, one per run of consecutive cells of one type (as meshio), in meshio's node
    /// order, and the cell range of each block. Call `check` first.
    func blocks() -> (blocks: [CellBlock], runs: [Range<Int>]) {
        var (blocks, runs): ([CellBlock], [Range<Int>]) = ([], [])
        var cell = 0
        while cell < types.count {
            let type = CellTypeTable.vtk.type(id: types[cell])!
            var stop = cell + 1
            while stop < types.count, types[stop] == types[cell] { stop += 1 }
            // `check` made every cell exactly `nodeCount` long, so a run is one contiguous slice.
            let run = Array(connectivity[ends[cell] - type.nodeCount..<ends[stop - 1]])
            blocks.append(CellBlock(type: type, connectivity: CellTypeTable.vtk.meshOrder(type, run)))
            runs.append(cell..<stop)
            cell = stop
        }
        return (blocks, runs)
    }
}
