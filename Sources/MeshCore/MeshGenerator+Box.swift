/// A structured box of tetrahedra or hexahedra.
extension MeshGenerator {
    /// The unit cube [0, 1]³ in n × n × n cubes: (n + 1)³ points and n³ hexahedra, or 6n³
    /// tetrahedra by Kuhn's split of every cube (one tetrahedron per ordering of the axes:
    /// corner 0, then one step along each axis in that order). The split is the same in every
    /// cube, so faces match; each tetrahedron is oriented to positive volume. Point data
    /// `distance` is the distance from the centre.
    public static func box(n: Int, tetrahedra: Bool) -> Mesh {
        precondition(n >= 1, "MeshGenerator.box: n = \(n)")
        let side = n + 1
        var points = [Double]()
        points.reserveCapacity(3 * side * side * side)
        var distance = [Double]()
        distance.reserveCapacity(side * side * side)
        for k in 0...n {
            for j in 0...n {
                for i in 0...n {
                    let p = SIMD3(Double(i), Double(j), Double(k)) / Double(n)
                    points += [p.x, p.y, p.z]
                    distance.append(((p - 0.5) * (p - 0.5)).sum().squareRoot())
                }
            }
        }
        let strides = [1, side, side * side]
        let corner = [0, 1, 1 + side, side, side * side, 1 + side * side, 1 + side + side * side, side + side * side]
        // The six orderings of the axes with their parity (odd orderings are swapped to positive volume).
        let orderings: [([Int], Bool)] = [([0, 1, 2], false), ([1, 2, 0], false), ([2, 0, 1], false),
                                          ([0, 2, 1], true), ([2, 1, 0], true), ([1, 0, 2], true)]
        var connectivity = [Int]()
        connectivity.reserveCapacity(n * n * n * (tetrahedra ? 24 : 8))
        for k in 0..<n {
            for j in 0..<n {
                for i in 0..<n {
                    let base = i + j * side + k * side * side
                    guard tetrahedra else {
                        connectivity += corner.map { base + $0 }
                        continue
                    }
                    for (axes, odd) in orderings {
                        let a = base + strides[axes[0]]
                        let b = a + strides[axes[1]]
                        let c = b + strides[axes[2]]
                        connectivity += odd ? [base, a, c, b] : [base, a, b, c]
                    }
                }
            }
        }
        return Mesh(dimension: 3, points: points,
                    cellBlocks: [CellBlock(type: tetrahedra ? .tetra : .hexahedron, connectivity: connectivity)],
                    pointData: ["distance": DataArray(doubles: distance)])
    }
}
