/// A reference-counted, 64-byte aligned buffer of scalars shared by tensors and their views.
///
/// A storage is written only while its tensor is its unique owner (copy-on-write), so sharing
/// it between threads is safe.
public final class TensorStorage<Scalar: TensorScalar>: @unchecked Sendable {
    public let count: Int
    public let base: UnsafeMutablePointer<Scalar>

    /// Uninitialised storage; callers write every element before it is read.
    public init(uninitializedCount count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: Swift.max(count, 1) * MemoryLayout<Scalar>.stride, alignment: 64)
        base = raw.bindMemory(to: Scalar.self, capacity: Swift.max(count, 1))
    }

    public convenience init(repeating value: Scalar, count: Int) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    deinit {
        UnsafeMutableRawPointer(base).deallocate()
    }
}
