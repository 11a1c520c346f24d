/// Cell quality: signed measures, aspect ratios and the tangling report.
///
/// Signed measure per linear type (quadratic cells are measured by their corners):
/// - `line`: x₁ − x₀ for 1-D points, the length otherwise.
/// - `triangle`: ½ (p₁ − p₀) × (p₂ − p₀) in the x–y plane (z is ignored), positive for
///   counter-clockwise corners.
/// - `quad`: the shoelace sum ½ Σᵢ (xᵢ yᵢ₊₁ − xᵢ₊₁ yᵢ) in the x–y plane.
/// - `tetra`: (p₁ − p₀) · ((p₂ − p₀) × (p₃ − p₀)) / 6.
/// - `hexahedron`: ∫ det J over the unit cube of the trilinear map, by 2×2×2 Gauss points
///   (exact: det J has degree ≤ 2 in each variable).
/// - `wedge`: ∫ det J over the unit prism; det J is linear in (ξ, η) and quadratic in ζ, so
///   the triangle centroid times 2 Gauss points in ζ is exact.
/// - `pyramid`: the mean of the four tetrahedra of its two diagonal splits (exact for a planar base).
/// - `vertex`: 0.
extension Mesh {
    /// The signed measure (length, area or volume) of every cell of block `block`.
    public func signedMeasures(block: Int) -> [Double] {
        let cells = cellBlocks[block]
        return (0..<cells.count).map { signedMeasure(cells.type.linear, corners: cells[$0]) }
    }

    /// Longest over shortest corner-to-corner edge of every cell of block `block` (1 for a
    /// square, an equilateral triangle or a regular tetrahedron; ∞ for a collapsed edge).
    public func aspectRatios(block: Int) -> [Double] {
        let cells = cellBlocks[block]
        let edges = cells.type.edges
        guard !edges.isEmpty else { return Array(repeating: 1, count: cells.count) }
        return (0..<cells.count).map { index in
            let nodes = Array(cells[index])
            let lengths = edges.map { edge in
                let d = point(nodes[edge.0]) - point(nodes[edge.1])
                return (d * d).sum().squareRoot()
            }
            let shortest = lengths.min()!
            return shortest > 0 ? lengths.max()! / shortest : .infinity
        }
    }

    /// The cells of the mesh's highest topological dimension whose signed measure is not positive.
    public func tanglingReport() -> TanglingReport {
        let top = cellBlocks.map(\.type.dimension).max() ?? 0
        var report = TanglingReport()
        for (b, block) in cellBlocks.enumerated() where block.type.dimension == top && top > 0 {
            for (cell, measure) in signedMeasures(block: b).enumerated() {
                report.checkedCells += 1
                report.smallestMeasure = min(report.smallestMeasure ?? measure, measure)
                if !(measure > 0) { report.tangled.append(.init(block: b, cell: cell, measure: measure)) }
            }
        }
        return report
    }

    func signedMeasure(_ type: CellType, corners: ArraySlice<Int>) -> Double {
        let p = corners.map { point($0) }          // a closure, not `map(point)`: that copies the mesh per cell
        switch type {
        case .vertex:
            return 0
        case .line:
            let d = p[1] - p[0]
            return dimension == 1 ? d.x : (d * d).sum().squareRoot()
        case .triangle:
            return 0.5 * ((p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y))
        case .quad:
            return 0.5 * (0..<4).reduce(0) { $0 + p[$1].x * p[($1 + 1) % 4].y - p[($1 + 1) % 4].x * p[$1].y }
        case .tetra:
            return Self.tetraVolume(p[0], p[1], p[2], p[3])
        case .pyramid:
            return 0.5 * (Self.tetraVolume(p[0], p[1], p[2], p[4]) + Self.tetraVolume(p[0], p[2], p[3], p[4])
                + Self.tetraVolume(p[0], p[1], p[3], p[4]) + Self.tetraVolume(p[1], p[2], p[3], p[4]))
        case .hexahedron:
            let g = [0.5 - 0.5 / 3.0.squareRoot(), 0.5 + 0.5 / 3.0.squareRoot()]
            var volume = 0.0
            for x in g { for y in g { for z in g { volume += Self.hexahedronJacobian(p, SIMD3(x, y, z)) / 8 } } }
            return volume
        case .wedge:
            let g = [0.5 - 0.5 / 3.0.squareRoot(), 0.5 + 0.5 / 3.0.squareRoot()]
            return g.reduce(0) { $0 + 0.25 * Self.wedgeJacobian(p, SIMD3(1.0 / 3, 1.0 / 3, $1)) }
        default:
            preconditionFailure("signedMeasure takes linear cell types, got \(type.rawValue)")
        }
    }

    static func tetraVolume(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ c: SIMD3<Double>, _ d: SIMD3<Double>) -> Double {
        tripleProduct(b - a, c - a, d - a) / 6
    }

    static func tripleProduct(_ u: SIMD3<Double>, _ v: SIMD3<Double>, _ w: SIMD3<Double>) -> Double {
        u.x * (v.y * w.z - v.z * w.y) - u.y * (v.x * w.z - v.z * w.x) + u.z * (v.x * w.y - v.y * w.x)
    }

    /// det J of the trilinear map of the unit cube (VTK corner order) at `q`.
    static func hexahedronJacobian(_ p: [SIMD3<Double>], _ q: SIMD3<Double>) -> Double {
        let reference: [SIMD3<Double>] = [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1]]
        var (dx, dy, dz) = (SIMD3<Double>(), SIMD3<Double>(), SIMD3<Double>())
        for (k, r) in reference.enumerated() {
            let w = r * q + (1 - r) * (1 - q)  // the 1-D shape function of corner k along each axis
            let s = 2 * r - 1                   // and its derivative
            dx += p[k] * (s.x * w.y * w.z)
            dy += p[k] * (s.y * w.x * w.z)
            dz += p[k] * (s.z * w.x * w.y)
        }
        return tripleProduct(dx, dy, dz)
    }

    /// det J of the map of the unit prism (corners 0-1-2 at ζ = 0, 3-4-5 at ζ = 1) at `q`.
    static func wedgeJacobian(_ p: [SIMD3<Double>], _ q: SIMD3<Double>) -> Double {
        let area = [1 - q.x - q.y, q.x, q.y]
        let gradient: [SIMD2<Double>] = [[-1, -1], [1, 0], [0, 1]]
        var (dx, dy, dz) = (SIMD3<Double>(), SIMD3<Double>(), SIMD3<Double>())
        for i in 0..<3 {
            let (bottom, top) = (p[i], p[i + 3])
            let along = bottom * (1 - q.z) + top * q.z
            dx += along * gradient[i].x
            dy += along * gradient[i].y
            dz += (top - bottom) * area[i]
        }
        return tripleProduct(dx, dy, dz)
    }
}
