import Dispatch
import Serving

/// Runs the decoding or encoding of a large payload on a Dispatch worker thread rather than on
/// the event loop that read the request (Swift concurrency's tasks run on the event loops): a
/// 50 MB JSON body would otherwise hold up every other connection of that loop while it parses.
enum LargePayloadWork {
    /// Payloads of this many bytes or more leave the event loop (a millisecond of work or more).
    static let threshold = 1 << 20

    static func run<T: Sendable>(bytes: Int, _ work: @escaping @Sendable () throws(ServingError) -> T) async throws(ServingError) -> T {
        guard bytes >= threshold else { return try work() }
        let result: Result<T, ServingError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Result { () throws(ServingError) in try work() }) }
        }
        return try result.get()
    }
}
