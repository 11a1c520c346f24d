import Foundation
import MeshCore

/// Reads and writes meshes in Gmsh MSH (2.2, 4.1), VTK legacy (4.2, 5.1) and VTU files.
///
/// Every reader treats its input as hostile: a truncated file, counts that disagree with the
/// data, indices out of range, unknown cell types or a wrong magic line throw a `MeshIOError`
/// naming the file and the line or byte offset, and never read outside the file's bytes.
/// Writes go to a temporary file in the same folder that is renamed over the destination.
public enum MeshFile {
    /// Reads `path`; the family comes from the extension unless `family` is given.
    public static func read(_ path: String, family: MeshFileFormat.Family? = nil) throws -> Mesh {
        guard let family = family ?? MeshFileFormat.Family(path: path) else {
            throw MeshIOError.unknownFormat(path: path, reason: "unknown mesh file extension (expected .msh, .vtk or .vtu)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw MeshIOError.fileNotFound(path: path) }
        return try decode([UInt8](data), family: family, path: path)
    }

    /// Parses the bytes of a mesh file of `family`; `path` only names the file in errors.
    public static func decode(_ bytes: [UInt8], family: MeshFileFormat.Family, path: String) throws -> Mesh {
        let input = ByteReader(path: path, bytes: bytes)
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
        }
    }

    /// Writes `mesh` to `path` as `format` (default: the extension's family default).
    public static func write(_ mesh: Mesh, to path: String, format: MeshFileFormat? = nil) throws {
        guard let format = format ?? MeshFileFormat.Family(path: path)?.defaultFormat else {
            throw MeshIOError.unknownFormat(path: path, reason: "unknown mesh file extension (expected .msh, .vtk or .vtu)")
        }
        try writeAtomically(try encode(mesh, as: format, path: path), to: path)
    }

    /// The bytes of `mesh` as `format`; `path` only names the file in errors.
    public static func encode(_ mesh: Mesh, as format: MeshFileFormat, path: String) throws -> [UInt8] {
        do {
            try mesh.validate()
        } catch {
            throw MeshIOError.cannotWrite(path: path, reason: error.description)
        }
        switch format {
        case .gmsh22Ascii, .gmsh22Binary, .gmsh41Ascii, .gmsh41Binary:
            var writer = GmshWriter(mesh, format: format, path: path)
            return try writer.write()
        case .vtk42Ascii, .vtk42Binary, .vtk51Ascii, .vtk51Binary:
            var writer = LegacyVTKWriter(mesh, format: format, path: path)
            return try writer.write()
        default:
            var writer = VTUWriter(mesh, format: format, path: path)
            return try writer.write()
        }
    }

    /// Writes to a temporary file in the same folder, flushes it to disk, then renames it.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw MeshIOError.cannotWrite(path: path, reason: "cannot create \(temporary.lastPathComponent)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, path) != 0 {
                throw MeshIOError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let meshError = error as? MeshIOError { throw meshError }
            throw MeshIOError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
