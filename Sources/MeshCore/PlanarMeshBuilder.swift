/// Collects the quadrilaterals of a planar mesh as corner coordinates, welds coincident
/// corners into shared points, and emits quads or triangles, all counter-clockwise.
///
/// Generators describe each patch on its own; corners that two patches share (within
/// `tolerance`, relative to 1) become one point, so patches join conformingly when their
/// boundary nodes coincide.
struct PlanarMeshBuilder {
    private(set) var points: [SIMD2<Double>] = []
    private(set) var quads: [[Int]] = []
    private var index: [SIMD2<Int64>: Int] = [:]
    let tolerance = 1e-9

    /// The point at `p`, added unless a point within `tolerance` exists.
    mutating func point(_ p: SIMD2<Double>) -> Int {
        let key = SIMD2(Int64((p.x / tolerance).rounded()), Int64((p.y / tolerance).rounded()))
        // A point within tolerance may have rounded to a neighbouring key.
        for dx in -1...1 {
            for dy in -1...1 {
                if let found = index[key &+ SIMD2(Int64(dx), Int64(dy))] { return found }
            }
        }
        index[key] = points.count
        points.append(p)
        return points.count - 1
    }

    /// Adds the quadrilateral a-b-c-d, reversed when it turns clockwise.
    mutating func quad(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>, _ d: SIMD2<Double>) {
        let corners = [point(a), point(b), point(c), point(d)]
        quads.append(area(corners) < 0 ? corners.reversed() : corners)
    }

    func area(_ polygon: [Int]) -> Double {
        0.5 * polygon.indices.reduce(0) { sum, i in
            let (p, q) = (points[polygon[i]], points[polygon[(i + 1) % polygon.count]])
            return sum + p.x * q.y - q.x * p.y
        }
    }

    /// The mesh (2-D points) with one `quad` block, or one `triangle` block where each quad is
    /// split along the diagonal that gives the larger smaller triangle. Point data `distance`
    /// holds each point's distance from `centre`.
    func mesh(quads asQuads: Bool, centre: SIMD2<Double>) -> Mesh {
        var connectivity: [Int] = []
        if asQuads {
            connectivity = quads.flatMap { $0 }
        } else {
            for q in quads {
                let first = [[q[0], q[1], q[2]], [q[0], q[2], q[3]]]
                let second = [[q[0], q[1], q[3]], [q[1], q[2], q[3]]]
                let worst = { (split: [[Int]]) in split.map(area).min()! }
                connectivity += (worst(first) >= worst(second) ? first : second).flatMap { $0 }
            }
        }
        let block = CellBlock(type: asQuads ? .quad : .triangle, connectivity: connectivity)
        let distance = points.map { (($0 - centre) * ($0 - centre)).sum().squareRoot() }
        return Mesh(dimension: 2, points: points.flatMap { [$0.x, $0.y] }, cellBlocks: [block],
                    pointData: ["distance": DataArray(doubles: distance)])
    }
}
