import MeshCore

/// MSH 4.1: `$Entities` (physical tags per entity), `$Nodes` and `$Elements` in entity blocks;
/// counts and tags are `size_t` (the header's data-size), entity data `int`.
extension GmshReader {
    mutating func readEntities() throws {
        let counts = try (0..<4).map { _ in try size() }
        for (dim, count) in counts.enumerated() {
            try input.requirePlausible(count, bytesEach: binary ? 4 + 24 + sizeT : 8, "number of dimension-\(dim) entities")
            for _ in 0..<count {
                let tag = try int()
                for _ in 0..<(dim == 0 ? 3 : 6) { _ = try real() }
                let physicalCount = try size()
                try input.requirePlausible(physicalCount, bytesEach: binary ? 4 : 2, "number of physical tags")
                let tags = try (0..<physicalCount).map { _ in try int() }
                if let first = tags.first {
                    entityPhysical[dim][tag] = first
                    hasPhysical = true
                }
                if dim > 0 {
                    let bounding = try size()
                    try input.requirePlausible(bounding, bytesEach: binary ? 4 : 2, "number of bounding entities")
                    for _ in 0..<bounding { _ = try int() }
                }
            }
        }
    }

    mutating func readNodes4() throws {
        let location = input.location
        let (blocks, count) = (try size(), try size())
        _ = (try size(), try size())
        try input.requirePlausible(count, bytesEach: binary ? sizeT + 24 : 8, "number of nodes")
        try input.requirePlausible(blocks, bytesEach: binary ? 12 + sizeT : 8, "number of node blocks")
        nodeTags.reserveCapacity(count)
        coordinates.reserveCapacity(3 * count)
        for _ in 0..<blocks {
            let blockLocation = input.location
            let (dim, entity, parametric, n) = (try int(), try int(), try int(), try size())
            guard n <= count - nodeTags.count, (0...3).contains(dim) else {
                throw input.error("node block of \(n) nodes (dimension \(dim)) exceeds the \(count) nodes declared", at: blockLocation)
            }
            if bulk && parametric == 0 {
                nodeTags += try input.littleEndian8(n, as: Int.self)
                coordinates += try input.littleEndian8(3 * n, as: Double.self)
                nodeEntities += (0..<2 * n).lazy.map { $0 % 2 == 0 ? dim : entity }
                continue
            }
            for _ in 0..<n { nodeTags.append(try size()) }
            for _ in 0..<n {
                for _ in 0..<3 { coordinates.append(try real()) }
                if parametric != 0 { for _ in 0..<dim { _ = try real() } }
                nodeEntities += [dim, entity]
            }
        }
        guard nodeTags.count == count else {
            throw input.error("$Nodes declares \(count) nodes, its blocks hold \(nodeTags.count)", at: location)
        }
        try indexNodes(tags: nodeTags, at: location)
    }

    mutating func readElements4() throws {
        let location = input.location
        let (blocks, count) = (try size(), try size())
        _ = (try size(), try size())
        try input.requirePlausible(count, bytesEach: binary ? 2 * sizeT : 4, "number of elements")
        try input.requirePlausible(blocks, bytesEach: binary ? 12 + sizeT : 8, "number of element blocks")
        var tags: [Int] = []
        tags.reserveCapacity(count)
        for _ in 0..<blocks {
            let blockLocation = input.location
            let (dim, entity, typeID, n) = (try int(), try int(), try int(), try size())
            let type = try cellType(typeID, at: blockLocation)
            guard n <= count - tags.count, (0...3).contains(dim) else {
                throw input.error("element block of \(n) elements exceeds the \(count) elements declared", at: blockLocation)
            }
            startBlock(type)
            let physicalTag = entityPhysical[dim][entity] ?? 0
            if bulk {
                try readElementBlock(type, count: n, tags: &tags)
            } else {
                for _ in 0..<n {
                    let elementLocation = input.location
                    tags.append(try size())
                    let nodeTags = try (0..<type.nodeCount).map { _ in try size() }
                    try addElement(type, nodeTags: nodeTags, at: elementLocation)
                }
            }
            physical[physical.count - 1] = Array(repeating: physicalTag, count: n)
            geometrical[geometrical.count - 1] = Array(repeating: entity, count: n)
        }
        hasGeometrical = true
        guard tags.count == count else {
            throw input.error("$Elements declares \(count) elements, its blocks hold \(tags.count)", at: location)
        }
        try indexElements(tags: tags, at: location)
    }

    /// Binary little-endian files with 8-byte sizes: counts, tags and coordinates are copied in
    /// bulk instead of value by value.
    var bulk: Bool { binary && sizeT == 8 && !bigEndian }

    /// The `count` elements of one binary block (`tag node…` rows of 8-byte sizes), decoded in one
    /// pass over the file's bytes: element tags appended to `tags`, node tags turned into positions.
    mutating func readElementBlock(_ type: CellType, count: Int, tags: inout [Int]) throws {
        let k = type.nodeCount
        let start = input.offset
        guard let nodes else { throw input.error("$Elements comes before $Nodes", at: .byte(start)) }
        let pointCount = coordinates.count / 3
        var bad: (value: Int, row: Int)?
        let positions = try input.withLittleEndianWords(count * (k + 1)) { words in
            tags.reserveCapacity(tags.count + count)
            return [Int](unsafeUninitializedCapacity: count * k) { buffer, initialized in
                var written = 0
                for row in 0..<count where bad == nil {
                    let base = row * (k + 1)
                    tags.append(words(base))
                    for j in 1...k {
                        let tag = words(base + j)
                        // Tags 1…n: a node's position is its tag − 1, checked without lookups.
                        let position = nodes.isContiguous ? (tag >= 1 && tag <= pointCount ? tag - 1 : nil) : nodes.position(tag)
                        guard let position else { bad = (tag, row); break }
                        buffer[written] = position
                        written += 1
                    }
                }
                initialized = written
            }
        }
        if let bad {
            throw input.error("an element refers to node \(bad.value), which is not in $Nodes", at: .byte(start + 8 * (k + 1) * bad.row))
        }
        connectivity[connectivity.count - 1] = CellTypeTable.gmsh.meshOrder(type, positions)
    }
}
