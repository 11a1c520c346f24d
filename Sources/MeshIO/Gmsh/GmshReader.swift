import MeshCore

/// Reads Gmsh MSH 2.x and 4.1 files, ASCII or binary, in either byte order.
///
/// Follows meshio: points keep their coordinates as x y z; MSH 2 merges consecutive elements
/// of one type into a block, MSH 4.1 makes one block per entity block; `gmsh:physical` and
/// `gmsh:geometrical` are cell data (MSH 4.1: the entity's first physical tag and the entity
/// tag); MSH 4.1 node entities become point data `gmsh:dim_tags`; `$PhysicalNames` become field
/// data `name → [tag, dim]`. Node tags may be any unique positive numbers: tags 1…n are
/// placed at index tag − 1, others in file order.
struct GmshReader {
    let input: ByteReader
    var version = 2
    var binary = false
    var bigEndian = false
    var sizeT = 8

    /// Node tags, coordinates (x y z) and, in MSH 4.1, entities (dim tag) in file order.
    var nodeTags: [Int] = []
    var coordinates: [Double] = []
    var nodeEntities: [Int] = []
    var nodes: TagIndex?
    var blockTypes: [CellType] = []
    var connectivity: [[Int]] = []
    var physical: [[Int]] = []
    var geometrical: [[Int]] = []
    var hasPhysical = false
    var hasGeometrical = false
    var elements: TagIndex?
    var entityPhysical: [[Int: Int]] = Array(repeating: [:], count: 4)
    var fieldData: [String: DataArray] = [:]
    var pointData: [String: DataArray] = [:]
    var elementData: [String: DataArray] = [:]

    init(_ input: ByteReader) { self.input = input }

    mutating func read() throws -> Mesh {
        try readMeshFormat()
        while true {
            input.skipSpace()
            if input.atEnd { break }
            let location = input.location
            let header = try input.restOfLine().trimmingCharacters(in: .whitespaces)
            guard header.hasPrefix("$") else {
                throw input.error("expected a section such as $Nodes, found '\(header.prefix(40))'", at: location)
            }
            let name = String(header.dropFirst())
            switch name {
            case "PhysicalNames": try readPhysicalNames()
            case "Entities" where version == 4: try readEntities()
            case "Nodes": version == 4 ? try readNodes4() : try readNodes2()
            case "Elements": version == 4 ? try readElements4() : try readElements2()
            case "NodeData", "ElementData": try readData(nodes: name == "NodeData")
            default:
                guard let end = input.find("$End\(name)") else { throw input.error("section $\(name) has no $End\(name)", at: location) }
                input.advance(to: end)
            }
            try expectLine("$End\(name)")
        }
        return try assemble()
    }

    func expectLine(_ expected: String) throws {
        input.skipSpace()
        let location = input.location
        let found = input.atEnd ? "the end of the file" : "'\(try input.restOfLine().trimmingCharacters(in: .whitespaces).prefix(40))'"
        guard found == "'\(expected)'" else { throw input.error("expected \(expected), found \(found)", at: location) }
    }

    mutating func readMeshFormat() throws {
        input.skipSpace()
        let first = input.atEnd ? "" : try input.restOfLine()
        guard first.trimmingCharacters(in: .whitespaces) == "$MeshFormat" else {
            throw input.error("not a Gmsh file: the first line is '\(first.prefix(40))', expected $MeshFormat", at: .line(1))
        }
        let fields = try input.nextLine().split(separator: " ")
        guard fields.count == 3, let type = Int(fields[1]), let size = Int(fields[2]), [0, 1].contains(type), [4, 8].contains(size) else {
            throw input.error("$MeshFormat must be 'version file-type data-size', found '\(fields.joined(separator: " "))'")
        }
        switch fields[0] {
        case "2", "2.0", "2.1", "2.2": version = 2
        case "4.1": version = 4
        default: throw input.error("MSH version \(fields[0]) is not supported (2.2 and 4.1 are)", at: .line(input.line - 1))
        }
        (binary, sizeT) = (type == 1, size)
        if binary {
            input.binaryLocations = true
            switch try input.binary(UInt32.self) {
            case 1: bigEndian = false
            case 0x0100_0000: bigEndian = true
            case let mark: throw input.error("binary endianness mark is \(mark), expected 1", at: .byte(input.offset - 4))
            }
        }
        try expectLine("$EndMeshFormat")
    }

    // MARK: Numbers: text in ASCII files, binary in binary files.

    func int() throws -> Int { binary ? try input.binaryInt(size: 4, bigEndian: bigEndian) : try input.int() }
    func size() throws -> Int {
        binary ? try input.binaryInt(size: version == 4 ? sizeT : 4, signed: version != 4, bigEndian: bigEndian) : try input.int()
    }
    func real() throws -> Double { binary ? try input.binaryDouble(bigEndian: bigEndian) : try input.double() }

    /// A count that is written as text even in binary files; in binary files the line break
    /// before the binary data is consumed.
    func textCount(_ what: String, bytesEach: (binary: Int, text: Int)) throws -> Int {
        let count = try input.int()
        if binary { _ = try input.restOfLine() }
        try input.requirePlausible(count, bytesEach: binary ? bytesEach.binary : bytesEach.text, what)
        return count
    }

