import ArgumentParser
import Foundation
import MeshCore
import MeshIO

extension MeshCommand {
    /// `surrogate mesh info FILE`: counts, bounds, cell types, tags, data and quality.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show counts, bounds, cell types, tags, data names and a quality summary of a mesh file.")
        @Argument(help: "A mesh file (.msh, .vtk, .vtu, .xdmf, .e/.exo).") var file: String
        @Option(help: "Read the file as this format family, whatever its extension.") var format: String?

        func run() throws {
            let family = try format.map { try MeshCommand.format(named: $0).family }
            let mesh = try MeshFile.read(file, family: family)
            print(Self.describe(mesh, name: file), terminator: "")
        }

        /// The report printed for `mesh`.
        static func describe(_ mesh: Mesh, name: String) -> String {
            var lines = ["\(name): \(mesh.pointCount) points (\(mesh.dimension)-D), \(mesh.cellCount) cells in \(mesh.cellBlocks.count) blocks"]
            let axes = ["x", "y", "z"].prefix(mesh.dimension).enumerated().map { axis, label in
                let values = stride(from: axis, to: mesh.points.count, by: mesh.dimension).map { mesh.points[$0] }
                return "\(label) \(number(values.min() ?? 0)) … \(number(values.max() ?? 0))"
            }
            lines.append("  bounds: " + axes.joined(separator: ", "))
            var counts: [(CellType, Int)] = []
            for block in mesh.cellBlocks {
                if let i = counts.firstIndex(where: { $0.0 == block.type }) { counts[i].1 += block.count } else { counts.append((block.type, block.count)) }
            }
            lines.append("  cells: " + (counts.isEmpty ? "none" : counts.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")))
            for tag in [Mesh.physicalTag, Mesh.geometricalTag] {
                guard let arrays = mesh.cellData[tag] else { continue }
                var cellsPerTag: [Int: Int] = [:]
                for value in arrays.flatMap({ $0.ints ?? $0.doubles.map { Int($0) } }) { cellsPerTag[value, default: 0] += 1 }
                lines.append("  \(tag): " + cellsPerTag.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value) cells)" }.joined(separator: ", "))
            }
            let groups = mesh.fieldData.sorted { $0.key < $1.key }.compactMap { name, array -> String? in
                guard let values = array.ints, values.count == 2 else { return nil }
                return "\(name) (tag \(values[0]), dim \(values[1]))"
            }
            if !groups.isEmpty { lines.append("  physical groups: " + groups.joined(separator: ", ")) }
            if !mesh.pointSets.isEmpty {
                lines.append("  point sets: " + mesh.pointSets.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.count) points)" }.joined(separator: ", "))
            }
            let describeData = { (name: String, array: DataArray) in "\(name) (\(array.components) × \(array.isInteger ? "int" : "real"))" }
            let pointData = mesh.pointData.sorted { $0.key < $1.key }.map { describeData($0.key, $0.value) }
            let cellData = mesh.cellData.sorted { $0.key < $1.key }.compactMap { name, arrays in arrays.first.map { describeData(name, $0) } }
            lines.append("  point data: " + (pointData.isEmpty ? "none" : pointData.joined(separator: ", ")))
            lines.append("  cell data: " + (cellData.isEmpty ? "none" : cellData.joined(separator: ", ")))
            let quality = QualitySummary(mesh)
            if quality.cellCount > 0 {
                lines.append("  quality (\(quality.cellCount) cells of dimension \(quality.dimension)): signed measure \(number(quality.smallestMeasure)) … "
                             + "\(number(quality.largestMeasure)), worst aspect ratio \(number(quality.worstAspectRatio)), tangled cells \(quality.tangledCount)")
            }
            return lines.joined(separator: "\n") + "\n"
        }

        static func number(_ value: Double) -> String { String(format: "%.6g", value) }
    }
}
