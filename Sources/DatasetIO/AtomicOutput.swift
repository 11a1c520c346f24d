import Foundation

/// Outputs are built under a temporary name in their destination folder and renamed into
/// place only when complete, so a reader never sees a partial file.
public enum AtomicOutput {
    /// A hidden temporary path beside `path`, unique to this call.
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
    }

    /// Syncs `temporary` to disk and renames it to `path` (a closed file: a library such as
    /// libhdf5 or netcdf-c may have written it).
    public static func commit(_ temporary: String, to path: String) throws {
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.synchronize()
            try handle.close()
        } catch {
            throw DatasetError.writeFailed(path: path, object: "/", detail: "fsync: \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            throw DatasetError.writeFailed(path: path, object: "/", detail: String(cString: strerror(errno)))
        }
    }

    /// Writes `bytes` to `path` through a synced temporary file beside it (creating the folder
    /// first when `creatingFolder`); on failure nothing is left behind.
    public static func write(_ bytes: some DataProtocol, to path: String, creatingFolder: Bool = false) throws {
        let temporary = temporaryPath(for: path)
        do {
            if creatingFolder {
                try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
            }
            guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
                throw DatasetError.writeFailed(path: path, object: "/", detail: "cannot create \(URL(fileURLWithPath: temporary).lastPathComponent)")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: bytes)
            try handle.close()
            try commit(temporary, to: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? DatasetError { throw error }
            throw DatasetError.writeFailed(path: path, object: "/", detail: error.localizedDescription)
        }
    }
}
