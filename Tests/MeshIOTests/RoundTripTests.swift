import Foundation
import Testing
import MeshIO
import MeshCore
import TestSupport

/// Every format variant × every cell type: write, read back, same mesh.
@Suite("Mesh round trips")
struct RoundTripTests {
    /// What a format does not keep: Gmsh stores data as reals, and MSH 2.2 has no node entities.
    static func ignored(_ format: MeshFileFormat) -> Set<String> {
        [.gmsh22Ascii, .gmsh22Binary].contains(format) ? ["gmsh:dim_tags"] : []
    }

    @Test(arguments: MeshFileFormat.streamable, CellType.allCases)
    func roundTripKeepsPointsCellsDataAndTags(format: MeshFileFormat, type: CellType) throws {
        let mesh = MeshCatalogue.mesh([type])
        let bytes = try MeshFile.encode(mesh, as: format, path: "mesh")
        let back = try MeshFile.decode(bytes, family: format.family, path: "mesh")
        #expect(back.points == mesh.points, "\(format) \(type): points move")
        let difference = MeshComparison.difference(back, mesh, ignoring: Self.ignored(format), realData: format.family == .gmsh)
        #expect(difference == nil, "\(format) \(type): \(difference ?? "")")
        #expect(MeshComparison.misplacedNode(back) == nil, "\(format) \(type)")
    }

    @Test(arguments: MeshFileFormat.streamable)
    func mixedMeshOfEveryCellTypeRoundTrips(format: MeshFileFormat) throws {
        let mesh = MeshCatalogue.mesh(CellType.allCases)
        let back = try MeshFile.decode(try MeshFile.encode(mesh, as: format, path: "mesh"), family: format.family, path: "mesh")
        let difference = MeshComparison.difference(back, mesh, ignoring: Self.ignored(format), realData: format.family == .gmsh)
        #expect(difference == nil, "\(format): \(difference ?? "")")
        #expect(!back.tanglingReport().isTangled)
    }

