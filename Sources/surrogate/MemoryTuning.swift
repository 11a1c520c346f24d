/// Keeps freed tensor buffers in the heap for reuse.
///
/// glibc serves allocations above its mmap threshold (128 KiB, adapting upwards) with fresh
/// mmaps and returns them on free, so every temporary tensor of a training step paid for page
/// faults and zeroing by the kernel. Raising the mmap and trim thresholds lets the allocator
/// recycle those buffers: a process-wide setting, so the executable (not the library) makes it.
enum MemoryTuning {
    // <malloc.h> is not part of Swift's Glibc module; these are glibc's values.
    private static let trimThreshold: Int32 = -1   // M_TRIM_THRESHOLD
    private static let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD

    static func keepFreedBuffers() {
        _ = mallopt(mmapThreshold, 512 << 20)
        _ = mallopt(trimThreshold, 1 << 30)
    }
}

@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
