import Foundation
import MeshCore

/// An SVG picture of a 2-D mesh: every surface cell as a polygon through its corners (x–y
/// plane, z ignored) with its edges drawn, filled by a field or by quality, with a colour bar.
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

    static let width = 800.0, margin = 20.0, legend = 90.0
    static let tangledColour = "#e41a1c"

    /// Writes the picture of `mesh` to `path` (atomically).
    public static func write(_ mesh: Mesh, to path: String, colouring: Colouring) throws {
        try MeshFile.writeAtomically(Array(try svg(mesh, colouring: colouring, path: path).utf8), to: path)
    }

    /// The SVG text; `path` only names the file in errors.
    public static func svg(_ mesh: Mesh, colouring: Colouring, path: String) throws -> String {
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
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height.rounded(.up)))\" viewBox=\"0 0 \(width) \(format(height))\">\n"
        out += "<g stroke=\"#333333\" stroke-width=\"0.4\" stroke-linejoin=\"round\">\n"
        for (k, b) in blocks.enumerated() {
            let block = mesh.cellBlocks[b]
            let corners = block.type.linear.edges.count
            for cell in 0..<block.count {
                let polygon = block[cell].prefix(corners).map { index -> String in
                    let p = mesh.point(index)
                    return format(margin + (p.x - x0) * scale) + "," + format(height - margin - (p.y - y0) * scale)
                }.joined(separator: " ")
                out += "<polygon points=\"\(polygon)\" fill=\"\(colour(values[k][cell], low, high, colouring))\"/>\n"
            }
        }
        out += "</g>\n"
        if colouring != .edges { out += colourBar(low, high, title: title(colouring), height: height) }
        return out + "</svg>\n"
    }

    /// One value per cell of each surface block (nil when a cell is tangled under `.quality`).
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

    /// Viridis at five anchors, interpolated linearly.
    static let palette: [SIMD3<Double>] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]]

    static func colour(_ value: Double, _ low: Double, _ high: Double, _ colouring: Colouring) -> String {
        if colouring == .edges { return "#eeeeee" }
        guard value.isFinite else { return tangledColour }
        let t = high > low ? min(max((value - low) / (high - low), 0), 1) : 0.5
        let position = t * Double(palette.count - 1)
        let i = min(Int(position), palette.count - 2)
        let c = palette[i] + (palette[i + 1] - palette[i]) * (position - Double(i))
        return String(format: "#%02x%02x%02x", Int(c.x.rounded()), Int(c.y.rounded()), Int(c.z.rounded()))
    }

    static func colourBar(_ low: Double, _ high: Double, title: String, height: Double) -> String {
        let x = width - legend + 10
        let (top, bottom) = (margin + 20, max(height - margin, margin + 80))
        var out = "<defs><linearGradient id=\"bar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
        for (i, c) in palette.enumerated() {
            out += String(format: "<stop offset=\"%.2f\" stop-color=\"#%02x%02x%02x\"/>", Double(i) / Double(palette.count - 1), Int(c.x), Int(c.y), Int(c.z))
        }
        out += "</linearGradient></defs>\n"
        out += "<rect x=\"\(format(x))\" y=\"\(format(top))\" width=\"16\" height=\"\(format(bottom - top))\" fill=\"url(#bar)\" stroke=\"#333333\" stroke-width=\"0.5\"/>\n"
        let label = { (y: Double, text: String) in
            "<text x=\"\(format(x + 20))\" y=\"\(format(y))\" font-family=\"sans-serif\" font-size=\"10\">\(text.xmlEscaped)</text>\n"
        }
        out += label(top + 4, String(format: "%.4g", high)) + label(bottom, String(format: "%.4g", low))
        out += "<text x=\"\(format(x))\" y=\"\(format(margin + 8))\" font-family=\"sans-serif\" font-size=\"11\">\(title.xmlEscaped)</text>\n"
        return out
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
