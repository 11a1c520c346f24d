/// Base64 (RFC 4648, with padding) over bytes.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    static func encode<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count + 2) / 3 * 4)
        for start in stride(from: 0, to: input.count, by: 3) {
            let chunk = input[start..<min(start + 3, input.count)]
            let word = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for i in 0..<4 { output.append(i <= chunk.count ? alphabet[(word >> (18 - 6 * i)) & 63] : 61) }
        }
        return output
    }

    /// Decodes characters without whitespace; nil when a character is not Base64. Decoding
    /// stops at the first `=`.
    static func decode(_ chars: ArraySlice<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(chars.count / 4 * 3)
        var (word, bits) = (0, 0)
        for char in chars {
            if char == 61 { break }
            let value = values[Int(char)]
            guard value >= 0 else { return nil }
            word = (word << 6 | Int(value)) & 0xFFFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((word >> bits) & 255))
            }
        }
        return output
    }

    /// Characters that encode `bytes` bytes (with padding).
    static func characters(forBytes bytes: Int) -> Int { (bytes + 2) / 3 * 4 }
}
