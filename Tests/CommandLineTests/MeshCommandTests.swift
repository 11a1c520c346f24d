import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import MeshCore
import MeshIO
import TestSupport

/// `surrogate mesh info|convert|generate|plot` end to end, with meshio reading what we write.
@Suite("surrogate mesh")
struct MeshCommandTests {
    static func run(_ arguments: [String]) throws -> ProcessRunner.Result {
        let result = try SurrogateExecutable.run(["mesh"] + arguments)
        #expect(result.status == 0, "mesh \(arguments): \(result.errors)")
        return result
    }

    @Test(arguments: [("rectangle", ["--width", "2", "--cells", "4"], 45, 64), ("rectangle", ["--width", "2", "--cells", "4", "--quads"], 45, 32),
                      ("disk", ["--cells", "6"], 49, 72), ("disk", ["--cells", "6", "--quads", "--radius", "3"], 49, 36),
                      ("channel", ["--cells", "8"], -1, 640), ("channel", ["--cells", "8", "--quads"], -1, 320)])
    func generateWritesUntangledMeshesWithTheExpectedCounts(shape: String, options: [String], points: Int, cells: Int) throws {
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("\(shape).vtu").path
        let result = try Self.run(["generate", shape, "--out", path] + options)
        let mesh = try MeshFile.read(path)
        #expect(mesh.cellCount == cells && (points < 0 || mesh.pointCount == points), "\(shape) \(options)")
        #expect(result.output.contains("\(mesh.pointCount) points, \(cells) "))
        let report = mesh.tanglingReport()
        #expect(report.checkedCells == cells && !report.isTangled, "\(shape) \(options)")
    }

