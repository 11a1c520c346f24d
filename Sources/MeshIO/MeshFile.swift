import Foundation
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
        try writeAtomically(try encode(mesh, as: format, path: path), to: path)
    }

    /// The bytes of `mesh` as `format` (one of `MeshFileFormat.streamable`); `path` only names
    /// the file in errors.
    public static func encode(_ mesh: Mesh, as format: MeshFileFormat, path: String) throws -> [UInt8] {
        try validated(mesh, path: path)
        switch format {
        case .gmsh22Ascii, .gmsh22Binary, .gmsh41Ascii, .gmsh41Binary:
            var writer = GmshWriter(mesh, format: format, path: path)
            return try writer.write()
        case .vtk42Ascii, .vtk42Binary, .vtk51Ascii, .vtk51Binary:
            var writer = LegacyVTKWriter(mesh, format: format, path: path)
            return try writer.write()
        case .xdmfXML:
            var writer = XDMFWriter(mesh, path: path, heavyData: false)
            return Array(try writer.xml().utf8)
        case .xdmfHDF, .exodus:
            throw MeshIOError.cannotWrite(path: path, reason: "\(format.rawValue) is written to files (MeshFile.write), not to bytes")
        default:
            var writer = VTUWriter(mesh, format: format, path: path)
            return try writer.write()
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

    /// A path beside `path` for a temporary file that is renamed over `path` once complete.
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
    }

    /// Renames a complete temporary file over `path` (removing it on failure).
    static func commit(_ temporary: String, to path: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw MeshIOError.cannotWrite(path: path, reason: reason)
        }
    }

    /// Flushes a file that a library (HDF5, netCDF) wrote and closed to the disk.
    static func synchronize(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.synchronize()
        try handle.close()
    }

    /// Writes to a temporary file in the same folder, flushes it to disk, then renames it.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = URL(fileURLWithPath: temporaryPath(for: path))
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw MeshIOError.cannotWrite(path: path, reason: "cannot create \(temporary.lastPathComponent)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
            try commit(temporary.path, to: path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let meshError = error as? MeshIOError { throw meshError }
            throw MeshIOError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
