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
}
