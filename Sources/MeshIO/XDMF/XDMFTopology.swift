import MeshCore

/// XDMF's names and mixed-topology codes for cell types. Nodes are stored in meshio's order
/// (XDMF follows VTK's, which meshio shares for every type it writes to XDMF).
///
/// In a `Mixed` topology every cell is its code followed by its nodes; `Polyvertex` (1) and
/// `Polyline` (2) also give their node count after the code.
enum XDMFTopology {
    static let names: [CellType: String] = [
        .vertex: "Polyvertex", .line: "Polyline", .triangle: "Triangle", .quad: "Quadrilateral", .tetra: "Tetrahedron",
        .pyramid: "Pyramid", .wedge: "Wedge", .hexahedron: "Hexahedron", .line3: "Edge_3", .triangle6: "Triangle_6",
        .quad8: "Quadrilateral_8", .quad9: "Quadrilateral_9", .tetra10: "Tetrahedron_10", .hexahedron20: "Hexahedron_20",
        .hexahedron27: "Hexahedron_27",
    ]

    static let codes: [CellType: Int] = [
        .vertex: 1, .line: 2, .triangle: 4, .quad: 5, .tetra: 6, .pyramid: 7, .wedge: 8, .hexahedron: 9, .line3: 34,
        .quad9: 35, .triangle6: 36, .quad8: 37, .tetra10: 38, .hexahedron20: 48, .hexahedron27: 50,
    ]

    static let typesByName: [String: CellType] = Dictionary(uniqueKeysWithValues: names.map { ($1.lowercased(), $0) })
    static let typesByCode: [Int: CellType] = Dictionary(uniqueKeysWithValues: codes.map { ($1, $0) })

    /// Whether a mixed topology writes the node count after the code.
    static func hasCount(_ type: CellType) -> Bool { type == .vertex || type == .line }
}
