/// An unstructured mesh in meshio's data model: points, cell blocks by type, point data, cell
/// data (one array per block), field data and point sets (Exodus node sets). Gmsh's tags are
/// cell data named `gmsh:physical` and `gmsh:geometrical` (integers, one per cell), as in meshio.
public struct Mesh: Equatable, Sendable {
    /// Coordinates per point: 1, 2 or 3.
    public var dimension: Int
    /// Coordinates, point-major: point `i` is `points[i * dimension ..< (i + 1) * dimension]`.
    public var points: [Double]
    public var cellBlocks: [CellBlock]
    public var pointData: [String: DataArray]
    /// One array per cell block, in block order.
    public var cellData: [String: [DataArray]]
    public var fieldData: [String: DataArray]
    /// Named sets of 0-based point indices (meshio's `point_sets`; Exodus II node sets).
    public var pointSets: [String: [Int]]

    public static let physicalTag = "gmsh:physical"
    public static let geometricalTag = "gmsh:geometrical"

    public init(dimension: Int, points: [Double], cellBlocks: [CellBlock], pointData: [String: DataArray] = [:],
                cellData: [String: [DataArray]] = [:], fieldData: [String: DataArray] = [:],
                pointSets: [String: [Int]] = [:]) {
        precondition((1...3).contains(dimension), "Mesh: dimension must be 1, 2 or 3, got \(dimension)")
        precondition(points.count % dimension == 0, "Mesh: \(points.count) coordinates is not a multiple of \(dimension)")
        self.dimension = dimension
        self.points = points
        self.cellBlocks = cellBlocks
        self.pointData = pointData
        self.cellData = cellData
        self.fieldData = fieldData
        self.pointSets = pointSets
    }

    public var pointCount: Int { points.count / dimension }
    public var cellCount: Int { cellBlocks.reduce(0) { $0 + $1.count } }

    /// Point `index` with missing coordinates set to 0.
    public func point(_ index: Int) -> SIMD3<Double> {
        let base = index * dimension
        return SIMD3(points[base], dimension > 1 ? points[base + 1] : 0, dimension > 2 ? points[base + 2] : 0)
    }

    /// The same mesh with `dimension` coordinates per point (missing ones are 0; dropping
    /// coordinates is a programmer error unless they are all 0).
    public func withDimension(_ dimension: Int) -> Mesh {
        guard dimension != self.dimension else { return self }
        var copy = self
        copy.dimension = dimension
        copy.points = (0..<pointCount).flatMap { index in
            (0..<dimension).map { $0 < self.dimension ? points[index * self.dimension + $0] : 0 }
        }
        return copy
    }

    /// Checks that every index names a point and every data array fits its points or cells.
    public func validate() throws(MeshError) {
        for (b, block) in cellBlocks.enumerated() {
            if let position = block.connectivity.firstIndex(where: { $0 < 0 || $0 >= pointCount }) {
                throw .connectivityOutOfRange(block: b, cell: position / block.type.nodeCount,
                                              index: block.connectivity[position], pointCount: pointCount)
            }
        }
        for (name, set) in pointSets {
            if let index = set.first(where: { $0 < 0 || $0 >= pointCount }) {
                throw .pointSetOutOfRange(name: name, index: index, pointCount: pointCount)
            }
        }
        for (name, array) in pointData where array.count != pointCount || array.valueCount % array.components != 0 {
            throw .pointDataLength(name: name, count: array.count, pointCount: pointCount)
        }
        for (name, arrays) in cellData {
            guard arrays.count == cellBlocks.count else {
                throw .cellDataBlocks(name: name, arrays: arrays.count, blocks: cellBlocks.count)
            }
            for (b, array) in arrays.enumerated() where array.count != cellBlocks[b].count {
                throw .cellDataLength(name: name, block: b, count: array.count, cellCount: cellBlocks[b].count)
            }
        }
    }
}
