/// A JSON document written straight into UTF-8 bytes, for the infer response on the hot path
/// (Foundation's `JSONSerialization` bridges every value through `NSObject`, which cost more
/// than the forward pass of a small model).
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A string literal with JSON's escapes (quotes, backslashes, control characters).
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0..<0x20:
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                raw("\\u00")
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 15)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key":`
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func integer(_ value: some FixedWidthInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A finite number in its shortest round-trip form; NaN and infinities have no JSON form.
    mutating func number(_ value: Double) throws(ServingError) {
        guard value.isFinite else { throw ServingError(.internal, "cannot encode \(value) in JSON") }
        if value == value.rounded(), abs(value) < 1e15 {
            integer(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// `[e₀,e₁,…]` with `element` writing each one.
    mutating func array<C: Collection, Failure: Error>(_ elements: C, _ element: (inout JSONText, C.Element) throws(Failure) -> Void)
        throws(Failure) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            try element(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
