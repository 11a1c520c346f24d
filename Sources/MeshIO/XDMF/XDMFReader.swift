import DatasetIO
import Foundation
import MeshCore

/// Reads XDMF (2 and 3) files: the first uniform grid of the domain (inside a collection, the
/// first of its grids), with geometry `XYZ` or `XY`, a topology of one cell type or `Mixed`,
/// and `Attribute`s centred on nodes or cells. Data items are inline XML text or references
/// `file.h5:/path` into HDF5 files, relative to the XDMF file's folder.
struct XDMFReader {
    let input: ByteReader

    init(_ input: ByteReader) { self.input = input }

    func read() throws -> Mesh {
        input.skipSpace()
        guard input.starts(with: "<") else { throw input.error("not an XDMF file: it does not start with XML") }
        let (root, _) = try XMLElement.parse(input)
        guard root.name == "Xdmf" else { throw input.error("not an XDMF file: the root is <\(root.name)>", at: .line(root.line)) }
        guard let domain = root.child("Domain") else { throw input.error("no <Domain>", at: .line(root.line)) }
        guard var grid = domain.child("Grid") else { throw input.error("no <Grid> in <Domain>", at: .line(domain.line)) }
        while grid.attributes["GridType"] == "Collection" || grid.attributes["GridType"] == "Tree" {
            guard let first = grid.child("Grid") else { throw input.error("collection <Grid> holds no grid", at: .line(grid.line)) }
            grid = first
        }
        guard let geometry = grid.child("Geometry") else { throw input.error("<Grid> has no <Geometry>", at: .line(grid.line)) }
        let geometryType = geometry.attributes["GeometryType"] ?? geometry.attributes["Type"] ?? "XYZ"
        guard let dimension = ["XYZ": 3, "XY": 2][geometryType] else {
            throw input.error("GeometryType \(geometryType) is not supported (XYZ or XY)", at: .line(geometry.line))
        }
        let points = try values(of: geometry, components: dimension)
        guard points.components == dimension else {
            throw input.error("geometry holds \(points.components) coordinates per point, \(geometryType) needs \(dimension)", at: .line(geometry.line))
        }
        let pointCount = points.count
        guard let topology = grid.child("Topology") else { throw input.error("<Grid> has no <Topology>", at: .line(grid.line)) }
        let (blocks, runs) = try cells(topology, pointCount: pointCount)
        var mesh = Mesh(dimension: dimension, points: points.doubles, cellBlocks: blocks)
        let cellCount = mesh.cellCount
        for attribute in grid.children("Attribute") {
            let name = attribute.attributes["Name"] ?? ""
            let center = attribute.attributes["Center"] ?? "Node"
            let array = try values(of: attribute)
            let expected = center == "Cell" ? cellCount : pointCount
            guard center == "Node" || center == "Cell" else {
                throw input.error("Attribute '\(name)' has Center \(center) (Node or Cell are supported)", at: .line(attribute.line))
            }
            guard array.count == expected else {
                throw input.error("Attribute '\(name)' holds \(array.count) tuples for \(expected) \(center == "Cell" ? "cells" : "points")", at: .line(attribute.line))
            }
            if center == "Cell" { mesh.cellData[name] = runs.map { array.slice($0) } } else { mesh.pointData[name] = array }
        }
        for set in grid.children("Set") where (set.attributes["SetType"] ?? "Node") == "Node" {
            let name = set.attributes["Name"] ?? "set\(mesh.pointSets.count)"
            guard let nodes = try values(of: set).ints else { throw input.error("Set '\(name)' must hold integers", at: .line(set.line)) }
            if let bad = nodes.first(where: { $0 < 0 || $0 >= pointCount }) {
                throw input.error("Set '\(name)' refers to point \(bad), but the geometry has \(pointCount) points", at: .line(set.line))
            }
            mesh.pointSets[name] = nodes
        }
        for information in grid.children("Information") {
            mesh.fieldData.merge(try fieldData(information), uniquingKeysWith: { $1 })
        }
        return mesh
    }

    /// meshio's physical names: the `<Information>` text is an escaped `<main><map key dim>tag</map>…`
    /// document; each entry becomes field data (tag, dimension). Other information is ignored.
    func fieldData(_ information: XMLElement) throws -> [String: DataArray] {
        let text = input.string(information.text).xmlUnescaped.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("<main") else { return [:] }
        let inner = ByteReader(path: input.path, bytes: Array(text.utf8))
        guard let document = try? XMLElement.parse(inner).root else {
            throw input.error("<Information> holds malformed XML", at: .line(information.line))
        }
        var result = [String: DataArray]()
        for map in document.children("map") {
            let body = inner.string(map.text).trimmingCharacters(in: .whitespaces)
            guard let key = map.attributes["key"], let dimension = map.attributes["dim"].flatMap({ Int($0) }), let tag = Int(body) else {
                throw input.error("<Information> entries need a key, an integer dim and an integer tag", at: .line(information.line))
            }
            result[key] = DataArray(ints: [tag, dimension])
        }
        return result
    }

