import Foundation
import Testing
import MeshIO
import MeshCore
import TestSupport

/// XDMF3 with HDF5 heavy data (and inline XML): round trips for every cell type, meshio both
/// ways, and hostile files.
@Suite("XDMF + HDF5")
struct XDMFTests {
    @Test(arguments: CellType.allCases.map { [$0] } + [CellType.allCases])
    func heavyDataRoundTripKeepsPointsCellsAndData(types: [CellType]) throws {
        let directory = try PythonPeer.temporaryDirectory()
        let path = directory.appendingPathComponent("m.xdmf").path
        let mesh = MeshCatalogue.mesh(types)
        try MeshFile.write(mesh, to: path)
        let back = try MeshFile.read(path)
        let difference = MeshComparison.difference(back, mesh)
        #expect(difference == nil, "\(types.map(\.rawValue)): \(difference ?? "")")
        #expect(back.points == mesh.points)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["m.h5", "m.xdmf"])
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.contains("TopologyType=\"Mixed\"") == (types.count > 1))
        #expect(xml.contains("Format=\"HDF\">m.h5:/geometry</DataItem>"))
    }

    @Test func twoDimensionalPointsUseXYGeometry() throws {
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("r.xmf").path
        let mesh = MeshGenerator.rectangle(nx: 3, ny: 2, quads: true)
        try MeshFile.write(mesh, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("GeometryType=\"XY\""))
        #expect(try MeshFile.read(path) == mesh)
    }

    /// meshio 5.3.5 reads a mixed topology only of linear cells other than vertices (its reader
    /// knows no node counts for quadratic codes and skips no count after a polyvertex code), so
    /// the mixed files hold those, and every other type goes in a file of its own.
    static let meshioMixed: [CellType] = [.line, .triangle, .quad, .tetra, .pyramid, .wedge, .hexahedron]

    @Test func weWriteAndMeshioReadsTheSameMesh() throws {
        let directory = try PythonPeer.temporaryDirectory()
        var meshes: [(String, Mesh)] = []
        for format in [MeshFileFormat.xdmfHDF, .xdmfXML] {
            meshes.append(("mixed-\(format.rawValue).xdmf", MeshCatalogue.mesh(Self.meshioMixed)))
            for type in CellType.allCases where !Self.meshioMixed.contains(type) {
                meshes.append(("\(type.rawValue)-\(format.rawValue).xdmf", MeshCatalogue.mesh([type])))
            }
            for (name, mesh) in meshes.suffix(CellType.allCases.count - Self.meshioMixed.count + 1) {
                try MeshFile.write(mesh, to: directory.appendingPathComponent(name).path, format: format)
            }
        }
        let read = try MeshioInteropTests.readWithMeshio(meshes.map(\.0), in: directory)
        for ((name, mesh), read) in zip(meshes, read) {
            let difference = MeshComparison.difference(read, mesh)
            #expect(difference == nil, "meshio reading \(name): \(difference ?? "")")
        }
    }

    /// Point sets travel as `<Set SetType="Node">` (heavy data and inline), and bad indices in a
    /// set are refused with the file and line.
    @Test func pointSetsRoundTripAsNodeSets() throws {
        let directory = try PythonPeer.temporaryDirectory()
        var mesh = MeshCatalogue.mesh([.triangle, .quad])
        mesh.pointSets = ["inlet": [0, 1, 2], "wall & corner": [3, mesh.pointCount - 1]]
        for format in [MeshFileFormat.xdmfHDF, .xdmfXML] {
            let path = directory.appendingPathComponent("sets-\(format.rawValue).xdmf").path
            try MeshFile.write(mesh, to: path, format: format)
            let back = try MeshFile.read(path)
            #expect(back.pointSets == mesh.pointSets, "\(format)")
            #expect(MeshComparison.difference(back, mesh) == nil, "\(format)")
        }
        var xml = String(decoding: try MeshFile.encode(mesh, as: .xdmfXML, path: "s.xdmf"), as: UTF8.self)
        let set = xml.range(of: "<Set Name=\"wall &amp; corner\"")!.lowerBound..<xml.range(of: "</Set>", options: .backwards)!.upperBound
        xml.replaceSubrange(set, with: xml[set].replacingOccurrences(of: "\(mesh.pointCount - 1)", with: "\(mesh.pointCount + 5)"))
        let bad = directory.appendingPathComponent("bad-set.xdmf").path
        try Data(xml.utf8).write(to: URL(fileURLWithPath: bad))
        let message = BadInputTests.readError(bad)
        #expect(message.contains("Set 'wall & corner' refers to point \(mesh.pointCount + 5)") && !message.contains("\n"), "\(message)")
    }

    @Test func meshioWritesHDFAndXMLAndWeReadTheSameMesh() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let mesh = MeshCatalogue.mesh(CellType.allCases)
        try MeshioInteropTests.meshioWrites(mesh, in: directory, """
            import sys, meshio
            d = sys.argv[1]
            meshio.xdmf.write(f"{d}/meshio-hdf.xdmf", meshio.read(f"{d}/seed.vtu"), data_format="HDF")
            meshio.xdmf.write(f"{d}/meshio-xml.xdmf", meshio.read(f"{d}/seed.vtu"), data_format="XML")
            single = meshio.read(f"{d}/seed.vtu")
            meshio.xdmf.write(f"{d}/meshio-single.xdmf", meshio.Mesh(single.points, [single.cells[4]]), data_format="HDF")
            """)
        for name in ["meshio-hdf.xdmf", "meshio-xml.xdmf"] {
            let read = try MeshFile.read(directory.appendingPathComponent(name).path)
            let difference = MeshComparison.difference(read, mesh, fieldData: false)
            #expect(difference == nil, "reading meshio's \(name): \(difference ?? "")")
        }
        let single = try MeshFile.read(directory.appendingPathComponent("meshio-single.xdmf").path)
        #expect(single.cellBlocks == [mesh.cellBlocks[4]] && single.pointCount == mesh.pointCount)
    }

    static func message(_ text: String, path: String = "bad.xdmf") -> String {
        do {
            _ = try MeshFile.decode(Array(text.utf8), family: .xdmf, path: path)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func hostileFilesGiveOneLineErrorsWithFileAndLine() throws {
        let mesh = MeshCatalogue.mesh([.triangle, .tetra])
        let xml = String(decoding: try MeshFile.encode(mesh, as: .xdmfXML, path: "m.xdmf"), as: UTF8.self)
        let directory = try PythonPeer.temporaryDirectory()
        let heavy = directory.appendingPathComponent("h.xdmf").path
        try MeshFile.write(mesh, to: heavy)
        let heavyText = try String(contentsOfFile: heavy, encoding: .utf8)
        let pointCount = mesh.pointCount
        let cases: [(String, String, String)] = [
            ("root", xml.replacingOccurrences(of: "<Xdmf Version", with: "<Xdmx Version").replacingOccurrences(of: "</Xdmf>", with: "</Xdmx>"), "not an XDMF file: the root is <Xdmx>"),
            ("topology code", xml.replacingOccurrences(of: "Format=\"XML\">\n4 0 1 2\n", with: "Format=\"XML\">\n77 0 1 2\n"),
             "mixed topology: unknown or unsupported cell code 77 at entry 0"),
            ("index", xml.replacingOccurrences(of: "Format=\"XML\">\n4 0 1 2\n", with: "Format=\"XML\">\n4 0 1 999\n"),
             "cell 0 refers to point 999, but the geometry has \(pointCount) points"),
            ("elements", xml.replacingOccurrences(of: "NumberOfElements=\"4\"", with: "NumberOfElements=\"5\""), "NumberOfElements is 5, the topology holds 4 cells"),
            ("dimensions", xml.replacingOccurrences(of: "Dimensions=\"\(pointCount) 3\"", with: "Dimensions=\"\(pointCount + 1) 3\""),
             "holds \(pointCount * 3) values, its Dimensions [\(pointCount + 1), 3] need \((pointCount + 1) * 3)"),
            ("number", xml.replacingOccurrences(of: "Format=\"XML\">\n4 0 1 2\n", with: "Format=\"XML\">\n4 0 x 2\n"), "'x' is not an integer"),
            ("truncated", xml.components(separatedBy: "</Grid>")[0], "unexpected end of file inside <Grid>"),
            ("topology type", xml.replacingOccurrences(of: "TopologyType=\"Mixed\"", with: "TopologyType=\"Hexagon\""), "TopologyType 'Hexagon' is unknown or unsupported"),
        ]
        for (name, text, fragment) in cases {
            let error = Self.message(text)
            #expect(error.hasPrefix("bad.xdmf: line ") && error.contains(fragment) && !error.contains("\n"), "\(name): \(error)")
        }
        // Heavy data that is missing or is not HDF5.
        let missing = Self.message(heavyText, path: directory.appendingPathComponent("elsewhere/h.xdmf").path)
        #expect(missing.contains("elsewhere/h.xdmf: line ") && missing.contains("heavy data h.h5:/geometry") && missing.contains("file not found"), "\(missing)")
        try Data("not hdf5".utf8).write(to: URL(fileURLWithPath: directory.appendingPathComponent("h.h5").path))
        let garbage = BadInputTests.readError(heavy)
        #expect(garbage.contains("h.xdmf: line ") && garbage.contains("not a readable HDF5 file"), "\(garbage)")
    }
}
