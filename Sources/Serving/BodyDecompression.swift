import CZlib
import Foundation

/// Request bodies sent with `Content-Encoding: gzip` or `deflate` (tritonclient's optional
/// request compression), inflated through zlib with the output capped: a small compressed body
/// that would inflate past the limit (a "zip bomb") is refused as soon as it crosses it.
public enum BodyDecompression {
    public static let encodings = ["gzip", "deflate"]

    /// The inflated body; `encoding` is the header's value (gzip or deflate, zlib-wrapped).
    public static func inflate(_ body: Data, encoding: String, limit: Int) throws(ServingError) -> Data {
        let name = encoding.trimmingCharacters(in: .whitespaces).lowercased()
        guard encodings.contains(name) else {
            throw ServingError(.unsupported, "Content-Encoding '\(encoding.prefix(32))' is not supported (use gzip, deflate or identity)")
        }
        var stream = z_stream()
        // 32 + 15: accept both the gzip and the zlib wrapper, with the largest window.
        guard inflateInit2_(&stream, 32 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ServingError(.internal, "cannot start zlib")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        let outcome = body.withUnsafeBytes { (input: UnsafeRawBufferPointer) in Result { () throws(ServingError) -> Data in
            var output = Data()
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while status != Z_STREAM_END {
                let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return buffer.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw .invalid("the \(name) request body is corrupt or truncated (zlib status \(status))")
                }
                guard produced <= limit - output.count else {
                    throw .invalid("the request body inflates past the limit of \(limit) bytes")
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_OK && produced == 0 && stream.avail_in == 0 {
                    throw .invalid("the \(name) request body is truncated")
                }
            }
            guard stream.avail_in == 0 else { throw .invalid("the \(name) request body has \(stream.avail_in) bytes after its end") }
            return output
        } }
        return try outcome.get()
    }
}
