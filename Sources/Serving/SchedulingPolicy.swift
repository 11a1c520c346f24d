import Foundation

/// How the server admits and queues inference requests.
public struct SchedulingPolicy: Sendable {
    /// Requests admitted at once (queued or running, over all models); the next one is refused
    /// with UNAVAILABLE (HTTP 503), as Triton refuses requests beyond a full queue.
    public var maximumPendingRequests = 256
    /// How long a request may wait for its execution to start, when it sets no `timeout`
    /// parameter; nil: as long as it takes.
    public var defaultTimeoutMicroseconds: UInt64?

    public init(maximumPendingRequests: Int = 256, defaultTimeoutMicroseconds: UInt64? = nil) {
        precondition(maximumPendingRequests > 0, "at least one pending request must be allowed")
        (self.maximumPendingRequests, self.defaultTimeoutMicroseconds) = (maximumPendingRequests, defaultTimeoutMicroseconds)
    }

    /// The uptime (ns) by which `request` must start: its `timeout` parameter in microseconds
    /// (Triton's reserved parameter; 0 means none), else the default.
    func deadline(for request: InferenceRequest, from start: UInt64) throws(ServingError) -> UInt64? {
        var microseconds = defaultTimeoutMicroseconds
        switch request.parameters["timeout"] {
        case nil: break
        case .number(let value)? where value >= 0 && value == value.rounded() && value < 1e15:
            microseconds = value == 0 ? nil : UInt64(value)
        default:
            throw .invalid("parameter 'timeout' must be a non-negative integer number of microseconds")
        }
        return microseconds.map { start + $0 * 1000 }
    }
}
