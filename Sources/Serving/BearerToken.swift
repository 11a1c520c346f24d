/// The shared secret that `--token` (or `SURROGATE_TOKEN`) sets: every transport asks for
/// `Authorization: Bearer <token>` (an HTTP header, gRPC metadata `authorization`).
public struct BearerToken: Sendable {
    public let value: String

    public init?(_ value: String?) {
        guard let value, !value.isEmpty else { return nil }
        self.value = value
    }

    public static let refusal = "missing or wrong bearer token: send 'Authorization: Bearer <token>'"

    /// Whether `header` is `Bearer <token>` (scheme case-insensitive), compared in time that
    /// depends only on the lengths.
    public func accepts(authorization header: String?) -> Bool {
        guard let header else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let (given, expected) = (Array(parts[1].utf8), Array(value.utf8))
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<max(given.count, expected.count) {
            difference |= (index < given.count ? given[index] : 0) ^ (index < expected.count ? expected[index] : 0)
        }
        return difference == 0
    }
}
