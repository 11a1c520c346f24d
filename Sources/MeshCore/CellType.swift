/// A cell type, named exactly as meshio names it, with meshio's node ordering (VTK's, except
/// for `wedge`, where meshio follows Gmsh's prism: the corners 0-1-2 turn counter-clockwise
/// seen from the face 3-4-5).
///
/// Every node of a cell is described by its *signature*: the set of corner indices whose
/// centroid it sits at in a straight-sided cell (a corner is `[i]`, a mid-edge node `[a, b]`,
/// a face centre its four corners, a body centre all eight). File formats describe their own
/// orderings with signatures too, so every permutation between formats is derived, never
/// typed in by hand.
public enum CellType: String, CaseIterable, Sendable, Hashable {
    case vertex, line, triangle, quad, tetra, hexahedron, wedge, pyramid
    case line3, triangle6, quad8, quad9, tetra10, hexahedron20, hexahedron27

    /// Nodes per cell (`nodeSignatures.count`, as a constant: readers ask per cell).
    public var nodeCount: Int {
        switch self {
        case .vertex: 1
        case .line: 2
        case .triangle, .line3: 3
        case .quad, .tetra: 4
        case .pyramid: 5
        case .wedge, .triangle6: 6
        case .hexahedron, .quad8: 8
        case .quad9: 9
        case .tetra10: 10
        case .hexahedron20: 20
        case .hexahedron27: 27
        }
    }

    /// Topological dimension: 0 for vertices, 1 for lines, 2 for surface cells, 3 for volumes.
    public var dimension: Int {
        switch linear {
        case .vertex: 0
        case .line: 1
        case .triangle, .quad: 2
        default: 3
        }
    }

    /// The linear cell with the same corners (`tetra` for `tetra10`); corners come first in
    /// every ordering, so the first `linear.nodeCount` nodes of a cell are its corners.
    public var linear: CellType {
        switch self {
        case .line3: .line
        case .triangle6: .triangle
        case .quad8, .quad9: .quad
        case .tetra10: .tetra
        case .hexahedron20, .hexahedron27: .hexahedron
        default: self
        }
    }

    /// The corner pairs joined by an edge, in VTK's edge order (which is also the order of
    /// the mid-edge nodes of the quadratic cells).
    public var edges: [(Int, Int)] {
        switch linear {
        case .vertex: []
        case .line: [(0, 1)]
        case .triangle: [(0, 1), (1, 2), (2, 0)]
        case .quad: [(0, 1), (1, 2), (2, 3), (3, 0)]
        case .tetra: [(0, 1), (1, 2), (2, 0), (0, 3), (1, 3), (2, 3)]
        case .hexahedron: [(0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 4), (0, 4), (1, 5), (2, 6), (3, 7)]
        case .wedge: [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (0, 3), (1, 4), (2, 5)]
        case .pyramid: [(0, 1), (1, 2), (2, 3), (3, 0), (0, 4), (1, 4), (2, 4), (3, 4)]
        default: preconditionFailure("linear is always a linear cell type")
        }
    }

    /// Each node's signature (sorted corner indices) in meshio's ordering.
    public var nodeSignatures: [[Int]] {
        let corners: [[Int]] = (0..<Self.cornerCount(linear)).map { [$0] }
        let midEdges = linear.edges.map { [min($0.0, $0.1), max($0.0, $0.1)] }
        switch self {
        case .line3, .triangle6, .quad8, .tetra10, .hexahedron20: return corners + midEdges
        case .quad9: return corners + midEdges + [[0, 1, 2, 3]]
        case .hexahedron27:
            // VTK's face order: x = 0, x = 1, y = 0, y = 1, z = 0, z = 1; then the centre.
            let faces = [[0, 3, 4, 7], [1, 2, 5, 6], [0, 1, 4, 5], [2, 3, 6, 7], [0, 1, 2, 3], [4, 5, 6, 7]]
            return corners + midEdges + faces + [Array(0..<8)]
        default: return corners
        }
    }

    private static func cornerCount(_ linear: CellType) -> Int {
        switch linear {
        case .vertex: 1
        case .line: 2
        case .triangle: 3
        case .quad, .tetra: 4
        case .pyramid: 5
        case .wedge: 6
        default: 8
        }
    }
}
