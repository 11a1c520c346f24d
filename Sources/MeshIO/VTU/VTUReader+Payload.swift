/// The binary layout of a DataArray: a header of UInt32 or UInt64 words, then the data. Without
/// compression the header is one word, the data's byte count. With zlib it is
/// `[blocks, blockSize, lastBlockSize, compressedSize₁ … compressedSizeₙ]` (lastBlockSize 0
/// means a full block), followed by the compressed blocks.
extension VTUReader {
    var wordSize: Int { header64 ? 8 : 4 }

    /// Header and data stored raw in the appended section at `position`.
    func payload(raw position: Int) throws -> [UInt8] {
        let cursor = input.limited(to: position..<input.end, line: 0)
        cursor.binaryLocations = true
        func word() throws -> Int { try cursor.binaryInt(size: wordSize, signed: false, bigEndian: bigEndian) }
        let first = try word()
        var header = [first]
        if compressed {
            try cursor.requirePlausible(first, bytesEach: wordSize, "number of compressed blocks")
            header += try (0..<first + 2).map { _ in try word() }
        }
        let length = dataLength(header)
        guard length <= cursor.remaining else { throw cursor.error("data of \(length) bytes, but only \(cursor.remaining) remain") }
        return try inflate(header, ArraySlice(cursor.bytes(cursor.offset..<cursor.offset + length)), at: .byte(position))
    }

    /// Header and data as Base64 text: VTK encodes the header and the data separately, meshio
    /// encodes them together (uncompressed); both are read.
    func payload(base64 chars: ArraySlice<UInt8>, at location: MeshIOError.Location) throws -> [UInt8] {
        func decode(_ chars: ArraySlice<UInt8>) throws -> [UInt8] {
            guard let bytes = Base64.decode(chars) else { throw input.error("invalid Base64 data", at: location) }
            return bytes
        }
        func words(_ bytes: [UInt8], _ count: Int) throws -> [Int] {
            guard bytes.count >= count * wordSize else { throw input.error("binary header is truncated", at: location) }
            let cursor = ByteReader(path: input.path, bytes: bytes)
            return try (0..<count).map { _ in try cursor.binaryInt(size: wordSize, signed: false, bigEndian: bigEndian) }
        }
        let first = try words(try decode(chars.prefix(Base64.characters(forBytes: wordSize))), 1)[0]
        guard first <= chars.count else { throw input.error("binary header claims \(first) blocks in \(chars.count) characters", at: location) }
        let headerBytes = (compressed ? 3 + first : 1) * wordSize
        let headerChars = Base64.characters(forBytes: headerBytes)
        guard chars.count >= headerChars else { throw input.error("binary header is truncated", at: location) }
        let header = try words(try decode(chars.prefix(headerChars)), headerBytes / wordSize)
        let length = dataLength(header)
        guard length <= chars.count else { throw input.error("binary header claims \(length) bytes in \(chars.count) characters", at: location) }
        let data: [UInt8]
        if chars.prefix(headerChars).contains(61) {
            data = try decode(chars.dropFirst(headerChars).prefix(Base64.characters(forBytes: length)))
        } else {
            data = Array(try decode(chars.prefix(Base64.characters(forBytes: headerBytes + length))).dropFirst(headerBytes))
        }
        guard data.count >= length else { throw input.error("binary data holds \(data.count) bytes, the header says \(length)", at: location) }
        return try inflate(header, data[..<length], at: location)
    }

    /// Bytes of data that follow the header.
    func dataLength(_ header: [Int]) -> Int {
        guard compressed else { return header[0] }
        return header.dropFirst(3).reduce(0) { total, size in
            let (sum, overflow) = total.addingReportingOverflow(size)
            return overflow ? Int.max : sum
        }
    }

    func inflate(_ header: [Int], _ data: ArraySlice<UInt8>, at location: MeshIOError.Location) throws -> [UInt8] {
        guard compressed else { return Array(data) }
        let (blocks, blockSize, last) = (header[0], header[1], header[2] == 0 ? header[1] : header[2])
        var output: [UInt8] = []
        var start = data.startIndex
        for (i, size) in header.dropFirst(3).enumerated() {
            let expected = i == blocks - 1 ? last : blockSize
            // zlib never inflates more than 1032:1; a header claiming more is corrupt, not allocated.
            guard expected <= size * 1032 + 64, let block = Zlib.decompress(data[start..<start + size], size: expected) else {
                throw input.error("compressed block \(i) does not inflate to \(expected) bytes", at: location)
            }
            output += block
            start += size
        }
        return output
    }
}
