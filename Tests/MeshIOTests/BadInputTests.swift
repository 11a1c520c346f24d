import Foundation
import Testing
import MeshIO
import MeshCore

/// Hostile files for every reader: each gives a one-line error naming the file and the line or
/// byte offset, never a crash.
@Suite("Bad mesh files")
struct BadInputTests {
    static let mesh = MeshCatalogue.mesh([.triangle, .tetra])

    static func text(_ format: MeshFileFormat) throws -> String {
        String(decoding: try MeshFile.encode(mesh, as: format, path: "m"), as: UTF8.self)
    }

    /// The error message for `bytes` read as `family`, or "no error".
    static func message(_ bytes: [UInt8], _ family: MeshFileFormat.Family) -> String {
        do {
            _ = try MeshFile.decode(bytes, family: family, path: "bad.\(family)")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// The error message of reading the file at `path`, or "no error".
    static func readError(_ path: String) -> String {
        do {
            _ = try MeshFile.read(path)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static func replacing(_ text: String, _ old: String, _ new: String) -> [UInt8] {
        precondition(text.contains(old), "fixture: '\(old)' not in the file")
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    /// (case, bytes, family, expected fragment, expected location prefix)
    static func cases() throws -> [(String, [UInt8], MeshFileFormat.Family, String, String)] {
        let gmsh2 = try text(.gmsh22Ascii), gmsh4 = try text(.gmsh41Ascii)
        let vtk = try text(.vtk51Ascii), vtk42 = try text(.vtk42Ascii), vtu = try text(.vtuAscii)
        let gmsh4Binary = try MeshFile.encode(mesh, as: .gmsh41Binary, path: "m")
        let gmsh2Binary = try MeshFile.encode(mesh, as: .gmsh22Binary, path: "m")
        let vtkBinary = try MeshFile.encode(mesh, as: .vtk51Binary, path: "m")
        let appended = try MeshFile.encode(mesh, as: .vtuAppendedZlib, path: "m")
        let pointCount = mesh.pointCount
        return [
            ("gmsh magic", replacing(gmsh2, "$MeshFormat\n", "$MeshFormut\n"), .gmsh, "not a Gmsh file", "line 1"),
            ("gmsh version", replacing(gmsh2, "2.2 0 8", "3.0 0 8"), .gmsh, "MSH version 3.0 is not supported", "line 2"),
            ("gmsh2 unknown type", replacing(gmsh2, "\n1 2 2 100 1 ", "\n1 99 2 100 1 "), .gmsh, "unknown or unsupported element type 99", "line "),
            ("gmsh2 node out of range", replacing(gmsh2, "\n1 2 2 100 1 1 ", "\n1 2 2 100 1 999 "), .gmsh, "refers to node 999, which is not in $Nodes", "line "),
            ("gmsh2 count too large", replacing(gmsh2, "$Nodes\n\(pointCount)\n", "$Nodes\n\(pointCount + 1)\n"), .gmsh, "'$EndNodes' is not an integer", "line "),
            ("gmsh2 count too small", replacing(gmsh2, "$Nodes\n\(pointCount)\n", "$Nodes\n\(pointCount - 1)\n"), .gmsh, "expected $EndNodes, found", "line "),
            ("gmsh2 absurd count", replacing(gmsh2, "$Nodes\n\(pointCount)\n", "$Nodes\n999999999999\n"), .gmsh, "number of nodes is 999999999999", "line "),
            ("gmsh4 block count", replacing(gmsh4, "$Nodes\n2 \(pointCount) 1", "$Nodes\n2 \(pointCount + 3) 1"), .gmsh, "$Nodes declares \(pointCount + 3) nodes, its blocks hold \(pointCount)", "line "),
            ("gmsh4 truncated", Array(gmsh4.utf8.prefix(gmsh4.utf8.count * 2 / 3)), .gmsh, "unexpected end of file", "line "),
            ("gmsh4 binary truncated", Array(gmsh4Binary.prefix(gmsh4Binary.count / 2)), .gmsh, "unexpected end of file", "byte "),
            ("gmsh2 binary truncated", Array(gmsh2Binary.prefix(gmsh2Binary.count - 40)), .gmsh, "$ElementData count is 4, but only 25 bytes remain", "byte "),
            ("gmsh binary endianness", { var b = gmsh4Binary; b[b.firstIndex(of: 10)! + 9] = 7; return b }(), .gmsh, "endianness mark", "byte "),
            ("vtk magic", replacing(vtk, "# vtk DataFile", "# vtx DataFile"), .vtk, "not a VTK legacy file", "line 1"),
            ("vtk unknown cell type", replacing(vtk, "CELL_TYPES 4\n5\n", "CELL_TYPES 4\n42\n"), .vtk, "unknown or unsupported VTK cell type 42 (entry 0)", "line "),
            ("vtk index out of range", replacing(vtk, "CONNECTIVITY vtktypeint64\n0\n", "CONNECTIVITY vtktypeint64\n777\n"), .vtk, "point index 777 is out of range", "line "),
            ("vtk42 cell sizes", replacing(vtk42, "\n3 0 1 2\n", "\n4 0 1 2\n"), .vtk, "CELLS declares 4 cells in 18 numbers, which do not hold them", "line "),
            // Found by `make fuzz`: a cell of zero nodes crashed the 4.2 reader.
            ("vtk42 empty cell", replacing(vtk42, "\n3 0 1 2\n", "\n0 0 1 2\n"), .vtk, "cell 0 (triangle) has offsets 0..<0", "line "),
            ("vtk point count", replacing(vtk, "POINTS \(pointCount) double", "POINTS \(pointCount + 1) double"), .vtk, "is not a number", "line "),
            ("vtk binary truncated", Array(vtkBinary.prefix(vtkBinary.count / 2)), .vtk, "number of values is 28, but only 103 bytes remain", "byte "),
            ("vtk dataset", replacing(vtk, "UNSTRUCTURED_GRID", "POLYDATA"), .vtk, "DATASET POLYDATA is not supported", "line 4"),
            ("vtu magic", Array("hello".utf8), .vtu, "not a VTU file", "line 1"),
            ("vtu root", replacing(vtu, "type=\"UnstructuredGrid\"", "type=\"PolyData\""), .vtu, "not a VTU file: the root is <VTKFile type=\"PolyData\">", "line 2"),
            ("vtu unknown cell type", replacing(vtu, "format=\"ascii\">5\n", "format=\"ascii\">77\n"), .vtu, "'types' entry 0: unknown or unsupported VTK cell type 77", "line "),
            ("vtu index out of range", replacing(vtu, "Name=\"connectivity\" format=\"ascii\">0\n", "Name=\"connectivity\" format=\"ascii\">555\n"), .vtu, "point index 555 is out of range", "line "),
            ("vtu count", replacing(vtu, "NumberOfPoints=\"\(pointCount)\"", "NumberOfPoints=\"\(pointCount + 2)\""), .vtu, "expected \(pointCount + 2) tuples of 3", "line "),
            ("vtu truncated", Array(vtu.utf8.prefix(vtu.utf8.count / 2)), .vtu, "expected a quoted XML attribute value", "line "),
            ("vtu appended truncated", Array(appended.prefix(appended.count - 300)), .vtu, "number of compressed blocks is 1, but only 7 bytes remain", "byte "),
            ("vtu corrupt zlib", { var b = appended; for i in (b.count - 200)..<(b.count - 150) { b[i] ^= 0x5A }; return b }(), .vtu, "compressed block 0 does not inflate to 336 bytes", "byte "),
        ]
    }

    @Test func everyBadFileGivesAOneLineErrorWithFileAndLocation() throws {
        for (name, bytes, family, fragment, location) in try Self.cases() {
            let text = Self.message(bytes, family)
            #expect(text.hasPrefix("bad.\(family): \(location)"), "\(name): \(text)")
            #expect(text.contains(fragment), "\(name): \(text)")
            #expect(!text.contains("\n") && text != "no error", "\(name): \(text)")
        }
    }

    /// Every prefix of a small file of each binary variant fails cleanly, or reads when it ends
    /// at a section boundary (a legacy file without its last data section is a valid file).
    @Test(arguments: [MeshFileFormat.gmsh22Binary, .gmsh41Binary, .vtk42Binary, .vtk51Binary, .vtuBase64, .vtuAppended, .vtuZlib])
    func everyTruncationFailsCleanly(format: MeshFileFormat) throws {
        let bytes = try MeshFile.encode(MeshCatalogue.mesh([.triangle]), as: format, path: "m")
        for length in stride(from: 0, to: bytes.count - 1, by: 7) {
            let text = Self.message(Array(bytes.prefix(length)), format.family)
            #expect(text == "no error" || (text.hasPrefix("bad.\(format.family): ") && !text.contains("\n")), "\(format) cut at \(length): \(text)")
        }
    }
}
