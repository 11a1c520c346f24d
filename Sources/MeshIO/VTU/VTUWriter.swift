import MeshCore

/// Writes VTK XML UnstructuredGrid files (version 1.0, little-endian, UInt64 headers): ascii,
/// inline base64, or appended raw data, optionally zlib-compressed in blocks of 64 KiB.
/// Points are Float64, connectivity and offsets Int64, types UInt8; data keeps Float64 or Int64.
struct VTUWriter {
    enum Encoding { case ascii, base64, appended }

    let mesh: Mesh
    let encoding: Encoding
    let compressed: Bool
    var out: ByteWriter
    /// The `<AppendedData>` section in order: encoded bytes (headers, compressed blocks) and
    /// arrays written from their own storage at the end; `appendedSize` bytes so far.
    var appended: [AppendedChunk] = []
    var appendedSize = 0
    static let blockSize = 1 << 16

    enum AppendedChunk {
        case bytes([UInt8])
        case doubles([Double])
        case ints([Int])
    }

    init(_ mesh: Mesh, format: MeshFileFormat, path: String, out: ByteWriter = ByteWriter()) {
        self.out = out
        self.mesh = mesh.withDimension(3)
        encoding = switch format {
        case .vtuAscii: .ascii
        case .vtuAppended, .vtuAppendedZlib: .appended
        default: .base64
        }
        compressed = [.vtuZlib, .vtuAppendedZlib].contains(format)
    }

    mutating func write() throws {
        out.text("<?xml version=\"1.0\"?>\n<VTKFile type=\"UnstructuredGrid\" version=\"1.0\" byte_order=\"LittleEndian\" "
                 + "header_type=\"UInt64\"\(compressed ? " compressor=\"vtkZLibDataCompressor\"" : "")>\n<UnstructuredGrid>\n")
        if !mesh.fieldData.isEmpty {
            out.text("<FieldData>\n")
            for (name, array) in mesh.fieldData.sorted(by: { $0.key < $1.key }) {
                dataArray(name, array, extra: " NumberOfTuples=\"\(array.count)\"")
            }
            out.text("</FieldData>\n")
        }
        out.text("<Piece NumberOfPoints=\"\(mesh.pointCount)\" NumberOfCells=\"\(mesh.cellCount)\">\n<Points>\n")
        dataArray("Points", DataArray(doubles: mesh.points, components: 3))
        let cells = VTKCellArrays(blocks: mesh.cellBlocks)
        out.text("</Points>\n<Cells>\n")
        dataArray("connectivity", DataArray(ints: cells.connectivity))
        dataArray("offsets", DataArray(ints: cells.ends))
        dataArray("types", DataArray(ints: cells.types), asBytes: true)
        out.text("</Cells>\n")
        if !mesh.pointData.isEmpty {
            out.text("<PointData>\n")
            for (name, array) in mesh.pointData.sorted(by: { $0.key < $1.key }) { dataArray(name, array) }
            out.text("</PointData>\n")
        }
        if !mesh.cellData.isEmpty {
            out.text("<CellData>\n")
            for (name, arrays) in mesh.cellData.sorted(by: { $0.key < $1.key }) { dataArray(name, DataArray.concatenating(arrays)) }
            out.text("</CellData>\n")
        }
        out.text("</Piece>\n</UnstructuredGrid>\n")
        if encoding == .appended {
            out.text("<AppendedData encoding=\"raw\">\n_")
            for chunk in appended {
                switch chunk {
                case let .bytes(bytes): out.append(bytes)
                case let .doubles(values): out.littleEndian8(values)
                case let .ints(values): out.littleEndian8(values)
                }
            }
            out.text("\n</AppendedData>\n")
        }
        out.text("</VTKFile>\n")
    }

    mutating func append(_ chunk: AppendedChunk) {
        switch chunk {
        case let .bytes(bytes): appendedSize += bytes.count
        case let .doubles(values): appendedSize += 8 * values.count
        case let .ints(values): appendedSize += 8 * values.count
        }
        appended.append(chunk)
    }

    /// One `<DataArray>`; `asBytes` stores integers as UInt8 (cell types).
    mutating func dataArray(_ name: String, _ array: DataArray, asBytes: Bool = false, extra: String = "") {
        let type = asBytes ? "UInt8" : array.isInteger ? "Int64" : "Float64"
        let components = array.components > 1 ? " NumberOfComponents=\"\(array.components)\"" : ""
        let format = switch encoding {
        case .ascii: "ascii"
        case .base64: "binary"
        case .appended: "appended\" offset=\"\(appendedSize)"
        }
        out.text("<DataArray type=\"\(type)\" Name=\"\(name.xmlEscaped)\"\(components)\(extra) format=\"\(format)\">")
        defer { out.text("</DataArray>\n") }
        if encoding == .appended, !compressed, !asBytes {                   // raw arrays stay where they are
            let (chunk, size): (AppendedChunk, Int) = switch array.values {
            case let .double(values): (.doubles(values), 8 * values.count)
            case let .int(values): (.ints(values), 8 * values.count)
            }
            var header = ByteWriter()
            header.binary(UInt64(size))
            append(.bytes(header.bytes))
            append(chunk)
            return
        }
        var raw = ByteWriter()
        switch array.values {
        case let .double(values) where encoding == .ascii: out.textNumbers(values, perLine: array.components)
        case let .int(values) where encoding == .ascii: out.textNumbers(values, perLine: array.components)
        case let .double(values): raw.littleEndian8(values)
        case let .int(values): asBytes ? raw.bytes.append(contentsOf: values.lazy.map { UInt8(truncatingIfNeeded: $0) }) : raw.littleEndian8(values)
        }
        if encoding != .ascii {
            let (header, data) = payload(raw.bytes)
            if encoding == .appended {
                append(.bytes(header))
                append(.bytes(data))
            } else {
                // VTK's layout: header and data encoded separately when compressed; meshio's
                // (and VTK's readers accept it) one stream when not.
                out.append(compressed ? Base64.encode(header) + Base64.encode(data) : Base64.encode(header + data))
            }
        }
    }

    /// The header words (UInt64) and the data, compressed in blocks when `compressed`.
    func payload(_ bytes: [UInt8]) -> (header: [UInt8], data: [UInt8]) {
        var header = ByteWriter()
        guard compressed else {
            header.binary(UInt64(bytes.count))
            return (header.bytes, bytes)
        }
        let blocks = stride(from: 0, to: bytes.count, by: Self.blockSize).map {
            Zlib.compress(bytes[$0..<min($0 + Self.blockSize, bytes.count)])
        }
        let last = bytes.count % Self.blockSize
        ([blocks.count, Self.blockSize, last] + blocks.map(\.count)).forEach { header.binary(UInt64($0)) }
        return (header.bytes, blocks.flatMap { $0 })
    }
}
