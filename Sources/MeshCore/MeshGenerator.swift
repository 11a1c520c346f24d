import Foundation

/// Simple structured and mapped 2-D meshes, every cell counter-clockwise (positive area).
///
/// Each generator lays out quadrilaterals; with `quads: false` every quadrilateral is split
/// into two triangles. Every mesh carries point data `distance`, the distance of each point
/// from the centre of the shape (a smooth field to plot or convert).
public enum MeshGenerator {
    /// The rectangle [0, width] × [0, height] in `nx` × `ny` cells:
    /// (nx + 1)(ny + 1) points and nx·ny quads or 2·nx·ny triangles.
    public static func rectangle(width: Double = 1, height: Double = 1, nx: Int, ny: Int, quads: Bool) -> Mesh {
        precondition(nx >= 1 && ny >= 1 && width > 0 && height > 0, "MeshGenerator.rectangle: \(nx)×\(ny) cells of \(width)×\(height)")
        var builder = PlanarMeshBuilder()
        let node = { (i: Int, j: Int) in SIMD2(width * Double(i) / Double(nx), height * Double(j) / Double(ny)) }
        for j in 0..<ny {
            for i in 0..<nx { builder.quad(node(i, j), node(i + 1, j), node(i + 1, j + 1), node(i, j + 1)) }
        }
        return builder.mesh(quads: quads, centre: SIMD2(width / 2, height / 2))
    }

    /// The disk of `radius` about the origin: an n × n grid on the square [−1, 1]² mapped onto
    /// the disk by (x, y) ↦ (x √(1 − y²/2), y √(1 − x²/2)), which sends the square's sides onto
    /// the circle. (n + 1)² points and n² quads or 2n² triangles.
    public static func disk(radius: Double = 1, n: Int, quads: Bool) -> Mesh {
        precondition(n >= 1 && radius > 0, "MeshGenerator.disk: n = \(n), radius = \(radius)")
        var builder = PlanarMeshBuilder()
        let node = { (i: Int, j: Int) -> SIMD2<Double> in
            let (x, y) = (2 * Double(i) / Double(n) - 1, 2 * Double(j) / Double(n) - 1)
            return radius * SIMD2(x * (1 - y * y / 2).squareRoot(), y * (1 - x * x / 2).squareRoot())
        }
        for j in 0..<n {
            for i in 0..<n { builder.quad(node(i, j), node(i + 1, j), node(i + 1, j + 1), node(i, j + 1)) }
        }
        return builder.mesh(quads: quads, centre: .zero)
    }

    /// The channel [0, length] × [0, height] with a circular hole of `radius` centred at
    /// (height, height / 2). Around the hole, an O-grid fills the square of side `height`
    /// centred on it: each of the square's 4n boundary nodes is joined to its radial projection
    /// on the circle by `layers` = max(1, n / 2) cells. Structured n-row grids fill the
    /// channel up- and downstream of the square, with cells of width about height / n.
    public static func channel(length: Double = 4, height: Double = 1, radius: Double = 0.2, n: Int, quads: Bool) -> Mesh {
        precondition(n >= 2 && height > 0 && length >= 1.5 * height && radius > 0 && radius < height / 2,
                     "MeshGenerator.channel: n = \(n), length = \(length), height = \(height), radius = \(radius)")
        var builder = PlanarMeshBuilder()
        let centre = SIMD2(height, height / 2)
        let half = height / 2
        // The square's boundary, counter-clockwise from its lower-left corner, 4n segments.
        let corners = [centre + SIMD2(-half, -half), centre + SIMD2(half, -half), centre + SIMD2(half, half), centre + SIMD2(-half, half)]
        let perimeter: [SIMD2<Double>] = (0..<4 * n).map { k in
            let (side, t) = (k / n, Double(k % n) / Double(n))
            return corners[side] + (corners[(side + 1) % 4] - corners[side]) * t
        }
        let layers = max(1, n / 2)
        let ring = { (k: Int, layer: Int) -> SIMD2<Double> in
            let outer = perimeter[k % (4 * n)]
            let direction = outer - centre
            let inner = centre + direction * (radius / (direction * direction).sum().squareRoot())
            return inner + (outer - inner) * (Double(layer) / Double(layers))
        }
        for k in 0..<4 * n {
            for layer in 0..<layers { builder.quad(ring(k, layer), ring(k + 1, layer), ring(k + 1, layer + 1), ring(k, layer + 1)) }
        }
        // Structured grids left and right of the square, with the square's row spacing.
        for (start, end) in [(0.0, centre.x - half), (centre.x + half, length)] where end - start > 1e-12 {
            let columns = max(1, Int((Double(n) * (end - start) / height).rounded()))
            let node = { (i: Int, j: Int) in SIMD2(start + (end - start) * Double(i) / Double(columns), height * Double(j) / Double(n)) }
            for j in 0..<n {
                for i in 0..<columns { builder.quad(node(i, j), node(i + 1, j), node(i + 1, j + 1), node(i, j + 1)) }
            }
        }
        return builder.mesh(quads: quads, centre: centre)
    }
}

extension MeshGenerator {
    /// `mesh` with one point reflected through a neighbour, a fixture for tangling checks.
    ///
    /// The point nearest the centre of the bounding box is moved to 2q − p, where q is the
    /// neighbour (a point sharing a cell with it) farthest from it. Every triangle, quad or
    /// tetrahedron with the edge p–q then changes the sign of its measure.
    public static func folded(_ mesh: Mesh) -> Mesh {
        var mesh = mesh
        let all = (0..<mesh.pointCount).map { mesh.point($0) }
        guard var low = all.first else { return mesh }
        var high = low
        for p in all { (low, high) = (pointwiseMin(low, p), pointwiseMax(high, p)) }
        let centre = (low + high) / 2
        let distance = { (a: SIMD3<Double>, b: SIMD3<Double>) in ((a - b) * (a - b)).sum() }
        let p = all.indices.min { distance(all[$0], centre) < distance(all[$1], centre) }!
        var neighbours = Set<Int>()
        for block in mesh.cellBlocks {
            for cell in 0..<block.count where block[cell].contains(p) { neighbours.formUnion(block[cell]) }
        }
        neighbours.remove(p)
        guard let q = neighbours.max(by: { distance(all[$0], all[p]) < distance(all[$1], all[p]) }) else { return mesh }
        let moved = 2 * all[q] - all[p]
        for axis in 0..<mesh.dimension { mesh.points[p * mesh.dimension + axis] = moved[axis] }
        return mesh
    }
}
