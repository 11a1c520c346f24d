import Foundation

/// A file being written through its descriptor, the destination of a streaming `ByteWriter`.
/// The first write error is kept (later writes are skipped) and thrown by `close()`, so that
/// writers can spill from non-throwing code.
final class FileSink {
    let path: String
    private var descriptor: Int32
    private(set) var failure: String?

    /// Creates (or truncates) `path`.
    init(creating path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw MeshIOError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
    }

    func write(_ buffer: UnsafeRawBufferPointer) {
        guard failure == nil, var next = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            next += written
            left -= written
        }
    }

    /// Closes the file; throws the first write (or close) error.
    func close() throws {
        if descriptor >= 0, Foundation.close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        descriptor = -1
        if let failure { throw MeshIOError.cannotWrite(path: path, reason: failure) }
    }

    deinit { if descriptor >= 0 { Foundation.close(descriptor) } }
}
