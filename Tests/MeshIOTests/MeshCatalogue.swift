import MeshCore

/// Test meshes: cells of every type whose higher-order nodes sit at the centroid of the corners
/// their signature names, with point data, cell data, Gmsh tags and physical names.
enum MeshCatalogue {
    /// Corners of the reference cell of a linear type (counter-clockwise, positive volume).
    static func corners(_ type: CellType) -> [SIMD3<Double>] {
        switch type.linear {
        case .vertex: [[0, 0, 0]]
        case .line: [[0, 0, 0], [1, 0, 0]]
        case .triangle: [[0, 0, 0], [1, 0, 0], [0, 1, 0]]
        case .quad: [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]]
        case .tetra: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
        case .wedge: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [0, 1, 1]]
        case .pyramid: [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0.5, 0.5, 1]]
        default: [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1]]
        }
    }

    /// `count` cells of `type`, each on its own nodes, shifted by `offset` and by 2 along x per cell.
    static func block(_ type: CellType, count: Int, firstPoint: Int, offset: SIMD3<Double>) -> (points: [Double], block: CellBlock) {
        let corners = corners(type)
        var points: [Double] = []
        for cell in 0..<count {
            // A slight shear keeps every cell distinct and non-degenerate.
            let shift = offset + SIMD3(2 * Double(cell), 0, 0)
            for signature in type.nodeSignatures {
                let p = signature.reduce(SIMD3<Double>()) { $0 + corners[$1] } / Double(signature.count)
                points += [p.x + 0.25 * p.y + shift.x, p.y + shift.y, p.z + shift.z]
            }
        }
        let connectivity = Array(firstPoint..<firstPoint + count * type.nodeCount)
        return (points, CellBlock(type: type, connectivity: connectivity))
    }

    /// A mesh with one block per type in `types` (2 cells each) and data on points and cells.
    static func mesh(_ types: [CellType]) -> Mesh {
        var mesh = Mesh(dimension: 3, points: [], cellBlocks: [])
        var dimTags: [Int] = []
        for (b, type) in types.enumerated() {
            let (points, block) = block(type, count: 2, firstPoint: mesh.pointCount, offset: SIMD3(0, 3 * Double(b), 0))
            mesh.points += points
            mesh.cellBlocks.append(block)
            dimTags += (0..<block.connectivity.count).flatMap { _ in [type.dimension, b + 1] }
        }
        let n = mesh.pointCount
        mesh.pointData["u"] = DataArray(doubles: (0..<n).map { Double($0) / 8 - 1 })
        mesh.pointData["velocity"] = DataArray(doubles: (0..<3 * n).map { Double($0) * 0.5 }, components: 3)
        mesh.pointData["label"] = DataArray(ints: (0..<n).map { $0 * 3 - 7 })
        mesh.pointData["gmsh:dim_tags"] = DataArray(ints: dimTags, components: 2)
        mesh.cellData["pressure"] = mesh.cellBlocks.enumerated().map { b, block in
            DataArray(doubles: (0..<block.count).map { Double(10 * b + $0) + 0.125 })
        }
        mesh.cellData[Mesh.physicalTag] = mesh.cellBlocks.enumerated().map { b, block in DataArray(ints: Array(repeating: 100 + b, count: block.count)) }
        mesh.cellData[Mesh.geometricalTag] = mesh.cellBlocks.enumerated().map { b, block in DataArray(ints: Array(repeating: b + 1, count: block.count)) }
        mesh.fieldData = Dictionary(uniqueKeysWithValues: types.enumerated().map { b, type in
            ("group_\(type.rawValue)", DataArray(ints: [100 + b, type.dimension]))
        })
        return mesh
    }
}
