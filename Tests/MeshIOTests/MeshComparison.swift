import MeshCore

/// Compares meshes as files can legitimately change them: points may come in another order
/// (matched by coordinates), and `ignoring` names data a format does not keep.
enum MeshComparison {
    /// The first difference between `actual` and `expected`, or nil.
    /// - `realData`: data other than `gmsh:*` tags is compared as reals (Gmsh stores reals only).
    static func difference(_ actual: Mesh, _ expected: Mesh, ignoring: Set<String> = [], realData: Bool = false,
                           fieldData: Bool = true) -> String? {
        let (actual, expected) = (actual.withDimension(3), expected.withDimension(3))
        guard actual.pointCount == expected.pointCount else { return "\(actual.pointCount) points, expected \(expected.pointCount)" }
        var index: [SIMD3<Double>: Int] = [:]
        for i in 0..<expected.pointCount { index[expected.point(i)] = i }
        var permutation: [Int] = []
        for i in 0..<actual.pointCount {
            guard let match = index[actual.point(i)] else { return "point \(i) \(actual.point(i)) is not a point of the mesh" }
            permutation.append(match)
        }
        guard Set(permutation).count == permutation.count else { return "points repeat" }
        guard actual.cellBlocks.map(\.type) == expected.cellBlocks.map(\.type) else {
            return "blocks \(actual.cellBlocks.map(\.type.rawValue)), expected \(expected.cellBlocks.map(\.type.rawValue))"
        }
        for (b, block) in actual.cellBlocks.enumerated() where block.connectivity.map({ permutation[$0] }) != expected.cellBlocks[b].connectivity {
            return "block \(b) (\(block.type.rawValue)) connectivity differs"
        }
        func same(_ name: String, _ a: DataArray, _ e: DataArray, permuted: Bool) -> Bool {
            guard a.components == e.components, a.count == e.count else { return false }
            let order = permuted ? (0..<a.count).map { permutation[$0] } : Array(0..<a.count)
            let inOrder = { (array: DataArray) in
                var reordered = array
                let c = array.components
                switch array.values {
                case let .double(v): reordered.values = .double(order.indices.flatMap { i in v[order[i] * c..<order[i] * c + c] })
                case let .int(v): reordered.values = .int(order.indices.flatMap { i in v[order[i] * c..<order[i] * c + c] })
                }
                return reordered
            }
            let reorderedExpected = inOrder(e)
            return realData && !name.hasPrefix("gmsh:") ? a.doubles == reorderedExpected.doubles : a == reorderedExpected
        }
        let pointNames = Set(actual.pointData.keys).subtracting(ignoring), expectedPointNames = Set(expected.pointData.keys).subtracting(ignoring)
        guard pointNames == expectedPointNames else { return "point data \(pointNames.sorted()), expected \(expectedPointNames.sorted())" }
        for name in pointNames where !same(name, actual.pointData[name]!, expected.pointData[name]!, permuted: true) {
            return "point data '\(name)' differs: \(actual.pointData[name]!) vs \(expected.pointData[name]!)"
        }
        let cellNames = Set(actual.cellData.keys).subtracting(ignoring), expectedCellNames = Set(expected.cellData.keys).subtracting(ignoring)
        guard cellNames == expectedCellNames else { return "cell data \(cellNames.sorted()), expected \(expectedCellNames.sorted())" }
        for name in cellNames {
            let (a, e) = (actual.cellData[name]!, expected.cellData[name]!)
            guard a.count == e.count, zip(a, e).allSatisfy({ same(name, $0, $1, permuted: false) }) else {
                return "cell data '\(name)' differs: \(a) vs \(e)"
            }
        }
        if fieldData, actual.fieldData.mapValues(\.doubles) != expected.fieldData.mapValues(\.doubles) {
            return "field data \(actual.fieldData) vs \(expected.fieldData)"
        }
        return nil
    }

    /// Every node with a signature of several corners sits at their centroid (mid-edge nodes
    /// at edge midpoints, face and body centres at centroids); nil, or the first misplaced node.
    static func misplacedNode(_ mesh: Mesh, tolerance: Double = 1e-12) -> String? {
        for (b, block) in mesh.cellBlocks.enumerated() {
            let signatures = block.type.nodeSignatures
            for cell in 0..<block.count {
                let nodes = Array(block[cell])
                for (k, signature) in signatures.enumerated() where signature.count > 1 {
                    let centroid = signature.reduce(SIMD3<Double>()) { $0 + mesh.point(nodes[$1]) } / Double(signature.count)
                    let d = mesh.point(nodes[k]) - centroid
                    if (d * d).sum().squareRoot() > tolerance {
                        return "block \(b) (\(block.type.rawValue)) cell \(cell) node \(k) is at \(mesh.point(nodes[k])), expected \(centroid)"
                    }
                }
            }
        }
        return nil
    }
}
