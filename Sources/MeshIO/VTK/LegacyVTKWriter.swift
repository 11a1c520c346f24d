import MeshCore

/// Writes VTK legacy 4.2 or 5.1 UNSTRUCTURED_GRID files, ASCII or BINARY (big-endian, as the
/// format requires). Points are `double`; integer data is `vtktypeint64` (5.1) or `long`
/// (4.2, 8 bytes as meshio reads it); data arrays are FIELD arrays, whose names cannot hold spaces.
struct LegacyVTKWriter {
    let mesh: Mesh
    let version51: Bool
    let binary: Bool
    let path: String
    var out: ByteWriter

    init(_ mesh: Mesh, format: MeshFileFormat, path: String, out: ByteWriter = ByteWriter()) {
        self.out = out
        self.mesh = mesh.withDimension(3)
        version51 = [.vtk51Ascii, .vtk51Binary].contains(format)
        binary = [.vtk42Binary, .vtk51Binary].contains(format)
        self.path = path
    }

    var intType: String { version51 ? "vtktypeint64" : "long" }

    mutating func write() throws {
        out.text("# vtk DataFile Version \(version51 ? "5.1" : "4.2")\nwritten by surrogate\n\(binary ? "BINARY" : "ASCII")\n")
        out.text("DATASET UNSTRUCTURED_GRID\n")
        try writeFields(mesh.fieldData)
        out.text("POINTS \(mesh.pointCount) double\n")
        write(.double(mesh.points), components: 3)
        let cells = VTKCellArrays(blocks: mesh.cellBlocks)
        if version51 {
            out.text("CELLS \(cells.ends.count + 1) \(cells.connectivity.count)\nOFFSETS vtktypeint64\n")
            write(.int([0] + cells.ends), components: 1)
            out.text("CONNECTIVITY vtktypeint64\n")
            write(.int(cells.connectivity), components: 1)
        } else {
            out.text("CELLS \(cells.ends.count) \(cells.ends.count + cells.connectivity.count)\n")
            var start = 0
            for end in cells.ends {
                let row = [end - start] + cells.connectivity[start..<end]
                if binary { row.forEach { out.binary(Int32(truncatingIfNeeded: $0), bigEndian: true) } } else { out.textNumbers(row, perLine: row.count) }
                start = end
            }
            if binary { out.text("\n") }
        }
        out.text("CELL_TYPES \(cells.types.count)\n")
        if binary {
            cells.types.forEach { out.binary(Int32($0), bigEndian: true) }
            out.text("\n")
        } else {
            out.textNumbers(cells.types, perLine: 1)
        }
        if !mesh.pointData.isEmpty {
            out.text("POINT_DATA \(mesh.pointCount)\n")
            try writeFields(mesh.pointData)
        }
        if !mesh.cellData.isEmpty {
            out.text("CELL_DATA \(mesh.cellCount)\n")
            try writeFields(mesh.cellData.mapValues(DataArray.concatenating))
        }
    }

    mutating func writeFields(_ arrays: [String: DataArray]) throws {
        guard !arrays.isEmpty else { return }
        out.text("FIELD FieldData \(arrays.count)\n")
        for (name, array) in arrays.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                throw MeshIOError.cannotWrite(path: path, reason: "VTK legacy array names cannot hold spaces: '\(name)'")
            }
            out.text("\(name) \(array.components) \(array.count) \(array.isInteger ? intType : "double")\n")
            write(array.values, components: array.components)
        }
    }

    mutating func write(_ values: DataArray.Values, components: Int) {
        switch (values, binary) {
        case let (.double(v), true): v.forEach { out.binary($0, bigEndian: true) }
        case let (.int(v), true): v.forEach { out.binary(Int64($0), bigEndian: true) }
        case let (.double(v), false): out.textNumbers(v, perLine: components)
        case let (.int(v), false): out.textNumbers(v, perLine: components)
        }
        if binary { out.text("\n") }
    }
}