    @Test func infoReportsCountsBoundsTypesTagsDataAndQuality() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let path = directory.appendingPathComponent("r.msh").path
        _ = try Self.run(["generate", "rectangle", "--width", "2", "--cells", "4", "--out", path])
        let info = try Self.run(["info", path]).output
        for fragment in ["r.msh: 45 points (3-D), 64 cells in 1 blocks", "bounds: x 0 … 2, y 0 … 1, z 0 … 0", "cells: triangle 64",
                         "point data: distance (1 × real)", "quality (64 cells of dimension 2): signed measure 0.03125 … 0.03125",
                         "worst aspect ratio 1.41421, tangled cells 0"] {
            #expect(info.contains(fragment), "\(fragment) not in:\n\(info)")
        }
        // Physical groups and tags, from a mesh that carries them.
        var mesh = MeshGenerator.rectangle(nx: 1, ny: 1, quads: true)
        mesh.cellData[Mesh.physicalTag] = [DataArray(ints: [7])]
        mesh.cellData[Mesh.geometricalTag] = [DataArray(ints: [1])]
        mesh.fieldData["domain"] = DataArray(ints: [7, 2])
        let tagged = directory.appendingPathComponent("tagged.msh").path
        try MeshFile.write(mesh, to: tagged, format: .gmsh22Ascii)
        let tags = try Self.run(["info", tagged]).output
        #expect(tags.contains("gmsh:physical: 7 (1 cells)") && tags.contains("physical groups: domain (tag 7, dim 2)"), "\(tags)")
        // Node sets (Exodus) and the tangled sample mesh.
        mesh.pointSets = ["corners": [0, 3]]
        let exodus = directory.appendingPathComponent("sets.exo").path
        try MeshFile.write(mesh, to: exodus)
        #expect(try Self.run(["info", exodus]).output.contains("point sets: corners (2 points)"))
        let tangled = PythonPeer.packageRoot.appendingPathComponent("Meshes/tangled-rectangle.vtu").path
        #expect(try Self.run(["info", tangled]).output.contains("tangled cells 2"))
    }

    @Test func convertedFilesAreReadByMeshioWithTheSameCounts() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let source = directory.appendingPathComponent("channel.msh").path
        _ = try Self.run(["generate", "channel", "--cells", "4", "--quads", "--out", source])
        let expected = try MeshFile.read(source)
        let outputs = [("c.vtu", []), ("c.vtk", ["--format", "vtk42-ascii"]), ("c.xdmf", []), ("c.exo", []), ("c2.msh", ["--format", "gmsh22-binary"]),
                       ("c.data", ["--format", "vtu-appended"])]
        for (name, options) in outputs {
            let result = try Self.run(["convert", source, directory.appendingPathComponent(name).path] + options)
            #expect(result.output.contains("\(expected.pointCount) points, \(expected.cellCount) cells"))
        }
        let script = """
        import sys, json, meshio
        out = {}
        for name in sys.argv[2:]:
            m = meshio.read(f"{sys.argv[1]}/{name}", file_format="vtu" if name.endswith(".data") else None)
            out[name] = [len(m.points), sum(len(c.data) for c in m.cells), sorted(m.point_data)]
        print(json.dumps(out))
        """
        let report = try PythonPeer.run(script, arguments: [directory.path] + outputs.map(\.0))
        let counts = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: [Any]]
        for (name, _) in outputs {
            #expect(counts[name]?[0] as? Int == expected.pointCount && counts[name]?[1] as? Int == expected.cellCount, "\(name): \(counts[name] ?? [])")
            #expect((counts[name]?[2] as? [String])?.contains("distance") == true, "\(name): \(counts[name] ?? [])")
        }
    }

    /// Counts the elements of an XML document by name (Foundation's parser).
    final class ElementCounter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var root: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            root = root ?? name
            counts[name, default: 0] += 1
        }
    }

    @Test(arguments: [["--field", "distance"], ["--quality"], []])
    func plotWritesAValidSVGWithOnePolygonPerCell(options: [String]) throws {
        let directory = try PythonPeer.temporaryDirectory()
        let mesh = directory.appendingPathComponent("d.vtu").path
        let picture = directory.appendingPathComponent("d.svg").path
        _ = try Self.run(["generate", "disk", "--cells", "5", "--out", mesh])
        _ = try Self.run(["plot", mesh, "--out", picture] + options)
        let parser = XMLParser(contentsOf: URL(fileURLWithPath: picture))!
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.root == "svg" && counter.counts["polygon"] == 50)
        #expect(counter.counts["linearGradient", default: 0] == (options.isEmpty ? 0 : 1))
    }

    /// The PNG is decoded by Python's standard library alone (chunk CRCs, zlib, filter 0): two unit
    /// squares with cell values 0 and 1 are the two ends of viridis at their centres; the edge
    /// between them is dark; the title sits in a tEXt chunk; tangled cells are red and on top.
    @Test func plotWritesAPNGWithTheFieldColoursAtTheCells() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let mesh = directory.appendingPathComponent("two.vtu").path
        try MeshFile.write(Mesh(dimension: 2, points: [0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1],
                                cellBlocks: [CellBlock(type: .quad, connectivity: [0, 1, 4, 3, 1, 2, 5, 4])],
                                cellData: ["value": [DataArray(doubles: [0, 1], components: 1)]]), to: mesh)
        let picture = directory.appendingPathComponent("two.png").path
        let tangled = directory.appendingPathComponent("tangled.png").path
        _ = try Self.run(["plot", mesh, "--out", picture, "--field", "value"])
        _ = try Self.run(["plot", PythonPeer.packageRoot.appendingPathComponent("Meshes/tangled-rectangle.vtu").path,
                          "--out", tangled, "--quality"])
        let script = """
        import sys, json, struct, zlib
        def decode(path):
            data = open(path, "rb").read()
            assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n", "signature"
            pos, chunks = 8, []
            while pos < len(data):
                length, kind = struct.unpack(">I4s", data[pos:pos + 8])
                body = data[pos + 8:pos + 8 + length]
                assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + body), kind
                chunks.append((kind, body)); pos += 12 + length
            width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
            raw = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
            rows = [raw[y * (3 * width + 1):(y + 1) * (3 * width + 1)] for y in range(height)]
            assert all(r[0] == 0 for r in rows)
            pixel = lambda x, y: list(rows[y][1 + 3 * x:4 + 3 * x])
            text = dict(b.split(b"\\0", 1) for k, b in chunks if k == b"tEXt")
            return width, height, depth, colour, pixel, {k.decode(): v.decode("latin-1") for k, v in text.items()}
        w, h, depth, colour, pixel, text = decode(sys.argv[1])
        scale = (800 - 40 - 90) / 2
        centre = lambda x, y: (int(20 + x * scale), int(h - 20 - y * scale))
        tw, th, _, _, tpixel, _ = decode(sys.argv[2])
        red = sum(tpixel(x, y) == [0xe4, 0x1a, 0x1c] for x in range(tw) for y in range(th))
        print(json.dumps({"size": [w, h, depth, colour], "left": pixel(*centre(0.5, 0.5)), "right": pixel(*centre(1.5, 0.5)),
                          "edge": pixel(*centre(1, 0.5)), "text": text, "red": red}))
        """
        let report = try PythonPeer.run(script, arguments: [picture, tangled])
        let decoded = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        #expect(decoded["size"] as? [Int] == [800, 375, 8, 2])
        #expect(decoded["left"] as? [Int] == [68, 1, 84] && decoded["right"] as? [Int] == [253, 231, 37], "\(decoded)")
        #expect(decoded["edge"] as? [Int] == [0x33, 0x33, 0x33], "\(decoded)")
        #expect((decoded["text"] as? [String: String])?["Title"] == "value")
        #expect((decoded["red"] as? Int ?? 0) > 1000, "\(decoded["red"] ?? "")")
    }

    @Test func badInputGivesAOneLineErrorAndANonZeroExit() throws {
        let directory = try PythonPeer.temporaryDirectory()
        let garbage = directory.appendingPathComponent("garbage.msh").path
        try Data("hello world\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let volume = directory.appendingPathComponent("cube.vtu").path
        try MeshFile.write(Mesh(dimension: 3, points: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1],
                                cellBlocks: [CellBlock(type: .tetra, connectivity: [0, 1, 2, 3])]), to: volume)
        let good = directory.appendingPathComponent("r.vtu").path
        _ = try Self.run(["generate", "rectangle", "--out", good])
        let cases: [([String], String)] = [
            (["info", directory.appendingPathComponent("missing.vtu").path], "missing.vtu: file not found"),
            (["info", garbage], "garbage.msh: line 1: not a Gmsh file"),
            (["info", directory.appendingPathComponent("x.stl").path], "x.stl: unknown mesh file extension"),
            (["convert", good, directory.appendingPathComponent("x.stl").path], "x.stl: unknown mesh file extension"),
            (["plot", good, "--out", directory.appendingPathComponent("p.svg").path, "--field", "nope"],
             "no point or cell data named 'nope' (the mesh has: distance)"),
            (["plot", volume, "--out", directory.appendingPathComponent("q.svg").path], "a picture needs surface cells"),
        ]
        for (arguments, fragment) in cases {
            let result = try SurrogateExecutable.run(["mesh"] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.errors.hasPrefix("Error: ") && result.errors.contains(fragment), "\(arguments): \(result.errors)")
            #expect(result.errors.split(separator: "\n").count == 1, "\(arguments): \(result.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("p.svg").path))
    }
}
