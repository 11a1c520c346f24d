import TensorCore

/// A tensor storage (64-byte aligned floats) owned by a rollout plan: a layer's weights (written
/// once, then only read, so plans share them between threads) or one rollout's scratch space.
final class PlanBuffer: @unchecked Sendable {
    private let storage: TensorStorage<Float>
    var count: Int { storage.count }
    var base: UnsafeMutablePointer<Float> { storage.base }

    /// `count` zeros.
    init(count: Int) {
        storage = TensorStorage(repeating: 0, count: count)
    }

    /// Room for `count` values, not initialised: for intermediates that each step writes in
    /// full before reading.
    init(scratch count: Int) {
        storage = TensorStorage(uninitializedCount: count)
    }

    /// A copy of `tensor`'s elements in row-major order.
    convenience init(_ tensor: Tensor<Float>) {
        self.init(scratch: tensor.count)
        tensor.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { base.update(from: start, count: count) }
        }
    }

    subscript(index: Int) -> Float {
        get { base[index] }
        set { base[index] = newValue }
    }
}
