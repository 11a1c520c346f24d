import MeshCore

/// Reads VTK legacy files (`# vtk DataFile Version` 2.0 to 5.1), ASCII or BINARY (big-endian),
/// DATASET UNSTRUCTURED_GRID: POINTS, CELLS (counts per cell, or 5.x OFFSETS + CONNECTIVITY),
/// CELL_TYPES, and POINT_DATA / CELL_DATA attributes (SCALARS, VECTORS, NORMALS, TENSORS,
/// FIELD). A FIELD before POINTS is field data. Consecutive cells of one type form a block.
struct LegacyVTKReader {
    let input: ByteReader
    var binary = false
    var points: [Double]?
    var cells = VTKCellArrays(types: [], ends: [], connectivity: [])
    var locations: [VTKCellArrays.Problem.Array: MeshIOError.Location] = [:]
    var pointData: [String: DataArray] = [:]
    var cellData: [String: DataArray] = [:]
    var fieldData: [String: DataArray] = [:]
    /// Where attributes go: nil before POINT_DATA/CELL_DATA, else (isPoint, count).
    var attributes: (isPoint: Bool, count: Int)?

    init(_ input: ByteReader) { self.input = input }

    mutating func read() throws -> Mesh {
        let magic = input.atEnd ? "" : try input.restOfLine()
        guard magic.lowercased().hasPrefix("# vtk datafile version") else {
            throw input.error("not a VTK legacy file: the first line is '\(magic.prefix(40))'", at: .line(1))
        }
        _ = try input.restOfLine()
        switch try input.nextLine().uppercased() {
        case "ASCII": binary = false
        case "BINARY": binary = true
        case let other: throw input.error("expected ASCII or BINARY, found '\(other.prefix(40))'", at: .line(input.line - 1))
        }
        while true {
            input.skipSpace()
            if input.atEnd { break }
            let location = input.location
            let words = try input.restOfLine().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            try readSection(keyword, words, at: location)
            input.binaryLocations = binary
        }
        return try assemble()
    }

    func argument(_ words: [String], _ index: Int, at location: MeshIOError.Location) throws -> String {
        guard index < words.count else { throw input.error("\(words[0]) needs \(index) arguments", at: location) }
        return words[index]
    }

    func count(_ words: [String], _ index: Int, at location: MeshIOError.Location) throws -> Int {
        let word = try argument(words, index, at: location)
        guard let value = Int(word), value >= 0 else { throw input.error("\(words[0]): '\(word)' is not a count", at: location) }
        return value
    }

    func values(_ count: Int, _ typeName: String, at location: MeshIOError.Location) throws -> DataArray.Values {
        guard let type = ScalarType(legacy: typeName) else { throw input.error("unknown data type '\(typeName)'", at: location) }
        input.binaryLocations = binary
        return try type.read(count, from: input, binary: binary, bigEndian: true)
    }

    func ints(_ count: Int, _ typeName: String, at location: MeshIOError.Location) throws -> [Int] {
        guard case let .int(ints) = try values(count, typeName, at: location) else {
            throw input.error("expected integers, found type '\(typeName)'", at: location)
        }
        return ints
    }

    mutating func readSection(_ keyword: String, _ words: [String], at location: MeshIOError.Location) throws {
        switch keyword {
        case "DATASET":
            let kind = try argument(words, 1, at: location)
            guard kind.uppercased() == "UNSTRUCTURED_GRID" else {
                throw input.error("DATASET \(kind) is not supported (only UNSTRUCTURED_GRID)", at: location)
            }
        case "POINTS":
            let n = try count(words, 1, at: location)
            points = try DataArray(values(3 * n, argument(words, 2, at: location), at: location)).doubles
        case "CELLS":
            try readCells(count(words, 1, at: location), count(words, 2, at: location), at: location)
        case "CELL_TYPES":
            locations[.types] = input.location
            cells.types = try ints(count(words, 1, at: location), "int", at: location)
        case "POINT_DATA", "CELL_DATA":
            attributes = (keyword == "POINT_DATA", try count(words, 1, at: location))
        case "SCALARS", "VECTORS", "NORMALS", "TENSORS":
            guard let attributes else { throw input.error("\(keyword) outside POINT_DATA or CELL_DATA", at: location) }
            let components = keyword == "SCALARS" ? (words.count > 3 ? try count(words, 3, at: location) : 1)
                : keyword == "TENSORS" ? 9 : 3
            if keyword == "SCALARS", try peekWord()?.uppercased() == "LOOKUP_TABLE" { _ = try input.nextLine() }
            let array = DataArray(try values(attributes.count * components, argument(words, 2, at: location), at: location),
                                  components: max(components, 1))
            try store(argument(words, 1, at: location), array)
        case "FIELD":
            let arrays = try count(words, 2, at: location)
            for _ in 0..<arrays {
                let arrayLocation = input.location
                let header = try input.nextLine().split(separator: " ").map(String.init)
                let (components, tuples) = (try count(header, 1, at: arrayLocation), try count(header, 2, at: arrayLocation))
                let array = DataArray(try values(components * tuples, argument(header, 3, at: arrayLocation), at: arrayLocation),
                                      components: max(components, 1))
                if attributes == nil { fieldData[header[0]] = array } else { try store(header[0], array) }
                if try peekWord()?.uppercased() == "METADATA" { try skipMetadata() }
            }
        case "LOOKUP_TABLE":
            let n = try count(words, 2, at: location)
            _ = try values(4 * n, binary ? "unsigned_char" : "float", at: location)
        case "METADATA":
            try skipMetadata(started: true)
        default:
            throw input.error("unsupported VTK section '\(words[0].prefix(40))'", at: location)
        }
    }

