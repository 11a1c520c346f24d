import MeshCore

/// Reads Exodus II files (netCDF classic, 64-bit offset or netCDF-4): coordinates (`coordx`,
/// `coordy`, `coordz`, or the legacy `coord`), element blocks `connect<k>` by their
/// `elem_type`, nodal and element variables at the first time step (`vals_nod_var<i>`,
/// `vals_elem_var<i>eb<k>`, named by `name_nod_var` and `name_elem_var`; an element variable
/// missing from a block reads as NaN there), and node sets `node_ns<k>` (named by `ns_names`,
/// else `node_set<id>`).
///
/// Connectivity and node sets are 1-based; an index of zero, a negative one, or one past
/// `num_nodes` is an error naming the variable and the entry.
struct ExodusReader {
    let path: String

    func error(_ location: MeshIOError.Location, _ reason: String) -> MeshIOError {
        .malformed(path: path, at: location, reason: reason)
    }

    func read() throws -> Mesh {
        let file = try ExodusDataset(path: path)
        guard let pointCount = file.dimension("num_nodes") else {
            throw error(.variable("num_nodes"), "not an Exodus II file: no dimension num_nodes")
        }
        let dimension = file.dimension("num_dim") ?? 3
        guard (1...3).contains(dimension) else { throw error(.variable("num_dim"), "num_dim is \(dimension), expected 1, 2 or 3") }
        var points = [Double](repeating: 0, count: pointCount * dimension)
        for (axis, name) in ["coordx", "coordy", "coordz"].prefix(dimension).enumerated() {
            let values: [Double]
            if file.variable(name) != nil {
                values = try file.doubles(name)
            } else if file.variable("coord") != nil {
                values = try file.doubles("coord", start: [axis, 0], count: [1, pointCount])
            } else {
                throw error(.variable(name), "missing (and no legacy 'coord')")
            }
            guard values.count == pointCount else { throw error(.variable(name), "holds \(values.count) values for \(pointCount) nodes") }
            for (i, value) in values.enumerated() { points[i * dimension + axis] = value }
        }
        var mesh = Mesh(dimension: dimension, points: points, cellBlocks: try blocks(file, pointCount: pointCount))
        try readVariables(file, into: &mesh)
        try readNodeSets(file, into: &mesh)
        return mesh
    }

    /// Converts 1-based indices of `variable` to 0-based, checking each is in 1…`count`.
    func zeroBased(_ values: [Int], _ variable: String, count: Int) throws -> [Int] {
        if let bad = values.firstIndex(where: { $0 < 1 || $0 > count }) {
            throw error(.entry(variable: variable, index: bad),
                        "node index \(values[bad]) is not in 1…\(count) (Exodus II indices are 1-based)")
        }
        return values.map { $0 - 1 }
    }

    func blocks(_ file: ExodusDataset, pointCount: Int) throws -> [CellBlock] {
        let count = file.dimension("num_el_blk") ?? 0
        return try (0..<count).map { block in
            let name = "connect\(block + 1)"
            let shape = try file.shape(name)
            guard shape.count == 2 else { throw error(.variable(name), "expected 2 dimensions, found shape \(shape)") }
            let elementType = file.text(attribute: "elem_type", of: name) ?? ""
            guard let type = ExodusElementType.type(name: elementType, nodes: shape[1]) else {
                throw error(.variable(name), "elem_type '\(elementType)' with \(shape[1]) nodes per element is not supported")
            }
            let connectivity = try zeroBased(try file.integers(name), name, count: pointCount)
            return CellBlock(type: type, connectivity: CellTypeTable.exodus.meshOrder(type, connectivity))
        }
    }

    /// The first time step of a (time_step, n) variable, or of a (time_step, n, c) one as c
    /// components (meshio writes vectors so); nil when it has no time step.
    func firstStep(_ file: ExodusDataset, _ name: String, count: Int) throws -> DataArray? {
        guard file.variable(name) != nil else { return nil }
        let shape = try file.shape(name)
        guard (2...3).contains(shape.count), shape[1] == count else {
            throw error(.variable(name), "has shape \(shape), expected (time_step, \(count)) or (time_step, \(count), components)")
        }
        guard shape[0] > 0, shape.count == 2 || shape[2] > 0 else { return nil }
        let components = shape.count == 3 ? shape[2] : 1
        return DataArray(doubles: try file.doubles(name, start: shape.map { _ in 0 }, count: [1] + shape.dropFirst()), components: components)
    }

    func readVariables(_ file: ExodusDataset, into mesh: inout Mesh) throws {
        if file.variable("name_nod_var") != nil {
            for (i, name) in try file.strings("name_nod_var").enumerated() {
                if let values = try firstStep(file, "vals_nod_var\(i + 1)", count: mesh.pointCount) { mesh.pointData[name] = values }
            }
        }
        if file.variable("name_elem_var") != nil {
            for (i, name) in try file.strings("name_elem_var").enumerated() {
                let arrays = try mesh.cellBlocks.enumerated().map { k, block in
                    try firstStep(file, "vals_elem_var\(i + 1)eb\(k + 1)", count: block.count)
                        ?? DataArray(doubles: Array(repeating: .nan, count: block.count))
                }
                if !arrays.isEmpty { mesh.cellData[name] = arrays }
            }
        }
    }

    func readNodeSets(_ file: ExodusDataset, into mesh: inout Mesh) throws {
        let count = file.dimension("num_node_sets") ?? 0
        guard count > 0 else { return }
        let names = file.variable("ns_names") != nil ? try file.strings("ns_names") : []
        let ids = file.variable("ns_prop1") != nil ? try file.integers("ns_prop1") : Array(1...count)
        for k in 1...count {
            let name = k <= names.count && !names[k - 1].isEmpty ? names[k - 1] : "node_set\(k <= ids.count ? ids[k - 1] : k)"
            mesh.pointSets[name] = try zeroBased(try file.integers("node_ns\(k)"), "node_ns\(k)", count: mesh.pointCount)
        }
    }
}
