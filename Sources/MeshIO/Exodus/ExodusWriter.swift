import DatasetIO
import Foundation
import MeshCore

/// Writes Exodus II (netCDF 64-bit offset): coordinates `coordx`/`coordy`/`coordz`, one element
/// block per non-empty cell block (`connect<k>`, 1-based, with its `elem_type`), point data as
/// nodal variables and cell data as element variables at one time step (t = 0), and point sets
/// as node sets.
///
/// Exodus variables are scalar reals: an array of k > 1 components becomes k variables
/// `name_0 … name_{k−1}`, and integers are stored as reals. Field data is not written.
struct ExodusWriter {
    let mesh: Mesh
    let path: String
    /// The non-empty blocks, with their positions in `mesh.cellBlocks`.
    let blocks: [(index: Int, block: CellBlock)]

    init(_ mesh: Mesh, path: String) {
        (self.mesh, self.path) = (mesh, path)
        blocks = mesh.cellBlocks.enumerated().filter { $0.element.count > 0 }.map { ($0.offset, $0.element) }
    }

    /// Bytes per name (`len_name`), the terminating NUL included.
    static let nameLength = 33

    func write() throws {
        guard mesh.pointCount > 0 else { throw MeshIOError.cannotWrite(path: path, reason: "Exodus II cannot hold a mesh without points") }
        if let unsupported = blocks.first(where: { ExodusElementType.names[$0.block.type] == nil }) {
            throw MeshIOError.cannotWrite(path: path, reason: "\(unsupported.block.type.rawValue) cells have no Exodus II node ordering here")
        }
        do {
            let file = try NetCDFWriter(path: path, format: .offset64)  // atomic: a temporary file renamed by finish()
            try define(file)
            try file.endDefinitions()
            try fill(file)
            try file.finish()
        } catch let DatasetError.writeFailed(_, object, detail) {
            throw MeshIOError.cannotWrite(path: path, reason: "\(object): \(detail)")
        }
    }

    /// Scalar variables for `arrays` (name → array): one per component.
    static func scalars(_ arrays: [(String, DataArray)]) -> [(name: String, array: DataArray, component: Int)] {
        arrays.flatMap { name, array in
            (0..<array.components).map { (array.components == 1 ? name : "\(name)_\($0)", array, $0) }
        }
    }

