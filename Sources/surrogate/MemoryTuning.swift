/// Keeps freed tensor buffers in the heap for reuse.
///
/// glibc serves allocations above its mmap threshold (128 KiB, adapting upwards) with fresh
/// mmaps and returns them on free, and trims the heap top eagerly, so the temporaries of a
/// training step paid for page faults and zeroing by the kernel. Buffers up to 32 MiB now stay
/// in the heap for reuse (and 128 MiB of free heap top is kept); larger ones, such as streamed
/// data batches, still come from mmap and go back to the system on free, so streaming memory
/// stays bounded by the batch. Heaps also grow by 64 MiB beyond each request (M_TOP_PAD), so
/// that the per-thread arenas of the server stop shrinking and regrowing around every request
/// (wrk at concurrency 1: 1454–1507 → 1543–1559 req/s, two alternating runs each). A
/// process-wide setting, so the executable (not the library) makes it.
enum MemoryTuning {
    // <malloc.h> is not part of Swift's Glibc module; these are glibc's values.
    private static let trimThreshold: Int32 = -1   // M_TRIM_THRESHOLD
    private static let topPad: Int32 = -2          // M_TOP_PAD
    private static let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD

    static func keepFreedBuffers() {
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 128 << 20)
        _ = mallopt(topPad, 64 << 20)
    }
}

@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
