import Foundation
import Testing
import MeshIO
import MeshCore
import TestSupport

/// Every mesh in Meshes/ reads, and matches its row of Meshes/README.md (cell type, counts,
/// tangling); every mesh file there has a row.
@Suite("Sample meshes")
struct SampleMeshesTests {
    static let folder = PythonPeer.packageRoot.appendingPathComponent("Meshes")

    /// (file, cell type, points, cells, tangled) from the README's table.
    static func rows() throws -> [(String, String, Int, Int, Bool)] {
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return (cells[0].trimmingCharacters(in: ["`"]), cells[2], Int(cells[3]) ?? -1, Int(cells[4]) ?? -1, cells[5].hasPrefix("yes"))
        }
    }

    @Test func everySampleReadsWithTheCountsItsReadmeGives() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 13)
        for (file, type, points, cells, tangled) in rows {
            let mesh = try MeshFile.read(Self.folder.appendingPathComponent(file).path)
            #expect(mesh.cellBlocks.map(\.type.rawValue) == [type], "\(file)")
            #expect(mesh.pointCount == points && mesh.cellCount == cells, "\(file): \(mesh.pointCount) points, \(mesh.cellCount) cells")
            #expect(mesh.tanglingReport().isTangled == tangled, "\(file)")
            #expect(mesh.pointData["distance"]?.count == points, "\(file)")
        }
        let listed = Set(rows.map(\.0))
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { MeshFileFormat.Family(path: $0) != nil }
        #expect(Set(files) == listed)
        let families = Set(files.compactMap { MeshFileFormat.Family(path: $0) })
        #expect(families == Set(MeshFileFormat.Family.allCases))
    }
}
