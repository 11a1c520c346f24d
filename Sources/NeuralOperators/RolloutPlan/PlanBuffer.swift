import TensorCore

/// A 64-byte aligned array of floats owned by a rollout plan: a layer's weights (written once,
/// then only read, so plans share them between threads) or one rollout's scratch space.
final class PlanBuffer: @unchecked Sendable {
    let count: Int
    let base: UnsafeMutablePointer<Float>

    /// `count` zeros.
    convenience init(count: Int) {
        self.init(scratch: count)
        base.update(repeating: 0, count: count)
    }

    /// Room for `count` values, not initialised: for intermediates that each step writes in
    /// full before reading.
    init(scratch count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        base = raw.bindMemory(to: Float.self, capacity: Swift.max(count, 1))
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

    deinit {
        UnsafeMutableRawPointer(base).deallocate()
    }
}
