import CNetCDF
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

    func write() throws {
        guard mesh.pointCount > 0 else { throw MeshIOError.cannotWrite(path: path, reason: "Exodus II cannot hold a mesh without points") }
        if let unsupported = blocks.first(where: { ExodusElementType.names[$0.block.type] == nil }) {
            throw MeshIOError.cannotWrite(path: path, reason: "\(unsupported.block.type.rawValue) cells have no Exodus II node ordering here")
        }
        try MeshFile.writeAtomically(to: path) { temporary in
            let file = try NetCDFFile.create(temporary)
            try define(file)
            try file.endDefinitions()
            try fill(file)
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

    func define(_ file: NetCDFFile) throws {
        try file.setText("title", "surrogate mesh")
        try file.setNumber("api_version", float: 8.03)
        try file.setNumber("version", float: 8.03)
        try file.setNumber("floating_point_word_size", int: 8)
        try file.setNumber("file_size", int: 1)
        for (name, length) in [("len_string", 33), ("len_line", 81), ("four", 4), ("len_name", 33), ("time_step", 0),
                               ("num_dim", mesh.dimension), ("num_nodes", mesh.pointCount)] {
            try file.defineDimension(name, length)
        }
        try file.defineVariable("time_whole", NC_DOUBLE, ["time_step"])
        try file.defineVariable("coor_names", NC_CHAR, ["num_dim", "len_name"])
        for axis in ["x", "y", "z"].prefix(mesh.dimension) { try file.defineVariable("coord" + axis, NC_DOUBLE, ["num_nodes"]) }
        if !blocks.isEmpty {
            try file.defineDimension("num_elem", blocks.reduce(0) { $0 + $1.block.count })
            try file.defineDimension("num_el_blk", blocks.count)
            try file.defineVariable("eb_status", NC_INT, ["num_el_blk"])
            try file.defineVariable("eb_prop1", NC_INT, ["num_el_blk"])
            try file.setText("name", "ID", of: "eb_prop1")
            try file.defineVariable("eb_names", NC_CHAR, ["num_el_blk", "len_name"])
            for (k, entry) in blocks.enumerated() {
                try file.defineDimension("num_el_in_blk\(k + 1)", entry.block.count)
                try file.defineDimension("num_nod_per_el\(k + 1)", entry.block.type.nodeCount)
                try file.defineVariable("connect\(k + 1)", NC_INT, ["num_el_in_blk\(k + 1)", "num_nod_per_el\(k + 1)"])
                try file.setText("elem_type", ExodusElementType.names[entry.block.type]!, of: "connect\(k + 1)")
            }
        }
        if !pointSets.isEmpty {
            try file.defineDimension("num_node_sets", pointSets.count)
            try file.defineVariable("ns_status", NC_INT, ["num_node_sets"])
            try file.defineVariable("ns_prop1", NC_INT, ["num_node_sets"])
            try file.setText("name", "ID", of: "ns_prop1")
            try file.defineVariable("ns_names", NC_CHAR, ["num_node_sets", "len_name"])
            for (k, (_, set)) in pointSets.enumerated() {
                try file.defineDimension("num_nod_ns\(k + 1)", set.count)
                try file.defineVariable("node_ns\(k + 1)", NC_INT, ["num_nod_ns\(k + 1)"])
            }
        }
        if !nodal.isEmpty {
            try file.defineDimension("num_nod_var", nodal.count)
            try file.defineVariable("name_nod_var", NC_CHAR, ["num_nod_var", "len_name"])
            for i in nodal.indices { try file.defineVariable("vals_nod_var\(i + 1)", NC_DOUBLE, ["time_step", "num_nodes"]) }
        }
        if !elemental.isEmpty && !blocks.isEmpty {
            try file.defineDimension("num_elem_var", elemental.count)
            try file.defineVariable("name_elem_var", NC_CHAR, ["num_elem_var", "len_name"])
            try file.defineVariable("elem_var_tab", NC_INT, ["num_el_blk", "num_elem_var"])
            for i in elemental.indices {
                for k in blocks.indices {
                    try file.defineVariable("vals_elem_var\(i + 1)eb\(k + 1)", NC_DOUBLE, ["time_step", "num_el_in_blk\(k + 1)"])
                }
            }
        }
    }

    func fill(_ file: NetCDFFile) throws {
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
