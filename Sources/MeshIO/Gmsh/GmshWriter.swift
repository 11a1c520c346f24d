import MeshCore

/// Writes Gmsh MSH 2.2 and 4.1, ASCII or binary (little-endian, data-size 8).
///
/// Cell data `gmsh:physical` and `gmsh:geometrical` become the element tags (MSH 2.2) or the
/// entities (MSH 4.1: one entity block per run of equal geometrical tags in a cell block, the
/// entity's physical tag from `gmsh:physical`). Field data must be physical names
/// (`name → [tag, dim]`); point and cell data become `$NodeData` and `$ElementData`, which
/// hold reals with 1, 3 or 9 components. Anything the format cannot hold is an error, never
/// silently dropped.
struct GmshWriter {
    let mesh: Mesh
    let version: Int
    let binary: Bool
    let path: String
    var out: ByteWriter

    init(_ mesh: Mesh, format: MeshFileFormat, path: String, out: ByteWriter = ByteWriter()) {
        self.out = out
        self.mesh = mesh.withDimension(3)
        version = [.gmsh41Ascii, .gmsh41Binary].contains(format) ? 4 : 2
        binary = [.gmsh22Binary, .gmsh41Binary].contains(format)
        self.path = path
    }

    func failure(_ reason: String) -> MeshIOError { .cannotWrite(path: path, reason: reason) }

    mutating func write() throws {
        guard version == 4 || (mesh.pointCount < Int(Int32.max) && mesh.cellCount < Int(Int32.max)) else {
            throw failure("MSH 2.2 binary stores tags as 32-bit integers; the mesh is too large")
        }
        out.text("$MeshFormat\n\(version == 4 ? "4.1" : "2.2") \(binary ? 1 : 0) 8\n")
        if binary {
            out.binary(Int32(1))
            out.text("\n")
        }
        out.text("$EndMeshFormat\n")
        try writePhysicalNames()
        if version == 4 { try writeVersion4() } else { try writeVersion2() }
        try writeData()
    }

    // MARK: Numbers: text separated by spaces in ASCII, raw in binary.

    mutating func int(_ value: Int) {
        if binary { out.binary(Int32(truncatingIfNeeded: value)) } else { out.text("\(value) ") }
    }
    mutating func size(_ value: Int) {
        if binary { version == 4 ? out.binary(UInt64(value)) : out.binary(Int32(truncatingIfNeeded: value)) } else { out.text("\(value) ") }
    }
    mutating func real(_ value: Double) {
        if binary { out.binary(value) } else { out.text("\(value) ") }
    }
    /// Ends a line of ASCII numbers (nothing in binary).
    mutating func endLine() {
        guard !binary else { return }
        if out.bytes.last == 32 { out.bytes[out.bytes.count - 1] = 10 } else { out.text("\n") }
    }
    /// Ends a section's binary data (binary data is followed by a line break).
    mutating func endBinary() { if binary { out.text("\n") } }

    // MARK: Tags and data

    /// The integer cell data `name`, one array per block, or nil.
    func tags(_ name: String) throws -> [[Int]]? {
        guard let arrays = mesh.cellData[name] else { return nil }
        return try arrays.map { array in
            guard let ints = array.ints, array.components == 1 else { throw failure("cell data '\(name)' must be one integer per cell") }
            return ints
        }
    }

    mutating func writePhysicalNames() throws {
        let names = try mesh.fieldData.map { name, array in
            guard let ints = array.ints, ints.count == 2 else {
                throw failure("field data '\(name)' is not a physical name [tag, dim], which is all Gmsh stores")
            }
            return (ints[1], ints[0], name)
        }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        guard !names.isEmpty else { return }
        out.text("$PhysicalNames\n\(names.count)\n")
        for (dim, tag, name) in names { out.text("\(dim) \(tag) \"\(name)\"\n") }
        out.text("$EndPhysicalNames\n")
    }

    mutating func writeData() throws {
        let tagNames: Set = [Mesh.physicalTag, Mesh.geometricalTag]
        for (name, array) in mesh.pointData.sorted(by: { $0.key < $1.key }) where name != "gmsh:dim_tags" {
            try writeData(section: "NodeData", name: name, array)
        }
        for (name, arrays) in mesh.cellData.sorted(by: { $0.key < $1.key }) where !tagNames.contains(name) {
            try writeData(section: "ElementData", name: name, DataArray.concatenating(arrays))
        }
    }

    mutating func writeData(section: String, name: String, _ array: DataArray) throws {
        guard [1, 3, 9].contains(array.components) else {
            throw failure("Gmsh data has 1, 3 or 9 components; '\(name)' has \(array.components)")
        }
        out.text("$\(section)\n1\n\"\(name)\"\n1\n0.0\n3\n0\n\(array.components)\n\(array.count)\n")
        let values = array.doubles
        for i in 0..<array.count {
            if binary { out.binary(Int32(i + 1)) } else { out.text("\(i + 1) ") }
            for c in 0..<array.components { real(values[i * array.components + c]) }
            endLine()
        }
        endBinary()
        out.text("$End\(section)\n")
    }
}
