/// A request the server refuses or cannot serve: one line for `{"error": "…"}` and its HTTP
/// status, mapped as Triton maps its error codes (SERVING.md §1.2).
public struct ServingError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        case invalidArgument, notFound, unavailable, unsupported, `internal`
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        (self.kind, self.message) = (kind, message)
    }

    public static func invalid(_ message: String) -> ServingError { ServingError(.invalidArgument, message) }

    /// INVALID_ARG → 400, NOT_FOUND → 404, UNAVAILABLE → 503, UNSUPPORTED → 501, INTERNAL → 500.
    public var httpStatus: Int {
        switch kind {
        case .invalidArgument: 400
        case .notFound: 404
        case .unavailable: 503
        case .unsupported: 501
        case .internal: 500
        }
    }

    public var description: String { message }
}