    var nodal: [(name: String, array: DataArray, component: Int)] {
        Self.scalars(mesh.pointData.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// Element variables: name, the array of every block, the component.
    var elemental: [(name: String, arrays: [DataArray], component: Int)] {
        mesh.cellData.sorted { $0.key < $1.key }.flatMap { name, arrays in
            let components = arrays.first?.components ?? 1
            return (0..<components).map { (components == 1 ? name : "\(name)_\($0)", arrays, $0) }
        }
    }

    var pointSets: [(String, [Int])] { mesh.pointSets.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty } }

    func define(_ file: NetCDFWriter) throws {
        try file.setText("title", "surrogate mesh")
        try file.setNumbers("api_version", [8.03], type: .float)
        try file.setNumbers("version", [8.03], type: .float)
        try file.setNumbers("floating_point_word_size", [8], type: .int)
        try file.setNumbers("file_size", [1], type: .int)
        for (name, length) in [("len_string", 33), ("len_line", 81), ("four", 4), ("len_name", Self.nameLength), ("time_step", 0),
                               ("num_dim", mesh.dimension), ("num_nodes", mesh.pointCount)] {
            try file.defineDimension(name, length: name == "time_step" ? nil : length)
        }
        try file.define(.init(name: "time_whole", type: .double, dimensions: ["time_step"]))
        try file.define(.init(name: "coor_names", type: .char, dimensions: ["num_dim", "len_name"]))
        for axis in ["x", "y", "z"].prefix(mesh.dimension) {
            try file.define(.init(name: "coord" + axis, type: .double, dimensions: ["num_nodes"]))
        }
        if !blocks.isEmpty {
            try file.defineDimension("num_elem", length: blocks.reduce(0) { $0 + $1.block.count })
            try file.defineDimension("num_el_blk", length: blocks.count)
            try file.define(.init(name: "eb_status", type: .int, dimensions: ["num_el_blk"]))
            try file.define(.init(name: "eb_prop1", type: .int, dimensions: ["num_el_blk"]))
            try file.setText("name", "ID", on: "eb_prop1")
            try file.define(.init(name: "eb_names", type: .char, dimensions: ["num_el_blk", "len_name"]))
            for (k, entry) in blocks.enumerated() {
                try file.defineDimension("num_el_in_blk\(k + 1)", length: entry.block.count)
                try file.defineDimension("num_nod_per_el\(k + 1)", length: entry.block.type.nodeCount)
                try file.define(.init(name: "connect\(k + 1)", type: .int, dimensions: ["num_el_in_blk\(k + 1)", "num_nod_per_el\(k + 1)"]))
                try file.setText("elem_type", ExodusElementType.names[entry.block.type]!, on: "connect\(k + 1)")
            }
        }
        if !pointSets.isEmpty {
            try file.defineDimension("num_node_sets", length: pointSets.count)
            try file.define(.init(name: "ns_status", type: .int, dimensions: ["num_node_sets"]))
            try file.define(.init(name: "ns_prop1", type: .int, dimensions: ["num_node_sets"]))
            try file.setText("name", "ID", on: "ns_prop1")
            try file.define(.init(name: "ns_names", type: .char, dimensions: ["num_node_sets", "len_name"]))
            for (k, (_, set)) in pointSets.enumerated() {
                try file.defineDimension("num_nod_ns\(k + 1)", length: set.count)
                try file.define(.init(name: "node_ns\(k + 1)", type: .int, dimensions: ["num_nod_ns\(k + 1)"]))
            }
        }
        if !nodal.isEmpty {
            try file.defineDimension("num_nod_var", length: nodal.count)
            try file.define(.init(name: "name_nod_var", type: .char, dimensions: ["num_nod_var", "len_name"]))
            for i in nodal.indices { try file.define(.init(name: "vals_nod_var\(i + 1)", type: .double, dimensions: ["time_step", "num_nodes"])) }
        }
        if !elemental.isEmpty && !blocks.isEmpty {
            try file.defineDimension("num_elem_var", length: elemental.count)
            try file.define(.init(name: "name_elem_var", type: .char, dimensions: ["num_elem_var", "len_name"]))
            try file.define(.init(name: "elem_var_tab", type: .int, dimensions: ["num_el_blk", "num_elem_var"]))
            for i in elemental.indices {
                for k in blocks.indices {
                    try file.define(.init(name: "vals_elem_var\(i + 1)eb\(k + 1)", type: .double,
                                                dimensions: ["time_step", "num_el_in_blk\(k + 1)"]))
                }
            }
        }
    }

    func fill(_ file: NetCDFWriter) throws {
        try file.put("time_whole", doubles: [0], start: [0], count: [1])
        try file.put("coor_names", strings: Array(["x", "y", "z"].prefix(mesh.dimension)))
        for (axis, name) in ["x", "y", "z"].prefix(mesh.dimension).enumerated() {
            try file.put("coord" + name, doubles: stride(from: axis, to: mesh.points.count, by: mesh.dimension).map { mesh.points[$0] })
        }
        if !blocks.isEmpty {
            try file.put("eb_status", integers: Array(repeating: 1, count: blocks.count))
            try file.put("eb_prop1", integers: Array(1...blocks.count))
            try file.put("eb_names", strings: blocks.map { "block\($0.index + 1)_\($0.block.type.rawValue)" })
        }
        for (k, entry) in blocks.enumerated() {
            let connectivity = CellTypeTable.exodus.fileOrder(entry.block.type, connectivity: entry.block.connectivity)
            try file.put("connect\(k + 1)", integers: connectivity.map { $0 + 1 })
        }
        if !pointSets.isEmpty {
            try file.put("ns_status", integers: Array(repeating: 1, count: pointSets.count))
            try file.put("ns_prop1", integers: Array(1...pointSets.count))
            try file.put("ns_names", strings: pointSets.map(\.0))
            for (k, (_, set)) in pointSets.enumerated() { try file.put("node_ns\(k + 1)", integers: set.map { $0 + 1 }) }
        }
        if !nodal.isEmpty {
            try file.put("name_nod_var", strings: nodal.map(\.name))
            for (i, variable) in nodal.enumerated() {
                let values = variable.array.doubles
                let column = stride(from: variable.component, to: values.count, by: variable.array.components).map { values[$0] }
                try file.put("vals_nod_var\(i + 1)", doubles: column, start: [0, 0], count: [1, mesh.pointCount])
            }
        }
        if !elemental.isEmpty && !blocks.isEmpty {
            try file.put("name_elem_var", strings: elemental.map(\.name))
            try file.put("elem_var_tab", integers: Array(repeating: 1, count: blocks.count * elemental.count))
            for (i, variable) in elemental.enumerated() {
                for (k, entry) in blocks.enumerated() {
                    let array = variable.arrays[entry.index]
                    let values = array.doubles
                    let column = stride(from: variable.component, to: values.count, by: array.components).map { values[$0] }
                    try file.put("vals_elem_var\(i + 1)eb\(k + 1)", doubles: column, start: [0, 0], count: [1, entry.block.count])
                }
            }
        }
    }
}

private extension NetCDFWriter {
    /// Writes all of variable `name` (or the block at `start` of `count`).
    func put(_ name: String, doubles values: [Double], start: [Int] = [], count: [Int]? = nil) throws {
        try putDoubles(name, start: start, count: count ?? [values.count], values)
    }

    /// Writes integers (exact as doubles below 2⁵³; netCDF stores them as the variable's int).
    func put(_ name: String, integers values: [Int]) throws {
        try put(name, doubles: values.map(Double.init))
    }

    /// Writes `rows` into a (rows, len_name) char variable, each cut to fit and padded with NULs.
    func put(_ name: String, strings rows: [String]) throws {
        let width = ExodusWriter.nameLength
        let chars = rows.flatMap { row in
            let bytes = row.utf8.prefix(width - 1).map { CChar(bitPattern: $0) }
            return bytes + [CChar](repeating: 0, count: width - bytes.count)
        }
        guard !chars.isEmpty else { return }
        try chars.withUnsafeBytes { buffer in try putRaw(name, start: [], count: [chars.count], from: buffer.baseAddress!) }
    }
}
