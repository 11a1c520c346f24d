import DatasetIO
import Foundation
import MeshCore

/// A picture of a 2-D mesh, as SVG or PNG: every surface cell as a polygon through its corners
/// (x–y plane, z ignored) with its edges drawn, filled by a field or by quality, with a colour bar.
public enum MeshPicture {
    public enum Colouring: Equatable, Sendable {
        /// Edges only, light grey cells.
        case edges
        /// Point or cell data by name: cells take their value (point data: the mean over their
        /// corners); vectors are coloured by magnitude.
        case field(String)
        /// Aspect ratio (longest over shortest edge); tangled cells are red.
        case quality
    }

    public typealias RGB = (UInt8, UInt8, UInt8)
    static let width = 800.0, margin = 20.0, legend = 90.0
    static let tangledColour: RGB = (0xE4, 0x1A, 0x1C)
    static let edgeOnlyColour: RGB = (0xEE, 0xEE, 0xEE)
    static let strokeColour: RGB = (0x33, 0x33, 0x33)

    /// What both formats draw: cells as polygons in picture coordinates (y down), their fills,
    /// and the colour bar's range and title.
    struct Layout {
        var height: Double
        var polygons: [[SIMD2<Double>]]
        var fills: [RGB]
        var low: Double, high: Double
        var title: String
        var hasColourBar: Bool
        /// The colour bar's left edge and vertical extent.
        var bar: (x: Double, top: Double, bottom: Double) {
            (width - legend + 10, margin + 20, max(height - margin, margin + 80))
        }
    }

    /// Writes the picture of `mesh` to `path` (atomically): PNG for a `.png` name, else SVG.
    public static func write(_ mesh: Mesh, to path: String, colouring: Colouring) throws {
        let layout = try layout(mesh, colouring: colouring, path: path)
        let bytes = path.lowercased().hasSuffix(".png") ? [UInt8](png(layout)) : Array(svg(layout).utf8)
        try MeshFile.writeAtomically(bytes, to: path)
    }

    /// The SVG text; `path` only names the file in errors.
    public static func svg(_ mesh: Mesh, colouring: Colouring, path: String) throws -> String {
        svg(try layout(mesh, colouring: colouring, path: path))
    }

    static func layout(_ mesh: Mesh, colouring: Colouring, path: String) throws -> Layout {
        let blocks = mesh.cellBlocks.indices.filter { mesh.cellBlocks[$0].type.dimension == 2 }
        guard !blocks.isEmpty else {
            throw MeshIOError.cannotWrite(path: path, reason: "a picture needs surface cells (triangles or quads); this mesh has \(mesh.cellBlocks.map(\.type.rawValue))")
        }
        let values = try cellValues(mesh, blocks: blocks, colouring: colouring, path: path)
        let used = Set(blocks.flatMap { mesh.cellBlocks[$0].connectivity })
        let xs = used.map { mesh.point($0).x }, ys = used.map { mesh.point($0).y }
        let (x0, x1, y0, y1) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        let scale = (width - 2 * margin - legend) / max(x1 - x0, y1 - y0, 1e-300)
        let height = (y1 - y0) * scale + 2 * margin
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let (low, high) = (finite.min() ?? 0, finite.max() ?? 1)
        var polygons = [[SIMD2<Double>]](), fills = [RGB]()
        for (k, b) in blocks.enumerated() {
            let block = mesh.cellBlocks[b]
            let corners = block.type.linear.edges.count
            for cell in 0..<block.count {
                polygons.append(block[cell].prefix(corners).map { index in
                    let p = mesh.point(index)
                    return SIMD2(margin + (p.x - x0) * scale, height - margin - (p.y - y0) * scale)
                })
                fills.append(colour(values[k][cell], low, high, colouring))
            }
        }
        // Tangled cells are drawn last: folded over by their neighbours, they would be hidden.
        let order = fills.indices.filter { fills[$0] != tangledColour } + fills.indices.filter { fills[$0] == tangledColour }
        return Layout(height: height, polygons: order.map { polygons[$0] }, fills: order.map { fills[$0] }, low: low, high: high,
                      title: title(colouring), hasColourBar: colouring != .edges)
    }

