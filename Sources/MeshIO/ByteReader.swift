import Foundation

/// A cursor over a file's bytes for text tokens (with line numbers) and binary values (with
/// byte offsets). Every read is bounds-checked and throws `MeshIOError.malformed` naming the
/// file and where; a zero byte after the end lets `strtod` stop without reading outside.
final class ByteReader {
    let path: String
    /// Keeps `storage`'s memory alive.
    private let owner: ReaderBytes
    private let storage: UnsafeRawBufferPointer
    /// One past the last readable byte.
    let end: Int
    var offset: Int
    var line: Int
    /// Errors name byte offsets (binary data) instead of lines (text).
    var binaryLocations = false

    init(path: String, bytes: [UInt8]) {
        self.path = path
        owner = ReaderBytes(bytes)
        storage = owner.buffer
        (end, offset, line) = (bytes.count, 0, 1)
    }

    /// A reader over the whole file at `path`, mapped into memory (see `ReaderBytes`).
    init(contentsOf path: String) throws {
        owner = try ReaderBytes(contentsOf: path)
        storage = owner.buffer
        (self.path, end, offset, line) = (path, storage.count - 1, 0, 1)
    }

    private init(parent: ByteReader, range: Range<Int>, line: Int) {
        (path, owner, storage, end, offset, self.line) = (parent.path, parent.owner, parent.storage, range.upperBound, range.lowerBound, line)
    }

    /// A reader over `range` of the same bytes whose first line is `line`.
    func limited(to range: Range<Int>, line: Int) -> ByteReader { ByteReader(parent: self, range: range, line: line) }

    var location: MeshIOError.Location { binaryLocations ? .byte(offset) : .line(line) }
    var atEnd: Bool { offset >= end }
    var remaining: Int { end - offset }

    func error(_ reason: String, at location: MeshIOError.Location? = nil) -> MeshIOError {
        .malformed(path: path, at: location ?? self.location, reason: reason)
    }

    subscript(index: Int) -> UInt8 { storage[index] }
    /// The bytes in `range`, valid while this reader lives.
    func bytes(_ range: Range<Int>) -> Slice<UnsafeRawBufferPointer> { storage[range] }
    func string(_ range: Range<Int>) -> String { String(decoding: storage[range], as: UTF8.self) }

    /// Throws unless `count` items of at least `size` bytes each can still follow.
    func requirePlausible(_ count: Int, bytesEach size: Int, _ what: String) throws {
        guard count >= 0, count <= remaining / max(size, 1) else {
            throw error("\(what) is \(count), but only \(remaining) bytes remain")
        }
    }