    /// Cell blocks (one per run of one type) and the cell range of each.
    func cells(_ topology: XMLElement, pointCount: Int) throws -> (blocks: [CellBlock], runs: [Range<Int>]) {
        let at = MeshIOError.Location.line(topology.line)
        let typeName = topology.attributes["TopologyType"] ?? topology.attributes["Type"] ?? ""
        let array = try values(of: topology)
        guard let connectivity = array.ints else { throw input.error("topology must hold integers", at: at) }
        if let bad = connectivity.first(where: { $0 < 0 }) { throw input.error("topology holds the negative value \(bad)", at: at) }
        var blocks: [CellBlock] = [], runs: [Range<Int>] = []
        func append(_ type: CellType, _ nodes: ArraySlice<Int>, cell: Int) throws {
            if let bad = nodes.first(where: { $0 >= pointCount }) {
                throw input.error("cell \(cell) refers to point \(bad), but the geometry has \(pointCount) points", at: at)
            }
            if let last = blocks.last, last.type == type {
                blocks[blocks.count - 1].connectivity += nodes
                runs[runs.count - 1] = runs[runs.count - 1].lowerBound..<cell + 1
            } else {
                blocks.append(CellBlock(type: type, connectivity: Array(nodes)))
                runs.append(cell..<cell + 1)
            }
        }
        if typeName.lowercased() == "mixed" {
            var (position, cell) = (0, 0)
            while position < connectivity.count {
                guard let type = XDMFTopology.typesByCode[connectivity[position]] else {
                    throw input.error("mixed topology: unknown or unsupported cell code \(connectivity[position]) at entry \(position)", at: at)
                }
                position += 1
                if XDMFTopology.hasCount(type) {
                    guard position < connectivity.count, connectivity[position] == type.nodeCount else {
                        throw input.error("mixed topology: a \(XDMFTopology.names[type]!) at entry \(position - 1) must give \(type.nodeCount) nodes", at: at)
                    }
                    position += 1
                }
                guard position + type.nodeCount <= connectivity.count else {
                    throw input.error("mixed topology ends inside cell \(cell) (\(type.rawValue))", at: at)
                }
                try append(type, connectivity[position..<position + type.nodeCount], cell: cell)
                (position, cell) = (position + type.nodeCount, cell + 1)
            }
        } else {
            guard let type = XDMFTopology.typesByName[typeName.lowercased()] else {
                throw input.error("TopologyType '\(typeName)' is unknown or unsupported", at: at)
            }
            if let perElement = topology.attributes["NodesPerElement"], Int(perElement) != type.nodeCount {
                throw input.error("\(typeName) with NodesPerElement \(perElement) is not supported (\(type.nodeCount))", at: at)
            }
            guard connectivity.count % type.nodeCount == 0 else {
                throw input.error("topology holds \(connectivity.count) indices, not a whole number of \(typeName) cells", at: at)
            }
            for cell in 0..<connectivity.count / type.nodeCount {
                try append(type, connectivity[cell * type.nodeCount..<(cell + 1) * type.nodeCount], cell: cell)
            }
        }
        if let declared = topology.attributes["NumberOfElements"].flatMap({ Int($0.split(separator: " ").first ?? "") }),
           declared != runs.last?.upperBound ?? 0 {
            throw input.error("NumberOfElements is \(declared), the topology holds \(runs.last?.upperBound ?? 0) cells", at: at)
        }
        return (blocks, runs)
    }

    /// The values of the `<DataItem>` inside `element`, with the components its Dimensions give
    /// (the product of all but the first extent).
    func values(of element: XMLElement, components expected: Int? = nil) throws -> DataArray {
        guard let item = element.child("DataItem") else { throw input.error("<\(element.name)> has no <DataItem>", at: .line(element.line)) }
        let at = MeshIOError.Location.line(item.line)
        let dimensions = (item.attributes["Dimensions"] ?? "").split(separator: " ").compactMap { Int($0) }
        guard !dimensions.isEmpty, dimensions.allSatisfy({ $0 >= 0 }) else {
            throw input.error("<DataItem> needs Dimensions, got '\(item.attributes["Dimensions"] ?? "")'", at: at)
        }
        let components = dimensions.dropFirst().reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        guard components >= 1 else { throw input.error("<DataItem> Dimensions '\(item.attributes["Dimensions"]!)' hold no values", at: at) }
        let type = item.attributes["DataType"] ?? item.attributes["NumberType"] ?? "Float"
        let integer = ["Int", "UInt", "Char", "UChar"].contains(type)
        guard integer || type == "Float" else { throw input.error("DataType \(type) is not supported", at: at) }
        let values: DataArray.Values
        switch item.attributes["Format"] ?? "XML" {
        case "XML":
            let text = input.limited(to: item.text, line: item.line)
            var tokens: [Range<Int>] = []
            while (text.skipSpace(), !text.atEnd).1 { tokens.append(try text.token()) }
            let reader = input.limited(to: item.text, line: item.line)
            values = integer ? .int(try tokens.map { _ in try reader.int() }) : .double(try tokens.map { _ in try reader.double() })
        case "HDF":
            values = try heavyData(String(decoding: input.bytes(item.text), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                                   integer: integer, at: at)
        case let other:
            throw input.error("DataItem Format \(other) is not supported (XML or HDF)", at: at)
        }
        let array = DataArray(values, components: components)
        let expectedCount = dimensions.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        guard array.valueCount == expectedCount else {
            throw input.error("<DataItem> holds \(array.valueCount) values, its Dimensions \(dimensions) need \(expectedCount)", at: at)
        }
        return array
    }

    /// A dataset of an HDF5 file named `file.h5:/path`.
    func heavyData(_ reference: String, integer: Bool, at location: MeshIOError.Location) throws -> DataArray.Values {
        guard let separator = reference.range(of: ":/") else {
            throw input.error("HDF reference '\(reference)' is not of the form file.h5:/dataset", at: location)
        }
        let file = String(reference[..<separator.lowerBound])
        let dataset = String(reference[reference.index(after: separator.lowerBound)...])
        let folder = URL(fileURLWithPath: input.path).deletingLastPathComponent()
        let heavyPath = file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
        do {
            let data = try HDF5File.open(heavyPath).dataset(dataset)
            return integer && data.isInteger ? .int(try data.readIntegers()) : .double(try data.readDoubles())
        } catch let error as DatasetError {
            throw input.error("heavy data \(reference): \(error)", at: location)
        }
    }
}
