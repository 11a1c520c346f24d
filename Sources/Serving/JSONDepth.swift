import Foundation

/// The nesting depth of a JSON text, found by a scan that skips strings, so that a deeply
/// nested body is refused before a recursive parser sees it.
public enum JSONDepth {
    /// Throws when `json` nests arrays and objects deeper than `limit`.
    public static func check(_ json: Data, limit: Int) throws(ServingError) {
        var depth = 0, inString = false, escaped = false
        for byte in json {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { throw .invalid("JSON nesting deeper than \(limit) levels") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }
}

extension NSNumber {
    /// Whether JSONSerialization produced this number from `true` or `false` (Foundation keeps
    /// booleans as `char`-typed numbers; `1 is Bool` would also hold, so that test is useless).
    public var isJSONBoolean: Bool { String(cString: objCType) == "c" }
}
