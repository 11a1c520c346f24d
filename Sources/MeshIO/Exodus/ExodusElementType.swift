import MeshCore

/// Exodus II's `elem_type` names. Writing uses names that both the Exodus II library and
/// meshio know; reading takes the family from the name (`TRI`, `QUAD`/`SHELL`, `TETRA`/`TET`,
/// `HEX`, `WEDGE`, `PYRAMID`, `BAR`/`BEAM`/`TRUSS`, `SPHERE`/`CIRCLE`, case-insensitive) and
/// the type from the family and the block's nodes per element.
enum ExodusElementType {
    static let names: [CellType: String] = [
        .vertex: "SPHERE", .line: "BAR2", .line3: "BEAM3", .triangle: "TRI3", .triangle6: "TRI6", .quad: "QUAD4",
        .quad8: "QUAD8", .quad9: "QUAD9", .tetra: "TETRA", .tetra10: "TETRA10", .hexahedron: "HEX8",
        .hexahedron20: "HEX20", .hexahedron27: "HEX27", .wedge: "WEDGE", .pyramid: "PYRAMID",
    ]

    /// The cell type of a block of `elem_type` `name` with `nodes` nodes per element, or nil.
    static func type(name: String, nodes: Int) -> CellType? {
        let letters = String(name.uppercased().prefix { $0.isLetter })
        let family: [CellType]
        switch letters {
        case "SPHERE", "CIRCLE": family = [.vertex]
        case "BAR", "BEAM", "TRUSS", "EDGE": family = [.line, .line3]
        case "TRI", "TRIANGLE", "TRISHELL": family = [.triangle, .triangle6]
        case "QUAD", "SHELL": family = [.triangle, .quad, .quad8, .quad9]
        case "TET", "TETRA": family = [.tetra, .tetra10]
        case "HEX", "HEXAHEDRON": family = [.hexahedron, .hexahedron20, .hexahedron27]
        case "WEDGE": family = [.wedge]
        case "PYRAMID": family = [.pyramid]
        default: return nil
        }
        return family.first { $0.nodeCount == nodes && (letters != "QUAD" || $0 != .triangle) }
    }
}
