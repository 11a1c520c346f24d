import Foundation
import DatasetIO
import MeshCore

/// Reads and writes meshes in Gmsh MSH (2.2, 4.1), VTK legacy (4.2, 5.1), VTU, XDMF3 (with
/// HDF5 heavy data or inline XML) and Exodus II files.
///
/// Every reader treats its input as hostile: a truncated file, counts that disagree with the
/// data, indices out of range, unknown cell types or a wrong magic line throw a `MeshIOError`
/// naming the file and the line or byte offset, and never read outside the file's bytes.
/// Writes go to a temporary file in the same folder that is renamed over the destination.
public enum MeshFile {
    /// Reads `path`; the family comes from the extension unless `family` is given.
    public static func read(_ path: String, family: MeshFileFormat.Family? = nil) throws -> Mesh {
        guard let family = family ?? MeshFileFormat.Family(path: path) else {
            throw MeshIOError.unknownFormat(path: path, reason: "unknown mesh file extension (expected \(MeshFileFormat.Family.extensionList))")
        }
        if family == .exodus { return try ExodusReader(path: path).read() }
        return try decode(ByteReader(contentsOf: path), family: family)
    }

    /// Parses the bytes of a mesh file of `family`; `path` names the file in errors, and XDMF
    /// finds its HDF5 files relative to it. Exodus II files cannot be decoded from bytes.
    public static func decode(_ bytes: [UInt8], family: MeshFileFormat.Family, path: String) throws -> Mesh {
        try decode(ByteReader(path: path, bytes: bytes), family: family)
    }

    static func decode(_ input: ByteReader, family: MeshFileFormat.Family) throws -> Mesh {
        let path = input.path
        switch family {
        case .gmsh:
            var reader = GmshReader(input)
            return try reader.read()
        case .vtk:
            var reader = LegacyVTKReader(input)
            return try reader.read()
        case .vtu:
            var reader = VTUReader(input)
            return try reader.read()
        case .xdmf:
            return try XDMFReader(input).read()
        case .exodus:
            throw MeshIOError.unknownFormat(path: path, reason: "Exodus II files are read from disk (netCDF), not from bytes")
        }
    }

    /// Writes `mesh` to `path` as `format` (default: the extension's family default).
    public static func write(_ mesh: Mesh, to path: String, format: MeshFileFormat? = nil) throws {
        guard let format = format ?? MeshFileFormat.Family(path: path)?.defaultFormat else {
            throw MeshIOError.unknownFormat(path: path, reason: "unknown mesh file extension (expected \(MeshFileFormat.Family.extensionList))")
        }
        switch format {
        case .xdmfHDF:
            try validated(mesh, path: path)
            return try XDMFWriter(mesh, path: path, heavyData: true).writeFiles()
        case .exodus:
            try validated(mesh, path: path)
            return try ExodusWriter(mesh, path: path).write()
        default:
            break
        }
        try validated(mesh, path: path)
        try writeAtomically(to: path) { temporary in                   // streamed: never whole in memory
            var out = ByteWriter(sink: try FileSink(creating: temporary))
            try encode(mesh, as: format, path: path, into: &out)
            try out.finish()
        }
    }

    /// The bytes of `mesh` as `format` (one of `MeshFileFormat.streamable`); `path` only names
    /// the file in errors.
    public static func encode(_ mesh: Mesh, as format: MeshFileFormat, path: String) throws -> [UInt8] {
        try validated(mesh, path: path)
        var out = ByteWriter()
        try encode(mesh, as: format, path: path, into: &out)
        return out.bytes
    }

    /// Writes `mesh` as `format` into `out` (which may stream to a file).
    static func encode(_ mesh: Mesh, as format: MeshFileFormat, path: String, into out: inout ByteWriter) throws {
        switch format {
        case .gmsh22Ascii, .gmsh22Binary, .gmsh41Ascii, .gmsh41Binary:
            var writer = GmshWriter(mesh, format: format, path: path, out: out)
            try writer.write()
            out = writer.out
        case .vtk42Ascii, .vtk42Binary, .vtk51Ascii, .vtk51Binary:
            var writer = LegacyVTKWriter(mesh, format: format, path: path, out: out)
            try writer.write()
            out = writer.out
        case .xdmfXML:
            var writer = XDMFWriter(mesh, path: path, heavyData: false)
            out.text(try writer.xml())
        case .xdmfHDF, .exodus:
            throw MeshIOError.cannotWrite(path: path, reason: "\(format.rawValue) is written to files (MeshFile.write), not to bytes")
        default:
            var writer = VTUWriter(mesh, format: format, path: path, out: out)
            try writer.write()
            out = writer.out
        }
    }

    /// Throws `cannotWrite` when `mesh` is not self-consistent.
    static func validated(_ mesh: Mesh, path: String) throws {
        do {
            try mesh.validate()
        } catch {
            throw MeshIOError.cannotWrite(path: path, reason: error.description)
        }
    }

    /// Runs `build` on a temporary path beside `path` (DatasetIO's `AtomicOutput`), then syncs
    /// and renames the file over `path`. On failure the temporary file is removed and the error
    /// names `path`.
    static func writeAtomically(to path: String, _ build: (_ temporary: String) throws -> Void) throws {
        let temporary = AtomicOutput.temporaryPath(for: path)
        do {
            try build(temporary)
            try AtomicOutput.commit(temporary, to: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            switch error {
            case let MeshIOError.cannotWrite(failed, reason) where failed == temporary: throw MeshIOError.cannotWrite(path: path, reason: reason)
            case let error as MeshIOError: throw error
            case let DatasetError.writeFailed(_, _, detail): throw MeshIOError.cannotWrite(path: path, reason: detail)
            default: throw MeshIOError.cannotWrite(path: path, reason: error.localizedDescription)
            }
        }
    }

    /// Writes `bytes` to `path` atomically.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicOutput.write(bytes, to: path)
        } catch let DatasetError.writeFailed(_, _, detail) {
            throw MeshIOError.cannotWrite(path: path, reason: detail)
        }
    }
}