    mutating func readPhysicalNames() throws {
        let count = try input.int()
        try input.requirePlausible(count, bytesEach: 6, "number of physical names")
        for _ in 0..<count {
            let (dim, tag) = (try input.int(), try input.int())
            let name = try input.restOfLine().trimmingCharacters(in: .whitespaces)
            fieldData[name.trimmingCharacters(in: ["\""])] = DataArray(ints: [tag, dim])
        }
    }

    // MARK: Nodes and elements shared by both versions

    mutating func indexNodes(tags: [Int], at location: MeshIOError.Location) throws {
        do {
            nodes = try TagIndex(tags: tags, renumber: true)
        } catch {
            throw input.error("node tag \(error.tag) appears twice in $Nodes", at: location)
        }
    }

    /// Appends one element whose nodes are given as tags in Gmsh's order.
    mutating func addElement(_ type: CellType, nodeTags: [Int], at location: MeshIOError.Location) throws {
        guard let nodes else { throw input.error("$Elements comes before $Nodes", at: location) }
        let positions = try nodeTags.map { tag in
            guard let position = nodes.position(tag) else {
                throw input.error("an element refers to node \(tag), which is not in $Nodes", at: location)
            }
            return position
        }
        CellTypeTable.gmsh.appendInMeshOrder(type, positions, to: &connectivity[connectivity.count - 1])
    }

    func cellType(_ id: Int, at location: MeshIOError.Location) throws -> CellType {
        guard let type = CellTypeTable.gmsh.type(id: id) else { throw input.error("unknown or unsupported element type \(id)", at: location) }
        return type
    }

    mutating func startBlock(_ type: CellType) {
        blockTypes.append(type)
        connectivity.append([])
        physical.append([])
        geometrical.append([])
    }

    mutating func indexElements(tags: [Int], at location: MeshIOError.Location) throws {
        do {
            elements = try TagIndex(tags: tags, renumber: false)
        } catch {
            throw input.error("element tag \(error.tag) appears twice in $Elements", at: location)
        }
    }

    // MARK: $NodeData and $ElementData

    mutating func readData(nodes isNodeData: Bool) throws {
        let section = isNodeData ? "$NodeData" : "$ElementData"
        let location = input.location
        let strings = try (0..<input.int()).map { _ in try input.nextLine().trimmingCharacters(in: ["\""]) }
        for _ in 0..<(try input.int()) { _ = try input.double() }
        let integers = try (0..<input.int()).map { _ in try input.int() }
        guard let name = strings.first, integers.count >= 3, (1...9).contains(integers[1]) else {
            throw input.error("\(section) needs a name and integer tags 'step components count'", at: location)
        }
        let (components, count) = (integers[1], integers[2])
        if binary { _ = try input.restOfLine() }
        try input.requirePlausible(count, bytesEach: binary ? 4 + 8 * components : 2 + 2 * components, "\(section) count")
        guard let index = isNodeData ? nodes : elements else {
            throw input.error("\(section) comes before \(isNodeData ? "$Nodes" : "$Elements")", at: location)
        }
        let total = isNodeData ? coordinates.count / 3 : physical.reduce(0) { $0 + $1.count }
        guard count == total else { throw input.error("\(section) '\(name)' has \(count) entries for \(total) \(isNodeData ? "nodes" : "elements")", at: location) }
        var values = [Double](repeating: .nan, count: count * components)
        for _ in 0..<count {
            let entry = input.location
            let tag = binary ? try input.binaryInt(size: 4, bigEndian: bigEndian) : try input.int()
            guard let position = index.position(tag) else {
                throw input.error("\(section) '\(name)' refers to \(isNodeData ? "node" : "element") \(tag), which does not exist", at: entry)
            }
            for c in 0..<components { values[position * components + c] = try real() }
        }
        if isNodeData { pointData[name] = DataArray(doubles: values, components: components) } else {
            elementData[name] = DataArray(doubles: values, components: components)
        }
    }

    // MARK: The mesh

    func assemble() throws -> Mesh {
        guard let nodes else { throw input.error("the file has no $Nodes section") }
        guard elements != nil else { throw input.error("the file has no $Elements section") }
        let count = coordinates.count / 3
        var points = coordinates
        var dimTags = nodeEntities
        if nodes.isContiguous {
            for i in 0..<count {
                let p = nodes.position(nodeTags[i])!
                points[3 * p..<3 * p + 3] = coordinates[3 * i..<3 * i + 3]
                if !nodeEntities.isEmpty { dimTags[2 * p..<2 * p + 2] = nodeEntities[2 * i..<2 * i + 2] }
            }
        }
        var mesh = Mesh(dimension: 3, points: points,
                        cellBlocks: zip(blockTypes, connectivity).map { CellBlock(type: $0, connectivity: $1) },
                        pointData: pointData, fieldData: fieldData)
        if hasPhysical { mesh.cellData[Mesh.physicalTag] = physical.map { DataArray(ints: $0) } }
        if hasGeometrical { mesh.cellData[Mesh.geometricalTag] = geometrical.map { DataArray(ints: $0) } }
        if version == 4 { mesh.pointData["gmsh:dim_tags"] = DataArray(ints: dimTags, components: 2) }
        let sizes = physical.map(\.count)
        for (name, array) in elementData {
            var start = 0
            mesh.cellData[name] = sizes.map { size in
                defer { start += size }
                return array.slice(start..<start + size)
            }
        }
        return mesh
    }
}