    mutating func readCells(_ first: Int, _ second: Int, at location: MeshIOError.Location) throws {
        if try peekWord()?.uppercased() == "OFFSETS" {
            // 5.x: CELLS <offsets> <connectivity>, then OFFSETS <type> and CONNECTIVITY <type>.
            let offsetsHeader = try input.nextLine().split(separator: " ").map(String.init)
            locations[.offsets] = input.location
            let offsets = try ints(first, argument(offsetsHeader, 1, at: location), at: location)
            let connectivityLocation = input.location
            let header = try input.nextLine().split(separator: " ").map(String.init)
            guard header.first?.uppercased() == "CONNECTIVITY" else { throw input.error("expected CONNECTIVITY", at: connectivityLocation) }
            locations[.connectivity] = input.location
            cells.connectivity = try ints(second, argument(header, 1, at: connectivityLocation), at: connectivityLocation)
            guard offsets.first == 0 || offsets.isEmpty else { throw input.error("OFFSETS must start at 0", at: locations[.offsets]!) }
            cells.ends = Array(offsets.dropFirst())
        } else {
            // Up to 4.2: CELLS <cells> <size>, then per cell its node count and nodes.
            locations[.offsets] = input.location
            locations[.connectivity] = input.location
            let flat = try ints(second, "int", at: location)
            var position = 0
            for _ in 0..<first {
                guard position < flat.count, flat[position] >= 0, flat[position] < flat.count - position else {
                    throw input.error("CELLS declares \(first) cells in \(second) numbers, which do not hold them", at: location)
                }
                cells.connectivity += flat[position + 1..<position + 1 + flat[position]]
                cells.ends.append(cells.connectivity.count)
                position += flat[position] + 1
            }
        }
    }

    mutating func store(_ name: String, _ array: DataArray) throws {
        if attributes!.isPoint { pointData[name] = array } else { cellData[name] = array }
    }

    /// The next word, without consuming it.
    func peekWord() throws -> String? {
        let (offset, line) = (input.offset, input.line)
        defer { (input.offset, input.line) = (offset, line) }
        input.skipSpace()
        return input.atEnd ? nil : try input.word()
    }

    /// Skips a METADATA block: lines up to the first empty one.
    func skipMetadata(started: Bool = false) throws {
        if !started { _ = try input.nextLine() }
        while !input.atEnd, !(try input.restOfLine().trimmingCharacters(in: .whitespaces).isEmpty) {}
    }

    func assemble() throws -> Mesh {
        guard let points else { throw input.error("the file has no POINTS") }
        let pointCount = points.count / 3
        do {
            try cells.check(pointCount: pointCount)
        } catch {
            throw input.error("\(error.reason) (entry \(error.entry))", at: locations[error.array] ?? input.location)
        }
        let (blocks, runs) = cells.blocks()
        var mesh = Mesh(dimension: 3, points: points, cellBlocks: blocks, fieldData: fieldData)
        for (name, array) in pointData {
            guard array.count == pointCount else { throw input.error("point data '\(name)' has \(array.count) tuples for \(pointCount) points") }
            mesh.pointData[name] = array
        }
        for (name, array) in cellData {
            guard array.count == cells.types.count else {
                throw input.error("cell data '\(name)' has \(array.count) tuples for \(cells.types.count) cells")
            }
            mesh.cellData[name] = runs.map { array.slice($0) }
        }
        return mesh
    }
}