    static func svg(_ layout: Layout) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(layout.height.rounded(.up)))\" viewBox=\"0 0 \(width) \(format(layout.height))\">\n"
        out += "<g stroke=\"\(hex(strokeColour))\" stroke-width=\"0.4\" stroke-linejoin=\"round\">\n"
        for (polygon, fill) in zip(layout.polygons, layout.fills) {
            let points = polygon.map { format($0.x) + "," + format($0.y) }.joined(separator: " ")
            out += "<polygon points=\"\(points)\" fill=\"\(hex(fill))\"/>\n"
        }
        out += "</g>\n"
        if layout.hasColourBar { out += colourBar(layout) }
        return out + "</svg>\n"
    }

    /// One value per cell of each surface block (−∞ when a cell is tangled under `.quality`).
    static func cellValues(_ mesh: Mesh, blocks: [Int], colouring: Colouring, path: String) throws -> [[Double]] {
        switch colouring {
        case .edges:
            return blocks.map { Array(repeating: 0, count: mesh.cellBlocks[$0].count) }
        case .quality:
            return blocks.map { b in
                zip(mesh.aspectRatios(block: b), mesh.signedMeasures(block: b)).map { $1 > 0 ? $0 : -.infinity }
            }
        case let .field(name):
            if let arrays = mesh.cellData[name] {
                return blocks.map { magnitudes(arrays[$0]) }
            }
            if let array = mesh.pointData[name] {
                let pointValues = magnitudes(array)
                return blocks.map { b in
                    let block = mesh.cellBlocks[b]
                    return (0..<block.count).map { cell in
                        let nodes = block[cell].prefix(block.type.linear.edges.count)
                        return nodes.reduce(0) { $0 + pointValues[$1] } / Double(nodes.count)
                    }
                }
            }
            let names = (Array(mesh.pointData.keys) + Array(mesh.cellData.keys)).sorted()
            throw MeshIOError.cannotWrite(path: path, reason: "no point or cell data named '\(name)' (the mesh has: \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
        }
    }

    /// Values per tuple: the value itself for scalars, the Euclidean norm for vectors.
    static func magnitudes(_ array: DataArray) -> [Double] {
        let values = array.doubles
        guard array.components > 1 else { return values }
        return (0..<array.count).map { t in
            values[t * array.components..<(t + 1) * array.components].reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
    }

    static func title(_ colouring: Colouring) -> String {
        switch colouring {
        case .edges: ""
        case .quality: "aspect ratio"
        case let .field(name): name
        }
    }

    static func colour(_ value: Double, _ low: Double, _ high: Double, _ colouring: Colouring) -> RGB {
        if colouring == .edges { return edgeOnlyColour }
        guard value.isFinite else { return tangledColour }
        return Viridis.colour(high > low ? (value - low) / (high - low) : 0.5)
    }

    static func colourBar(_ layout: Layout) -> String {
        let (x, top, bottom) = layout.bar
        var out = "<defs><linearGradient id=\"bar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
        let stops = Viridis.anchors.count
        for i in 0..<stops {
            out += String(format: "<stop offset=\"%.2f\" stop-color=\"%@\"/>", Double(i) / Double(stops - 1),
                          hex(Viridis.colour(Double(i) / Double(stops - 1))))
        }
        out += "</linearGradient></defs>\n"
        out += "<rect x=\"\(format(x))\" y=\"\(format(top))\" width=\"16\" height=\"\(format(bottom - top))\" fill=\"url(#bar)\" stroke=\"\(hex(strokeColour))\" stroke-width=\"0.5\"/>\n"
        let label = { (y: Double, text: String) in
            "<text x=\"\(format(x + 20))\" y=\"\(format(y))\" font-family=\"sans-serif\" font-size=\"10\">\(text.xmlEscaped)</text>\n"
        }
        out += label(top + 4, rangeLabel(layout.high)) + label(bottom, rangeLabel(layout.low))
        out += "<text x=\"\(format(x))\" y=\"\(format(margin + 8))\" font-family=\"sans-serif\" font-size=\"11\">\(layout.title.xmlEscaped)</text>\n"
        return out
    }

    static func rangeLabel(_ value: Double) -> String { String(format: "%.4g", value) }
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
    static func hex(_ colour: RGB) -> String { String(format: "#%02x%02x%02x", colour.0, colour.1, colour.2) }
}
