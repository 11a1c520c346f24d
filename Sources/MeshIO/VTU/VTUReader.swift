import MeshCore

/// Reads VTK XML UnstructuredGrid (`.vtu`) files with one Piece: DataArrays in ascii, inline
/// base64 binary, or appended data (raw or base64), uncompressed or zlib-compressed (the
/// header-then-blocks layout), with UInt32 or UInt64 headers in either byte order.
struct VTUReader {
    let input: ByteReader
    var header64 = false
    var bigEndian = false
    var compressed = false
    var appended: Int?
    var appendedRaw = true

    init(_ input: ByteReader) { self.input = input }

    mutating func read() throws -> Mesh {
        input.skipSpace()
        guard input.starts(with: "<") else { throw input.error("not a VTU file: it does not start with XML") }
        let (root, appended) = try XMLElement.parse(input)
        self.appended = appended
        guard root.name == "VTKFile", root.attributes["type"] == "UnstructuredGrid" else {
            throw input.error("not a VTU file: the root is <\(root.name) type=\"\(root.attributes["type"] ?? "")\">", at: .line(root.line))
        }
        let at = MeshIOError.Location.line(root.line)
        bigEndian = root.attributes["byte_order"] == "BigEndian"
        switch root.attributes["header_type"] ?? "UInt32" {
        case "UInt32": header64 = false
        case "UInt64": header64 = true
        case let other: throw input.error("header_type \(other) is not supported (UInt32 or UInt64)", at: at)
        }
        switch root.attributes["compressor"] ?? "" {
        case "": compressed = false
        case "vtkZLibDataCompressor": compressed = true
        case let other: throw input.error("compressor \(other) is not supported (only vtkZLibDataCompressor)", at: at)
        }
        appendedRaw = root.child("AppendedData")?.attributes["encoding"] != "base64"
        guard let grid = root.child("UnstructuredGrid") else { throw input.error("no <UnstructuredGrid>", at: at) }
        let pieces = grid.children("Piece")
        guard pieces.count == 1 else { throw input.error("\(pieces.count) Pieces; this reader takes exactly one", at: .line(grid.line)) }
        var fieldData: [String: DataArray] = [:]
        for array in grid.child("FieldData")?.children("DataArray") ?? [] {
            fieldData[array.attributes["Name"] ?? ""] = try decode(array, tuples: array.attributes["NumberOfTuples"].flatMap { Int($0) })
        }
        return try readPiece(pieces[0], fieldData: fieldData)
    }

    func readPiece(_ piece: XMLElement, fieldData: [String: DataArray]) throws -> Mesh {
        guard let pointCount = piece.attributes["NumberOfPoints"].flatMap({ Int($0) }), pointCount >= 0,
              let cellCount = piece.attributes["NumberOfCells"].flatMap({ Int($0) }), cellCount >= 0 else {
            throw input.error("<Piece> needs NumberOfPoints and NumberOfCells", at: .line(piece.line))
        }
        var points: [Double] = []
        if let array = piece.child("Points")?.child("DataArray") {
            points = try decode(array, tuples: pointCount, components: 3).doubles
        } else if pointCount > 0 {
            throw input.error("<Piece> has no <Points>", at: .line(piece.line))
        }
        let cellArrays = piece.child("Cells")?.children("DataArray") ?? []
        func cellArray(_ name: String, tuples: Int?) throws -> (XMLElement, [Int]) {
            guard let element = cellArrays.first(where: { $0.attributes["Name"] == name }) else {
                if cellCount == 0 { return (piece, []) }
                throw input.error("<Cells> has no '\(name)' array", at: .line(piece.line))
            }
            guard let ints = try decode(element, tuples: tuples).ints else { throw input.error("'\(name)' must hold integers", at: .line(element.line)) }
            return (element, ints)
        }
        let (typesElement, types) = try cellArray("types", tuples: cellCount)
        let (offsetsElement, ends) = try cellArray("offsets", tuples: cellCount)
        let (connectivityElement, connectivity) = try cellArray("connectivity", tuples: nil)
        let cells = VTKCellArrays(types: types, ends: ends, connectivity: connectivity)
        do {
            try cells.check(pointCount: pointCount)
        } catch {
            let element = [.types: typesElement, .offsets: offsetsElement, .connectivity: connectivityElement][error.array]!
            throw input.error("'\(element.attributes["Name"] ?? "")' entry \(error.entry): \(error.reason)", at: .line(element.line))
        }
        let (blocks, runs) = cells.blocks()
        var mesh = Mesh(dimension: 3, points: points, cellBlocks: blocks, fieldData: fieldData)
        for array in piece.child("PointData")?.children("DataArray") ?? [] {
            mesh.pointData[array.attributes["Name"] ?? ""] = try decode(array, tuples: pointCount)
        }
        for array in piece.child("CellData")?.children("DataArray") ?? [] {
            let data = try decode(array, tuples: cellCount)
            mesh.cellData[array.attributes["Name"] ?? ""] = runs.map { data.slice($0) }
        }
        return mesh
    }