    @Test func writeChoosesTheFormatFromTheExtensionAndLeavesNoTemporaryFile() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let mesh = MeshCatalogue.mesh([.tetra, .triangle])
        for name in ["a.msh", "b.vtk", "c.vtu"] {
            let path = directory.appendingPathComponent(name).path
            try MeshFile.write(mesh, to: path)
            let difference = MeshComparison.difference(try MeshFile.read(path), mesh, realData: name.hasSuffix(".msh"))
            #expect(difference == nil, "\(name): \(difference ?? "")")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a.msh", "b.vtk", "c.vtu"])
        #expect(throws: MeshIOError.unknownFormat(path: "x.stl", reason: "unknown mesh file extension (expected \(MeshFileFormat.Family.extensionList))")) {
            try MeshFile.write(mesh, to: "x.stl")
        }
        #expect(MeshFileFormat(name: "vtu") == .vtuZlib && MeshFileFormat(name: "gmsh22-ascii") == .gmsh22Ascii)
    }

    /// Files are streamed to disk a megabyte at a time, large arrays straight from their storage;
    /// a mesh of several megabytes, with point and cell data, must come out byte for byte as the
    /// in-memory encoding in every format.
    @Test(arguments: MeshFileFormat.streamable)
    func streamedFilesEqualTheInMemoryEncoding(format: MeshFileFormat) throws {
        var mesh = MeshGenerator.box(n: 20, tetrahedra: true)
        mesh.pointData["height"] = DataArray(doubles: (0..<mesh.pointCount).map { mesh.points[3 * $0 + 2] })
        mesh.cellData["index"] = mesh.cellBlocks.map { DataArray(ints: Array(0..<$0.count)) }
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("big.\(format.family.fileExtension)").path
        try MeshFile.write(mesh, to: path, format: format)
        let streamed = try Data(contentsOf: URL(fileURLWithPath: path))
        if ![.vtuZlib, .vtuAppendedZlib].contains(format) {                 // these compress below a megabyte
            #expect(streamed.count > 1 << 20, "\(format): \(streamed.count) bytes do not exercise spilling")
        }
        #expect(streamed == Data(try MeshFile.encode(mesh, as: format, path: path)), "\(format)")
    }

    /// Files are mapped into memory unless their size is a whole number of pages (no zero byte
    /// would follow the content in the mapping): those are read into memory. Both must parse.
    @Test func filesOfAWholeNumberOfPagesAreReadLikeOthers() throws {
        let mesh = MeshCatalogue.mesh([.tetra, .triangle])
        let text = try MeshFile.encode(mesh, as: .gmsh41Ascii, path: "mesh")
        let directory = try PythonPeer.temporaryDirectory()
        for (name, size) in [("mapped.msh", text.count + 1), ("pages.msh", (text.count / 4096 + 1) * 4096)] {
            let path = directory.appendingPathComponent(name).path
            try Data(text + [UInt8](repeating: 10, count: size - text.count)).write(to: URL(fileURLWithPath: path))
            let difference = MeshComparison.difference(try MeshFile.read(path), mesh, realData: true)
            #expect(difference == nil, "\(name): \(difference ?? "")")
        }
    }

    /// meshio's published permutations (gmsh/common.py `_gmsh_to_meshio_order`, and
    /// `_vtk_common.py` for the wedge), as facts our signature tables must reproduce:
    /// meshio[i] = file[p[i]].
    @Test func derivedPermutationsAgreeWithMeshioDocumentedOnes() {
        func meshioOrder(_ table: CellTypeTable, _ type: CellType) -> [Int] {
            let fileToMesh = table.fileToMesh[type] ?? Array(0..<type.nodeCount)
            var p = Array(repeating: 0, count: type.nodeCount)
            for (file, mesh) in fileToMesh.enumerated() { p[mesh] = file }
            return p
        }
        #expect(meshioOrder(.gmsh, .tetra10) == [0, 1, 2, 3, 4, 5, 6, 7, 9, 8])
        #expect(meshioOrder(.gmsh, .hexahedron20) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 13, 9, 16, 18, 19, 17, 10, 12, 14, 15])
        #expect(meshioOrder(.gmsh, .hexahedron27)
            == [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 13, 9, 16, 18, 19, 17, 10, 12, 14, 15, 22, 23, 21, 24, 20, 25, 26])
        #expect(meshioOrder(.vtk, .wedge) == [0, 2, 1, 3, 5, 4])
        for type in [CellType.quad9, .quad8, .triangle6, .line3, .wedge] { #expect(meshioOrder(.gmsh, type) == Array(0..<type.nodeCount)) }
    }

    @Test func sparseNodeTagsAreMappedInBothGmshVersions() throws {
        let version2 = """
        $MeshFormat
        2.2 0 8
        $EndMeshFormat
        $Nodes
        3
        30 0 0 0
        10 1 0 0
        20 0 1 0
        $EndNodes
        $Elements
        1
        7 2 2 5 9 10 20 30
        $EndElements
        """
        let version4 = """
        $MeshFormat
        4.1 0 8
        $EndMeshFormat
        $Nodes
        1 3 10 30
        2 1 0 3
        30
        10
        20
        0 0 0
        1 0 0
        0 1 0
        $EndNodes
        $Elements
        1 1 7 7
        2 1 2 1
        7 10 20 30
        $EndElements
        """
        for text in [version2, version4] {
            let mesh = try MeshFile.decode(Array(text.utf8), family: .gmsh, path: "sparse.msh")
            #expect(mesh.points == [0, 0, 0, 1, 0, 0, 0, 1, 0])
            #expect(mesh.cellBlocks == [CellBlock(type: .triangle, connectivity: [1, 2, 0])])
            #expect(mesh.cellData[Mesh.geometricalTag]?.first?.ints == [text == version2 ? 9 : 1])
        }
    }
}
