/// Builds a file's bytes: text, and binary numbers in either byte order.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func text(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func binary<T: FixedWidthInteger>(_ value: T, bigEndian: Bool = false) {
        withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func binary(_ value: Double, bigEndian: Bool = false) { binary(value.bitPattern, bigEndian: bigEndian) }

    /// 8-byte values (`Int` as Int64, `Double`) in little-endian order, in one copy on a
    /// little-endian host.
    mutating func littleEndian8<T>(_ values: [T]) {
        precondition(MemoryLayout<T>.size == 8, "littleEndian8 writes 8-byte values")
        if ByteReader.hostIsLittleEndian {
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        } else {
            for value in values { binary(unsafeBitCast(value, to: UInt64.self)) }
        }
    }

    /// Numbers separated by spaces, `perLine` to a line.
    mutating func textNumbers<S: Sequence>(_ values: S, perLine: Int) where S.Element: CustomStringConvertible {
        var column = 0
        for value in values {
            text(column == 0 ? value.description : " " + value.description)
            column += 1
            if column == perLine { text("\n"); column = 0 }
        }
        if column != 0 { text("\n") }
    }
}
