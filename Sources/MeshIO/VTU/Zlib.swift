import CZlib

/// zlib's `compress2` and `uncompress` on byte arrays.
enum Zlib {
    static func compress(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(size))
        let source = bytes.isEmpty ? [0] : Array(bytes)
        let status = output.withUnsafeMutableBufferPointer { target in
            source.withUnsafeBufferPointer { compress2(target.baseAddress, &size, $0.baseAddress, uLong(bytes.count), Z_DEFAULT_COMPRESSION) }
        }
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        return Array(output.prefix(Int(size)))
    }

    /// The `size` bytes that `bytes` inflates to, or nil when they are not zlib data of that size.
    static func decompress(_ bytes: ArraySlice<UInt8>, size: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var length = uLongf(size)
        let source = bytes.isEmpty ? [0] : Array(bytes)
        let status = output.withUnsafeMutableBufferPointer { target in
            source.withUnsafeBufferPointer { uncompress(target.baseAddress, &length, $0.baseAddress, uLong(bytes.count)) }
        }
        guard status == Z_OK, Int(length) == size else { return nil }
        return Array(output.prefix(size))
    }
}
