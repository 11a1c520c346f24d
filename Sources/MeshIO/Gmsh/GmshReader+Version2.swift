import MeshCore

/// MSH 2.2: `$Nodes` as `tag x y z`, `$Elements` as `tag type ntags tags… nodes…`, the first
/// tag physical and the second geometrical; binary elements come in groups under a header
/// `type count ntags`.
extension GmshReader {
    mutating func readNodes2() throws {
        let location = input.location
        let count = try textCount("number of nodes", bytesEach: (28, 8))
        nodeTags.reserveCapacity(count)
        coordinates.reserveCapacity(3 * count)
        for _ in 0..<count {
            nodeTags.append(try int())
            for _ in 0..<3 { coordinates.append(try real()) }
        }
        try indexNodes(tags: nodeTags, at: location)
    }

    mutating func readElements2() throws {
        let location = input.location
        let count = try textCount("number of elements", bytesEach: (12, 6))
        var tags: [Int] = []
        tags.reserveCapacity(count)
        while tags.count < count {
            let groupLocation = input.location
            // Binary files give a header per group of elements; ASCII files one per element.
            let header = binary ? [try int(), try int(), try int()] : [0, 1, 0]
            guard header[1] >= 1, header[1] <= count - tags.count, (0...1024).contains(header[2]) || !binary else {
                throw input.error("element group header \(header) does not fit \(count - tags.count) remaining elements", at: groupLocation)
            }
            for _ in 0..<header[1] {
                let elementLocation = input.location
                let tag = try int()
                let (typeID, tagCount) = binary ? (header[0], header[2]) : (try int(), try int())
                guard (0...1024).contains(tagCount) else { throw input.error("element \(tag) has \(tagCount) tags", at: elementLocation) }
                let type = try cellType(typeID, at: elementLocation)
                let elementTags = try (0..<tagCount).map { _ in try int() }
                let nodeTags = try (0..<type.nodeCount).map { _ in try int() }
                if blockTypes.last != type { startBlock(type) }
                try addElement(type, nodeTags: nodeTags, at: elementLocation)
                physical[physical.count - 1].append(elementTags.first ?? 0)
                geometrical[geometrical.count - 1].append(tagCount > 1 ? elementTags[1] : 0)
                hasPhysical = hasPhysical || tagCount > 0
                hasGeometrical = hasGeometrical || tagCount > 1
                tags.append(tag)
            }
        }
        try indexElements(tags: tags, at: location)
    }
}
