import Foundation

/// The bytes a `ByteReader` reads, always followed by one zero byte (so that `strtod` stops
/// inside them): a file mapped into memory, or a copy of an array.
///
/// Mapping a file reads it straight from the page cache: no copy, and no fresh pages to
/// zero, which were a third of the time to read a 50 MB mesh. A file whose size is a whole
/// number of pages (no zero byte after it in the mapping), or one that cannot be mapped, is
/// read into memory instead. As with every mapped reader, a file truncated by another
/// process while it is being read ends the process with SIGBUS.
final class ReaderBytes: @unchecked Sendable {
    /// The content and the zero byte after it.
    let buffer: UnsafeRawBufferPointer
    private let mapped: Bool

    init(_ bytes: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count + 1, alignment: 16)
        bytes.withUnsafeBytes { source in
            if let start = source.baseAddress { memory.baseAddress!.copyMemory(from: start, byteCount: source.count) }
        }
        memory[bytes.count] = 0
        (buffer, mapped) = (UnsafeRawBufferPointer(memory), false)
    }

    /// The file at `path`; throws `fileNotFound` or `malformed` (a read error).
    init(contentsOf path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MeshIOError.fileNotFound(path: path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw MeshIOError.fileNotFound(path: path) }
        let size = Int(status.st_size)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        if size > 0, size % page != 0, (status.st_mode & S_IFMT) == S_IFREG,
           let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0), address != MAP_FAILED {
            (buffer, mapped) = (UnsafeRawBufferPointer(start: address, count: size + 1), true)
            return
        }
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: size + 1, alignment: 16)
        var done = 0
        while done < size {
            let count = read(descriptor, memory.baseAddress! + done, size - done)
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                let reason = count < 0 ? String(cString: strerror(errno)) : "the file shrank while being read"
                memory.deallocate()
                throw MeshIOError.malformed(path: path, at: .byte(done), reason: reason)
            }
            done += count
        }
        memory[size] = 0
        (buffer, mapped) = (UnsafeRawBufferPointer(memory), false)
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress!), buffer.count - 1)
        } else {
            buffer.deallocate()
        }
    }
}
