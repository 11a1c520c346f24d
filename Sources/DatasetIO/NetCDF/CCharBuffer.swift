extension Array where Element == CChar {
    /// The text before the first NUL, as UTF-8.
    var nullTerminatedString: String {
        String(decoding: prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
