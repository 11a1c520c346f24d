import CLibDeflate
import Foundation

/// An 8-bit RGB image, encoded as PNG (filter none, deflate through libdeflate, optional `tEXt`
/// chunks for metadata such as a title or a value range).
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major RGB triples.
    public var pixels: [UInt8]

    /// A white image.
    public init(width: Int, height: Int) {
        precondition(width >= 1 && height >= 1, "an image of \(width) × \(height) pixels")
        (self.width, self.height) = (width, height)
        pixels = [UInt8](repeating: 255, count: width * height * 3)
    }

    public subscript(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        get { let i = 3 * (y * width + x); return (pixels[i], pixels[i + 1], pixels[i + 2]) }
        set { let i = 3 * (y * width + x); (pixels[i], pixels[i + 1], pixels[i + 2]) = newValue }
    }

    /// The PNG file, with `text` as `tEXt` chunks (Latin-1 keywords of 1–79 characters).
    public func data(text: [(keyword: String, value: String)] = []) -> Data {
        var raw = [UInt8]()
        raw.reserveCapacity(height * (1 + 3 * width))
        for y in 0..<height {
            raw.append(0)  // filter: none
            raw.append(contentsOf: pixels[(3 * y * width)..<(3 * (y + 1) * width)])
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += Self.chunk("IHDR", Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        for (keyword, value) in text {
            png += Self.chunk("tEXt", Array(keyword.utf8.prefix(79)) + [0] + Array(value.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
        }
        png += Self.chunk("IDAT", Self.zlib(raw))
        png += Self.chunk("IEND", [])
        return Data(png)
    }

    /// A zlib stream of `bytes` (libdeflate, level 6).
    static func zlib(_ bytes: [UInt8]) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(6) else { fatalError("libdeflate could not allocate a compressor") }
        defer { libdeflate_free_compressor(compressor) }
        var output = [UInt8](repeating: 0, count: libdeflate_zlib_compress_bound(compressor, bytes.count))
        let written = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { libdeflate_zlib_compress(compressor, input.baseAddress, input.count, $0.baseAddress, $0.count) }
        }
        precondition(written > 0, "libdeflate could not compress \(bytes.count) bytes")
        return Array(output.prefix(written))
    }

    private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return bigEndian(UInt32(body.count)) + typed + bigEndian(crc32(typed))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as PNG chunks use it.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
