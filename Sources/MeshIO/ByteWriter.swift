/// Builds a file's bytes: text, and binary numbers in either byte order.
///
/// With a `FileSink` the writer streams: once a megabyte is buffered it goes to the file (all
/// but the last byte, which a writer may still replace), and large arrays are written straight
/// from their own storage, so a file never sits in memory whole. Without one, `bytes` ends up
/// holding the whole file.
struct ByteWriter {
    var bytes: [UInt8] = []
    let sink: FileSink?
    static let spillSize = 1 << 20

    init(sink: FileSink? = nil) {
        self.sink = sink
        if sink != nil { bytes.reserveCapacity(Self.spillSize + 1 << 16) }
    }

    mutating func text(_ string: String) {
        bytes.append(contentsOf: string.utf8)
        spillIfFull()
    }

    mutating func binary<T: FixedWidthInteger>(_ value: T, bigEndian: Bool = false) {
        withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { bytes.append(contentsOf: $0) }
        spillIfFull()
    }

    mutating func binary(_ value: Double, bigEndian: Bool = false) { binary(value.bitPattern, bigEndian: bigEndian) }

    /// Raw bytes already encoded.
    mutating func append(_ data: [UInt8]) {
        if sink != nil, data.count >= Self.spillSize {
            spillAll()
            data.withUnsafeBytes { sink!.write($0) }
        } else {
            bytes += data
            spillIfFull()
        }
    }

    /// 8-byte values (`Int` as Int64, `Double`) in little-endian order, in one copy on a
    /// little-endian host (none when streaming a large array).
    mutating func littleEndian8<T>(_ values: [T]) {
        precondition(MemoryLayout<T>.size == 8, "littleEndian8 writes 8-byte values")
        if ByteReader.hostIsLittleEndian {
            if let sink, values.count * 8 >= Self.spillSize {
                spillAll()
                values.withUnsafeBytes { sink.write($0) }
            } else {
                values.withUnsafeBytes { bytes.append(contentsOf: $0) }
                spillIfFull()
            }
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

    /// Sends all buffered bytes but the last to the sink once `spillSize` are buffered.
    private mutating func spillIfFull() {
        guard let sink, bytes.count >= Self.spillSize else { return }
        bytes.withUnsafeBytes { sink.write(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        bytes.removeFirst(bytes.count - 1)
    }

    private mutating func spillAll() {
        guard let sink, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { sink.write($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes what is still buffered and closes the sink, throwing its first error.
    mutating func finish() throws {
        spillAll()
        try sink?.close()
    }
}
