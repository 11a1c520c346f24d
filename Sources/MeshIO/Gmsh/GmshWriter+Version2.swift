import MeshCore

extension GmshWriter {
    /// `$Nodes` as `tag x y z` and `$Elements` as `tag type 2 physical geometrical nodes…`
    /// (binary: one group header `type count 2` per cell block).
    mutating func writeVersion2() throws {
        out.text("$Nodes\n\(mesh.pointCount)\n")
        for i in 0..<mesh.pointCount {
            int(i + 1)
            for c in 0..<3 { real(mesh.points[3 * i + c]) }
            endLine()
        }
        endBinary()
        out.text("$EndNodes\n$Elements\n\(mesh.cellCount)\n")
        let physical = try tags(Mesh.physicalTag)
        let geometrical = try tags(Mesh.geometricalTag)
        var tag = 0
        for (b, block) in mesh.cellBlocks.enumerated() {
            let typeID = CellTypeTable.gmsh.id(block.type)
            if binary { [typeID, block.count, 2].forEach { int($0) } }
            let ordered = CellTypeTable.gmsh.fileOrder(block.type, connectivity: block.connectivity)
            let n = block.type.nodeCount
            for i in 0..<block.count {
                tag += 1
                int(tag)
                if !binary { [typeID, 2].forEach { int($0) } }
                int(physical?[b][i] ?? 0)
                int(geometrical?[b][i] ?? 0)
                for node in ordered[i * n..<(i + 1) * n] { int(node + 1) }
                endLine()
            }
        }
        endBinary()
        out.text("$EndElements\n")
    }
}
