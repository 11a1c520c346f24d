import MeshCore

/// A file format's cell type ids and node orderings. A format's ordering is written as node
/// signatures (the corners each node is the centroid of, in meshio's corner numbering), and
/// the permutation both ways is derived from them, so no inverse is ever typed in by hand.
public struct CellTypeTable: Sendable {
    private let ids: [CellType: Int]
    private let types: [Int: CellType]
    /// `fileToMesh[type][i]`: the meshio position of the node stored at position i in the file.
    public let fileToMesh: [CellType: [Int]]

    init(ids: [CellType: Int], signatures: [CellType: [[Int]]]) {
        self.ids = ids
        types = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        var orders: [CellType: [Int]] = [:]
        for (type, fileSignatures) in signatures {
            let meshSignatures = type.nodeSignatures
            orders[type] = fileSignatures.map { signature in meshSignatures.firstIndex(of: signature.sorted())! }
            precondition(Set(orders[type]!).count == type.nodeCount, "CellTypeTable: \(type.rawValue) is not a permutation")
        }
        fileToMesh = orders
    }

    func id(_ type: CellType) -> Int { ids[type]! }
    func type(id: Int) -> CellType? { types[id] }

    /// Appends one cell's nodes, given in file order, to `connectivity` in meshio's order.
    func appendInMeshOrder(_ type: CellType, _ fileNodes: [Int], to connectivity: inout [Int]) {
        guard let order = fileToMesh[type] else { connectivity += fileNodes; return }
        let base = connectivity.count
        connectivity += fileNodes
        for (i, position) in order.enumerated() { connectivity[base + position] = fileNodes[i] }
    }

    /// The connectivity of a whole block, given in file order, in meshio's order (the same
    /// array when the type's orders agree).
    func meshOrder(_ type: CellType, _ fileConnectivity: [Int]) -> [Int] {
        Self.permuted(fileConnectivity, type.nodeCount, fileToMesh[type], toMesh: true)
    }

    /// The connectivity of a whole block in file order.
    func fileOrder(_ type: CellType, connectivity: [Int]) -> [Int] {
        Self.permuted(connectivity, type.nodeCount, fileToMesh[type], toMesh: false)
    }

    /// Applies `order` (file position → mesh position) to every cell, or its inverse.
    private static func permuted(_ connectivity: [Int], _ n: Int, _ order: [Int]?, toMesh: Bool) -> [Int] {
        guard let order else { return connectivity }
        var result = connectivity
        for base in stride(from: 0, to: connectivity.count, by: n) {
            for (file, mesh) in order.enumerated() {
                if toMesh { result[base + mesh] = connectivity[base + file] } else { result[base + file] = connectivity[base + mesh] }
            }
        }
        return result
    }

    /// One cell's nodes in file order.
    func fileOrder(_ type: CellType, _ meshNodes: ArraySlice<Int>) -> [Int] {
        guard let order = fileToMesh[type] else { return Array(meshNodes) }
        return order.map { meshNodes[meshNodes.startIndex + $0] }
    }

    public static let gmsh = CellTypeTable(
        ids: [.vertex: 15, .line: 1, .triangle: 2, .quad: 3, .tetra: 4, .hexahedron: 5, .wedge: 6, .pyramid: 7, .line3: 8,
              .triangle6: 9, .quad9: 10, .tetra10: 11, .hexahedron27: 12, .quad8: 16, .hexahedron20: 17],
        signatures: {
            // Gmsh's node ordering (gmsh.info, "Node ordering"): edges of the tetrahedron and
            // hexahedron in Gmsh's own order, then the hexahedron's faces and centre.
            let tetraEdges = [[0, 1], [1, 2], [0, 2], [0, 3], [2, 3], [1, 3]]
            let hexEdges = [[0, 1], [0, 3], [0, 4], [1, 2], [1, 5], [2, 3], [2, 6], [3, 7], [4, 5], [4, 7], [5, 6], [6, 7]]
            let hexFaces = [[0, 1, 2, 3], [0, 1, 4, 5], [0, 3, 4, 7], [1, 2, 5, 6], [2, 3, 6, 7], [4, 5, 6, 7]]
            let corners = { (n: Int) in (0..<n).map { [$0] } }
            return [.tetra10: corners(4) + tetraEdges, .hexahedron20: corners(8) + hexEdges,
                    .hexahedron27: corners(8) + hexEdges + hexFaces + [Array(0..<8)]]
        }())

    public static let vtk = CellTypeTable(
        ids: [.vertex: 1, .line: 3, .triangle: 5, .quad: 9, .tetra: 10, .hexahedron: 12, .wedge: 13, .pyramid: 14, .line3: 21,
              .triangle6: 22, .quad8: 23, .tetra10: 24, .hexahedron20: 25, .quad9: 28, .hexahedron27: 29],
        // vtkWedge turns 0-1-2 clockwise seen from 3-4-5 (its 0-1-2 normal points out of the
        // cell); meshio and Gmsh turn it counter-clockwise. Every other type is VTK's order.
        signatures: [.wedge: [[0], [2], [1], [3], [5], [4]]])

    /// Exodus II (the Exodus II manual's element figures, and SEACAS IOSS's `Hex20`/`Hex27`
    /// topology tables): VTK's orderings, except the hexahedra of order two, whose mid-edge nodes
    /// go bottom edges, vertical edges, top edges; HEX27 then has the centroid (position 20) and
    /// the centres of faces 0-3-2-1, 4-5-6-7, 0-4-7-3, 1-2-6-5, 0-1-5-4, 2-3-7-6. Exodus names its types by text (`elem_type`), so the ids are unused.
    static let exodus = CellTypeTable(
        ids: [:],
        signatures: {
            let hex20 = (0..<8).map { [$0] } + [[0, 1], [1, 2], [2, 3], [3, 0], [0, 4], [1, 5], [2, 6], [3, 7],
                                                 [4, 5], [5, 6], [6, 7], [7, 4]]
            let faces = [[0, 1, 2, 3], [4, 5, 6, 7], [0, 3, 4, 7], [1, 2, 5, 6], [0, 1, 4, 5], [2, 3, 6, 7]]
            return [.hexahedron20: hex20, .hexahedron27: hex20 + [Array(0..<8)] + faces]
        }())
}