    // MARK: Text

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }

    func skipSpace() {
        while offset < end, Self.isSpace(storage[offset]) {
            if storage[offset] == 10 { line += 1 }
            offset += 1
        }
    }

    /// The next whitespace-separated token.
    func token() throws -> Range<Int> {
        skipSpace()
        guard offset < end else { throw error("unexpected end of file") }
        let start = offset
        while offset < end, !Self.isSpace(storage[offset]) { offset += 1 }
        return start..<offset
    }

    func word() throws -> String { string(try token()) }

    func int() throws -> Int {
        let range = try token()
        var (index, negative, value) = (range.lowerBound, false, 0)
        if storage[index] == 45 || storage[index] == 43 { negative = storage[index] == 45; index += 1 }
        guard index < range.upperBound else { throw error("'\(string(range))' is not an integer") }
        while index < range.upperBound {
            let digit = Int(storage[index]) - 48
            guard (0...9).contains(digit), value <= (Int.max - digit) / 10 else {
                throw error("'\(string(range))' is not an integer")
            }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }

    func double() throws -> Double {
        let range = try token()
        let base = storage.baseAddress!.assumingMemoryBound(to: CChar.self) + range.lowerBound
        var stop: UnsafeMutablePointer<CChar>?
        let value = strtod(base, &stop)
        guard stop.map({ UnsafePointer($0) - base }) == range.count else { throw error("'\(string(range))' is not a number") }
        return value
    }

    /// The rest of the current line (without its line break), consuming the line break.
    func restOfLine() throws -> String {
        guard offset < end else { throw error("unexpected end of file") }
        let start = offset
        while offset < end, storage[offset] != 10 { offset += 1 }
        var stop = offset
        if stop > start, storage[stop - 1] == 13 { stop -= 1 }
        if offset < end { offset += 1; line += 1 }
        return string(start..<stop)
    }

    /// The next non-blank line, trimmed.
    func nextLine() throws -> String {
        skipSpace()
        return try restOfLine().trimmingCharacters(in: .whitespaces)
    }

    /// The offset of the next occurrence of `marker` at or after the current offset.
    func find(_ marker: String) -> Int? {
        let pattern = Array(marker.utf8)
        guard let first = pattern.first, pattern.count <= remaining else { return nil }
        var index = offset
        while index + pattern.count <= end {
            if storage[index] == first, storage[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// Moves to `position`, counting the lines passed.
    func advance(to position: Int) {
        precondition(position >= offset && position <= end, "ByteReader.advance: \(position) outside \(offset)...\(end)")
        line += storage[offset..<position].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        offset = position
    }

    // MARK: Binary

    private func require(_ count: Int) throws {
        guard count <= remaining else {
            throw error("unexpected end of file (\(count) bytes needed, \(remaining) remain)", at: .byte(offset))
        }
    }

    func binary<T: FixedWidthInteger>(_: T.Type, bigEndian: Bool = false) throws -> T {
        try require(MemoryLayout<T>.size)
        let raw = storage.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += MemoryLayout<T>.size
        return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
    }

    /// A signed or unsigned integer of `size` bytes as an `Int` (throws when it does not fit).
    func binaryInt(size: Int, signed: Bool = true, bigEndian: Bool = false) throws -> Int {
        let start = offset
        let value: Int? = switch (size, signed) {
        case (1, true): Int(try binary(Int8.self))
        case (1, false): Int(try binary(UInt8.self))
        case (2, true): Int(try binary(Int16.self, bigEndian: bigEndian))
        case (2, false): Int(try binary(UInt16.self, bigEndian: bigEndian))
        case (4, true): Int(try binary(Int32.self, bigEndian: bigEndian))
        case (4, false): Int(try binary(UInt32.self, bigEndian: bigEndian))
        case (8, true): Int(try binary(Int64.self, bigEndian: bigEndian))
        default: Int(exactly: try binary(UInt64.self, bigEndian: bigEndian))
        }
        guard let value else { throw error("integer does not fit in 64 bits", at: .byte(start)) }
        return value
    }

    /// True when bulk reads can copy little-endian 8-byte values as they are.
    static let hostIsLittleEndian = 1.littleEndian == 1

    /// `count` little-endian 8-byte values at the cursor as `T` (`Int`, `Double` or `UInt64`),
    /// copied in one pass (unsigned values of 2⁶³ or more become negative `Int`s, which every
    /// caller rejects as an index or tag).
    func littleEndian8<T>(_ count: Int, as _: T.Type) throws -> [T] {
        precondition(MemoryLayout<T>.size == 8, "littleEndian8 reads 8-byte values")
        guard count >= 0, count <= remaining / 8 else {
            throw error("unexpected end of file (\(count) values of 8 bytes needed, \(remaining) bytes remain)", at: .byte(offset))
        }
        guard Self.hostIsLittleEndian else {
            return try (0..<count).map { _ in unsafeBitCast(try binary(UInt64.self), to: T.self) }
        }
        let start = offset
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: storage.baseAddress! + start, byteCount: count * 8) }
            initialized = count
        }
        offset += count * 8
        return values
    }

    /// Calls `body` with an accessor to the next `count` little-endian 8-byte integers (read in
    /// place, no copy), then moves past them.
    func withLittleEndianWords<R>(_ count: Int, _ body: ((Int) -> Int) throws -> R) throws -> R {
        guard count >= 0, count <= remaining / 8 else {
            throw error("unexpected end of file (\(count) values of 8 bytes needed, \(remaining) bytes remain)", at: .byte(offset))
        }
        let start = offset
        let result = try body { index in Int(truncatingIfNeeded: UInt64(littleEndian: storage.loadUnaligned(fromByteOffset: start + 8 * index, as: UInt64.self))) }
        offset += count * 8
        return result
    }

    func binaryDouble(size: Int = 8, bigEndian: Bool = false) throws -> Double {
        if size == 4 { return Double(Float(bitPattern: try binary(UInt32.self, bigEndian: bigEndian))) }
        return Double(bitPattern: try binary(UInt64.self, bigEndian: bigEndian))
    }
}
