/// An n-dimensional array of `Float` or `Double` with strided storage.
///
/// Tensors are values: operations return new tensors and never modify their inputs. Views
/// (`permuted`, `sliced`, `expanded`, `transposed`, `reshaped` of contiguous data) share
/// storage and cost no copy; kernels that need contiguous memory copy on demand.
///
/// Shape mismatches are programmer errors and stop with a `precondition` naming both shapes.
public struct Tensor<Scalar: TensorScalar>: Sendable {
    public private(set) var storage: TensorStorage<Scalar>
    public let shape: [Int]
    public let strides: [Int]
    public let offset: Int

    /// A view of `storage` with the given layout.
    public init(storage: TensorStorage<Scalar>, shape: [Int], strides: [Int], offset: Int = 0) {
        precondition(shape.count == strides.count, "shape \(shape) and strides \(strides) differ in rank")
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// A contiguous tensor filled by `body`, which must write all `count` elements.
    @inlinable
    public init(shape: [Int], unsafeUninitialized body: (UnsafeMutableBufferPointer<Scalar>) -> Void) {
        let count = shape.reduce(1, *)
        let storage = TensorStorage<Scalar>(uninitializedCount: count)
        body(UnsafeMutableBufferPointer(start: storage.base, count: count))
        self.init(storage: storage, shape: shape, strides: Tensor.contiguousStrides(for: shape))
    }

    /// A contiguous tensor holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Scalar]) {
        let count = shape.reduce(1, *)
        precondition(scalars.count == count, "\(scalars.count) scalars do not fill shape \(shape)")
        self.init(shape: shape) { buffer in
            _ = buffer.initialize(from: scalars)
        }
    }

    /// A tensor of `shape` with every element equal to `value`.
    public init(repeating value: Scalar, shape: [Int]) {
        let count = shape.reduce(1, *)
        self.init(storage: TensorStorage(repeating: value, count: count), shape: shape,
                  strides: Tensor.contiguousStrides(for: shape))
    }

    /// A rank-0 tensor.
    public init(_ scalar: Scalar) {
        self.init(shape: [], scalars: [scalar])
    }

    /// A rank-1 tensor.
    public init(_ scalars: [Scalar]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Evenly spaced values `start, start + step, …` below `end` (like `numpy.arange`).
    public static func arange(_ start: Scalar, _ end: Scalar, step: Scalar = 1) -> Tensor {
        let count = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor(shape: [count]) { buffer in
            for index in 0..<count { buffer[index] = start + Scalar(index) * step }
        }
    }

    /// `count` evenly spaced values from `start` to `end` inclusive (like `numpy.linspace`).
    public static func linspace(_ start: Scalar, _ end: Scalar, count: Int) -> Tensor {
        let step = count > 1 ? (end - start) / Scalar(count - 1) : 0
        return Tensor(shape: [count]) { buffer in
            for index in 0..<count { buffer[index] = start + Scalar(index) * step }
        }
    }

    // MARK: Layout

    public var rank: Int { shape.count }
    public var count: Int { shape.reduce(1, *) }

    /// Row-major strides for `shape`.
    public static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// True when the elements are laid out row-major without gaps (size-1 axes ignored).
    public var isContiguous: Bool {
        var expected = 1
        for axis in stride(from: rank - 1, through: 0, by: -1) where shape[axis] != 1 {
            if strides[axis] != expected { return false }
            expected *= shape[axis]
        }
        return true
    }

    /// A normalised axis index: negative values count from the end.
    public func axisIndex(_ axis: Int) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        precondition(resolved >= 0 && resolved < rank, "axis \(axis) out of range for shape \(shape)")
        return resolved
    }

    // MARK: Element access

    /// The tensor itself when contiguous, otherwise a contiguous copy.
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        return Tensor(shape: shape) { output in
            var position = 0
            StridedLoop.forEachRow(shape: shape, strides: strides, offset: offset) { start, length, step in
                let source = storage.base + start
                let target = output.baseAddress! + position
                if step == 1 {
                    target.update(from: source, count: length)
                } else {
                    for index in 0..<length { target[index] = source[index * step] }
                }
                position += length
            }
        }
    }

    /// Calls `body` with the elements in row-major order (copying first when not contiguous).
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        let dense = contiguous()
        return try withExtendedLifetime(dense.storage) {
            try body(UnsafeBufferPointer(start: dense.storage.base + dense.offset, count: dense.count))
        }
    }

    /// Calls `body` with writable elements in row-major order. The tensor's storage is copied
    /// first unless this tensor is its contiguous, unique owner (copy-on-write).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        let ownsDenseStorage = isContiguous && offset == 0 && storage.count == count
        if !(ownsDenseStorage && isKnownUniquelyReferenced(&storage)) {
            self = copied()
        }
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: count))
    }

    /// A contiguous copy that shares nothing with this tensor.
    public func copied() -> Tensor {
        let dense = contiguous()
        return Tensor(shape: shape) { output in
            output.baseAddress!.update(from: dense.storage.base + dense.offset, count: dense.count)
        }
    }

    /// All elements in row-major order.
    public var scalars: [Scalar] { withUnsafeBufferPointer { Array($0) } }

    /// The only element of a tensor with one element.
    public var scalar: Scalar {
        precondition(count == 1, "scalar of a tensor with shape \(shape)")
        return storage.base[offset]
    }

    /// The element at `indices`.
    public subscript(indices: Int...) -> Scalar {
        precondition(indices.count == rank, "\(indices.count) indices for shape \(shape)")
        var position = offset
        for (axis, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[axis], "index \(indices) out of range for shape \(shape)")
            position += index * strides[axis]
        }
        return storage.base[position]
    }
}
