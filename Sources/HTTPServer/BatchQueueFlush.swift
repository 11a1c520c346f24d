import ServiceLifecycle
import Serving

/// The last service of the server's group, so the first to hear of a graceful shutdown: it runs
/// the requests waiting in batching windows at once, so that the listeners, which wait for
/// their running requests, are not held up by a window (up to `max_queue_delay_microseconds`).
struct BatchQueueFlush: Service {
    let repository: ModelRepository

    func run() async throws {
        try? await gracefulShutdown()
        await repository.flushQueues()
    }
}
