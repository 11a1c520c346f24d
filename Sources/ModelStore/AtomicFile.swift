import DatasetIO
import Foundation

/// Writes that never leave a half-written file (DatasetIO's `AtomicOutput`: a synced temporary
/// file renamed over the destination), creating the folder when needed.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        do {
            try AtomicOutput.write(data, to: url.path, creatingFolder: true)
        } catch let DatasetError.writeFailed(_, _, detail) {
            throw ModelStoreError.writeFailed(path: url.path, reason: detail)
        }
    }
}