    /// The values of a `<DataArray>`, checked to hold `tuples` tuples when that is known.
    func decode(_ element: XMLElement, tuples: Int?, components expected: Int? = nil) throws -> DataArray {
        let at = MeshIOError.Location.line(element.line)
        let name = element.attributes["Name"] ?? ""
        guard let type = ScalarType(xml: element.attributes["type"] ?? "") else {
            throw input.error("DataArray '\(name)' has unknown type '\(element.attributes["type"] ?? "")'", at: at)
        }
        let componentText = element.attributes["NumberOfComponents"] ?? ""
        guard let components = componentText.isEmpty ? 1 : Int(componentText), components >= 1,
              expected == nil || components == expected else {
            throw input.error("DataArray '\(name)' has NumberOfComponents '\(componentText)'", at: at)
        }
        let values: DataArray.Values
        switch element.attributes["format"] ?? "ascii" {
        case "ascii":
            let text = input.limited(to: element.text, line: element.line)
            var tokens = 0
            let start = (text.offset, text.line)
            while (text.skipSpace(), !text.atEnd).1 { _ = try text.token(); tokens += 1 }
            (text.offset, text.line) = start
            values = try type.read(tokens, from: text, binary: false, bigEndian: false)
        case "binary":
            let chars = input.bytes(element.text).filter { !ByteReader.isSpace($0) }
            values = try scalars(try payload(base64: chars[...], at: at), type, at: at)
        case "appended":
            guard let appended, let offset = element.attributes["offset"].flatMap({ Int($0) }), offset >= 0,
                  offset <= input.end - appended else {
                throw input.error("DataArray '\(name)' is appended but has no valid offset", at: at)
            }
            if appendedRaw && !compressed {
                values = try rawValues(at: appended + offset, type)
            } else if appendedRaw {
                values = try scalars(try payload(raw: appended + offset), type, at: .byte(appended + offset))
            } else {
                let chars = input.bytes(appended + offset..<input.end).prefix { $0 != 60 }.filter { !ByteReader.isSpace($0) }
                values = try scalars(try payload(base64: chars[...], at: at), type, at: at)
            }
        case let other:
            throw input.error("DataArray '\(name)' has unknown format '\(other)'", at: at)
        }
        let array = DataArray(values, components: components)
        guard array.valueCount % components == 0, tuples == nil || array.count == tuples else {
            throw input.error("DataArray '\(name)' holds \(array.valueCount) values, expected \(tuples ?? 0) tuples of \(components)", at: at)
        }
        return array
    }

    /// Uncompressed appended raw data at `position` (a byte count, then the values), read in
    /// place without copying the payload first.
    func rawValues(at position: Int, _ type: ScalarType) throws -> DataArray.Values {
        let cursor = input.limited(to: position..<input.end, line: 0)
        cursor.binaryLocations = true
        let length = try cursor.binaryInt(size: wordSize, signed: false, bigEndian: bigEndian)
        guard length <= cursor.remaining else { throw cursor.error("data of \(length) bytes, but only \(cursor.remaining) remain", at: .byte(position)) }
        guard length % type.size == 0 else { throw cursor.error("binary data of \(length) bytes is not a whole number of values", at: .byte(position)) }
        let values = cursor.limited(to: cursor.offset..<cursor.offset + length, line: 0)
        values.binaryLocations = true
        return try type.read(length / type.size, from: values, binary: true, bigEndian: bigEndian)
    }

    func scalars(_ bytes: [UInt8], _ type: ScalarType, at location: MeshIOError.Location) throws -> DataArray.Values {
        guard bytes.count % type.size == 0 else { throw input.error("binary data of \(bytes.count) bytes is not a whole number of values", at: location) }
        return try type.read(bytes.count / type.size, from: ByteReader(path: input.path, bytes: bytes), binary: true, bigEndian: bigEndian)
    }
}
