import DatasetIO
import Foundation
import MeshCore

/// Writes XDMF3: one uniform grid with its geometry (XY or XYZ), its topology (one cell type,
/// or `Mixed`), and point and cell data as `Attribute`s centred on nodes or cells. Heavy data
/// goes to an HDF5 file beside the XML (`mesh.xdmf` → `mesh.h5`, datasets `/geometry`,
/// `/topology`, `/point_data<i>`, `/cell_data<i>`), or inline as XML text.
///
/// Point sets are `<Set SetType="Node">`s. Field data of Gmsh's form (physical names: an integer
/// tag and dimension) is an `<Information>` whose text is meshio's `<main><map key dim>tag</map>…`
/// document; other field data has no place in XDMF and is not written.
struct XDMFWriter {
    let mesh: Mesh
    let path: String
    let heavyData: Bool
    /// Datasets for the HDF5 file, in order: name, values, shape.
    private var arrays: [(name: String, values: DataArray, shape: [Int])] = []

    init(_ mesh: Mesh, path: String, heavyData: Bool) {
        self.mesh = mesh.dimension == 1 ? mesh.withDimension(2) : mesh
        (self.path, self.heavyData) = (path, heavyData)
    }

    /// The HDF5 file's name, beside the XML file.
    var heavyDataName: String {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return name + ".h5"
    }

    /// Writes the HDF5 file, then the XML, each atomically.
    func writeFiles() throws {
        var writer = self
        let text = try writer.xml()
        let heavyPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(heavyDataName).path
        try MeshFile.writeAtomically(to: heavyPath) { temporary in
            let file = try HDF5File.create(temporary)
            for array in writer.arrays {
                if let ints = array.values.ints {
                    try file.writeArray(array.name, integers: ints, shape: array.shape)
                } else {
                    try file.writeArray(array.name, doubles: array.values.doubles, shape: array.shape)
                }
            }
            try file.flush()
        }
        try MeshFile.writeAtomically(Array(text.utf8), to: path)
    }

    /// The XML document (collecting the heavy datasets when `heavyData`).
    mutating func xml() throws -> String {
        var out = "<?xml version=\"1.0\"?>\n<Xdmf Version=\"3.0\">\n<Domain>\n<Grid Name=\"mesh\" GridType=\"Uniform\">\n"
        out += "<Geometry GeometryType=\"\(mesh.dimension == 2 ? "XY" : "XYZ")\">\n"
        out += dataItem("geometry", DataArray(doubles: mesh.points, components: mesh.dimension))
        out += "</Geometry>\n"
        out += topology()
        for (i, (name, array)) in mesh.pointData.sorted(by: { $0.key < $1.key }).enumerated() {
            out += "<Attribute Name=\"\(name.xmlEscaped)\" AttributeType=\"\(Self.attributeType(array))\" Center=\"Node\">\n"
            out += dataItem("point_data\(i)", array) + "</Attribute>\n"
        }
        for (i, (name, arrays)) in mesh.cellData.sorted(by: { $0.key < $1.key }).enumerated() where !arrays.isEmpty {
            let array = DataArray.concatenating(arrays)
            out += "<Attribute Name=\"\(name.xmlEscaped)\" AttributeType=\"\(Self.attributeType(array))\" Center=\"Cell\">\n"
            out += dataItem("cell_data\(i)", array) + "</Attribute>\n"
        }
        for (i, (name, nodes)) in mesh.pointSets.sorted(by: { $0.key < $1.key }).enumerated() {
            out += "<Set Name=\"\(name.xmlEscaped)\" SetType=\"Node\">\n" + dataItem("point_set\(i)", DataArray(ints: nodes)) + "</Set>\n"
        }
        out += fieldDataInformation()
        return out + "</Grid>\n</Domain>\n</Xdmf>\n"
    }

    /// meshio's `<Information>`: the map of physical names to (tag, dimension), as escaped XML text.
    func fieldDataInformation() -> String {
        let names = mesh.fieldData.filter { $0.value.ints?.count == 2 }
            .sorted { $0.key < $1.key }
        guard !names.isEmpty else { return "" }
        let document = "<main>" + names.map { name, array in
            let values = array.ints!
            return "<map key=\"\(name.xmlEscaped)\" dim=\"\(values[1])\">\(values[0])</map>"
        }.joined() + "</main>"
        return "<Information Name=\"Information\" Value=\"\(names.count)\">\(document.xmlEscaped)</Information>\n"
    }

    /// `<Topology>`: the single type's name, or `Mixed` with codes (and counts for
    /// polyvertices and polylines) before each cell's nodes.
    mutating func topology() -> String {
        let types = Set(mesh.cellBlocks.map(\.type))
        if types.count == 1, let type = types.first {
            let nodes = type == .vertex || type == .line ? " NodesPerElement=\"\(type.nodeCount)\"" : ""
            let connectivity = mesh.cellBlocks.flatMap(\.connectivity)
            return "<Topology TopologyType=\"\(XDMFTopology.names[type]!)\" NumberOfElements=\"\(mesh.cellCount)\"\(nodes)>\n"
                + dataItem("topology", DataArray(ints: connectivity, components: type.nodeCount)) + "</Topology>\n"
        }
        var stream: [Int] = []
        var lines = ByteWriter()
        for block in mesh.cellBlocks {
            let code = XDMFTopology.codes[block.type]!
            for cell in 0..<block.count {
                let start = stream.count
                stream.append(code)
                if XDMFTopology.hasCount(block.type) { stream.append(block.type.nodeCount) }
                stream += block[cell]
                if !heavyData { lines.textNumbers(stream[start...], perLine: stream.count - start) }
            }
        }
        return "<Topology TopologyType=\"Mixed\" NumberOfElements=\"\(mesh.cellCount)\">\n"
            + dataItem("topology", DataArray(ints: stream), text: String(decoding: lines.bytes, as: UTF8.self)) + "</Topology>\n"
    }

    /// A `<DataItem>`: a reference into the HDF5 file, or the values as text (`components` to
    /// a line, unless `text` gives them).
    mutating func dataItem(_ name: String, _ array: DataArray, text given: String? = nil) -> String {
        let shape = array.components > 1 ? [array.count, array.components] : [array.count]
        let type = array.isInteger ? "Int" : "Float"
        let head = "<DataItem DataType=\"\(type)\" Precision=\"8\" Dimensions=\"\(shape.map(String.init).joined(separator: " "))\" "
        if heavyData {
            arrays.append((name, array, shape))
            return head + "Format=\"HDF\">\(heavyDataName.xmlEscaped):/\(name)</DataItem>\n"
        }
        if let given { return head + "Format=\"XML\">\n" + given + "</DataItem>\n" }
        var text = ByteWriter()
        switch array.values {
        case let .double(values): text.textNumbers(values, perLine: array.components)
        case let .int(values): text.textNumbers(values, perLine: array.components)
        }
        return head + "Format=\"XML\">\n" + String(decoding: text.bytes, as: UTF8.self) + "</DataItem>\n"
    }

    static func attributeType(_ array: DataArray) -> String {
        switch array.components {
        case 1: "Scalar"
        case 2, 3: "Vector"
        case 6: "Tensor6"
        case 9: "Tensor"
        default: "Matrix"
        }
    }
}
