import NIOCore
import NIOPosix

/// Runs Swift concurrency's jobs on NIO's event-loop threads instead of a separate pool.
///
/// Every request otherwise crosses threads several times: the event loop that read it wakes a
/// pool thread for the handler's task, and the response goes back to the event loop to be
/// written. NIO's hook enqueues a job on the event loop it is enqueued from when there is one,
/// so a request read, handled and answered without a wait stays on one thread.
public enum EventLoopConcurrency {
    /// Installs the hook once, before the servers start; false when this platform has none.
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
