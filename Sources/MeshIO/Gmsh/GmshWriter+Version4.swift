import MeshCore

extension GmshWriter {
    /// One `$Elements` entity block: cells `range` of cell block `block`, on entity (dim, tag).
    struct EntityBlock {
        var block: Int
        var range: Range<Int>
        var dim: Int
        var tag: Int
    }

    struct Entity: Hashable, Comparable {
        var dim: Int
        var tag: Int
        static func < (a: Entity, b: Entity) -> Bool { (a.dim, a.tag) < (b.dim, b.tag) }
    }

    /// `$Entities`, `$Nodes` and `$Elements` in entity blocks.
    mutating func writeVersion4() throws {
        let blocks = try entityBlocks()
        let physical = try tags(Mesh.physicalTag)
        var entityPhysical: [Entity: Int] = [:]
        for entityBlock in blocks {
            let entity = Entity(dim: entityBlock.dim, tag: entityBlock.tag)
            var values: Set<Int> = physical == nil ? [0] : []
            if let tags = physical?[entityBlock.block] {                       // runs of equal tags: one insert each
                var last: Int?
                for i in entityBlock.range where tags[i] != last { values.insert(tags[i]); last = tags[i] }
            }
            for value in values {
                if let other = entityPhysical.updateValue(value, forKey: entity), other != value {
                    throw failure("MSH 4.1 gives each entity one physical tag; entity (\(entity.dim), \(entity.tag)) has \(other) and \(value)")
                }
            }
        }
        let nodeEntities = try nodeEntities(default: blocks.max { $0.dim < $1.dim }.map { Entity(dim: $0.dim, tag: $0.tag) })
        let entities = Set(entityPhysical.keys).union(nodeEntities.keys).sorted()

        out.text("$Entities\n")
        for dim in 0..<4 { size(entities.filter { $0.dim == dim }.count) }
        endLine()
        for entity in entities {
            int(entity.tag)
            for _ in 0..<(entity.dim == 0 ? 3 : 6) { real(0) }
            if let value = entityPhysical[entity], value != 0 { size(1); int(value) } else { size(0) }
            if entity.dim > 0 { size(0) }
            endLine()
        }
        endBinary()

        out.text("$EndEntities\n$Nodes\n")
        [nodeEntities.count, mesh.pointCount, 1, mesh.pointCount].forEach { size($0) }
        endLine()
        // Blocks in the order of their first node: when each entity's nodes are contiguous the
        // file lists nodes in index order, which readers that ignore node tags (meshio's
        // $NodeData) rely on.
        for (entity, indices) in nodeEntities.sorted(by: { $0.value[0] < $1.value[0] }) {
            [entity.dim, entity.tag, 0].forEach { int($0) }
            size(indices.count)
            endLine()
            if binary {                                                         // whole arrays at once
                out.littleEndian8(indices.map { UInt64($0 + 1) })
                let allInOrder = indices.count == mesh.pointCount && indices.last == mesh.pointCount - 1
                out.littleEndian8(allInOrder ? mesh.points : indices.flatMap { mesh.points[3 * $0..<3 * $0 + 3] })
            } else {
                for i in indices { size(i + 1); endLine() }
                for i in indices {
                    for c in 0..<3 { real(mesh.points[3 * i + c]) }
                    endLine()
                }
            }
        }
        endBinary()

        out.text("$EndNodes\n$Elements\n")
        [blocks.count, mesh.cellCount, 1, mesh.cellCount].forEach { size($0) }
        endLine()
        var tag = 0
        var ordered: (block: Int, connectivity: [Int]) = (-1, [])
        for entityBlock in blocks {
            let cells = mesh.cellBlocks[entityBlock.block]
            if ordered.block != entityBlock.block {
                ordered = (entityBlock.block, CellTypeTable.gmsh.fileOrder(cells.type, connectivity: cells.connectivity))
            }
            [entityBlock.dim, entityBlock.tag, CellTypeTable.gmsh.id(cells.type)].forEach { int($0) }
            size(entityBlock.range.count)
            endLine()
            let n = cells.type.nodeCount
            if binary {                                                         // rows of words, 16384 elements at a time
                var words: [UInt64] = []
                for chunk in stride(from: entityBlock.range.lowerBound, to: entityBlock.range.upperBound, by: 16384) {
                    words.removeAll(keepingCapacity: true)
                    for i in chunk..<min(chunk + 16384, entityBlock.range.upperBound) {
                        tag += 1
                        words.append(UInt64(tag))
                        for node in ordered.connectivity[i * n..<(i + 1) * n] { words.append(UInt64(node + 1)) }
                    }
                    out.littleEndian8(words)
                }
            } else {
                for i in entityBlock.range {
                    tag += 1
                    size(tag)
                    for node in ordered.connectivity[i * n..<(i + 1) * n] { size(node + 1) }
                    endLine()
                }
            }
        }
        endBinary()
        out.text("$EndElements\n")
    }

    /// Each cell block split into runs of equal `gmsh:geometrical` (without it, entity b + 1).
    func entityBlocks() throws -> [EntityBlock] {
        let geometrical = try tags(Mesh.geometricalTag)
        var result: [EntityBlock] = []
        for (b, block) in mesh.cellBlocks.enumerated() {
            var start = 0
            while start < block.count {
                let tag = geometrical?[b][start] ?? b + 1
                var stop = start + 1
                while stop < block.count, (geometrical?[b][stop] ?? b + 1) == tag { stop += 1 }
                result.append(EntityBlock(block: b, range: start..<stop, dim: block.type.dimension, tag: tag))
                start = stop
            }
        }
        return result
    }

    /// Nodes grouped by entity: from point data `gmsh:dim_tags` (as meshio), or all on `fallback`.
    func nodeEntities(default fallback: Entity?) throws -> [Entity: [Int]] {
        guard let dimTags = mesh.pointData["gmsh:dim_tags"] else {
            return mesh.pointCount == 0 ? [:] : [fallback ?? Entity(dim: 0, tag: 1): Array(0..<mesh.pointCount)]
        }
        guard let ints = dimTags.ints, dimTags.components == 2 else { throw failure("point data 'gmsh:dim_tags' must be integer pairs") }
        var groups: [Entity: [Int]] = [:]
        for i in 0..<mesh.pointCount { groups[Entity(dim: ints[2 * i], tag: ints[2 * i + 1]), default: []].append(i) }
        return groups
    }
}
