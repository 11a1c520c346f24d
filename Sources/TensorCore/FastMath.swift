import CVectorMath

/// Single-precision elementwise kernels from `CVectorMath`, which are vectorised and cloned
/// per instruction set (libm's scalar calls cost 10–20 ns each and dominated the activation
/// layers). Accuracy, checked in `FastMathTests`: a few ulp for exp and tanh, ≤ 3·10⁻⁷ absolute
/// for erf.
enum FastMath {
    enum Kernel { case exp, tanh, erf, gelu }

    static func apply(_ kernel: Kernel, _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>) {
        nonisolated(unsafe) let (source, target) = (input.baseAddress!, output.baseAddress!)
        ElementwiseParallelism.forEachChunk(input.count) { start, count in
            switch kernel {
            case .exp: vm_exp_f32(source + start, target + start, count)
            case .tanh: vm_tanh_f32(source + start, target + start, count)
            case .erf: vm_erf_f32(source + start, target + start, count)
            case .gelu: vm_gelu_f32(source + start, target + start, count)
            }
        }
    }
}

extension Tensor {
    /// `map`, with a vectorised kernel for `Float`.
    func mapFast(float kernel: FastMath.Kernel, _ general: (Scalar) -> Scalar) -> Tensor {
        guard Scalar.self == Float.self, count > 0 else { return map(general) }
        return withUnsafeBufferPointer { input in
            Tensor(shape: shape) { output in
                input.withMemoryRebound(to: Float.self) { source in
                    output.withMemoryRebound(to: Float.self) { target in
                        FastMath.apply(kernel, source, target)
                    }
                }
            }
        }
    }

    /// tanh applied in place (the buffer is copied first unless this tensor owns it alone).
    public mutating func formTanh() {
        withUnsafeMutableBufferPointer { buffer in
            if Scalar.self == Float.self {
                buffer.withMemoryRebound(to: Float.self) { floats in
                    nonisolated(unsafe) let data = floats.baseAddress!
                    ElementwiseParallelism.forEachChunk(floats.count) { vm_tanh_inplace_f32(data + $0, $1) }
                }
            } else {
                for index in buffer.indices { buffer[index] = Scalar.tanh(buffer[index]) }
            }
        }
    }

    /// `zip` of two same-shaped tensors, with a vectorised kernel for `Float`.
    func zipFast(_ other: Tensor,
                 float kernel: @escaping @Sendable (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
                 _ general: (Scalar, Scalar) -> Scalar) -> Tensor {
        guard Scalar.self == Float.self, shape == other.shape, count > 0 else { return Tensor.zip(self, other, general) }
        let (a, b) = (contiguous(), other.contiguous())
        return Tensor(shape: shape) { output in
            (a.storage.base + a.offset).withMemoryRebound(to: Float.self, capacity: a.count) { x in
                (b.storage.base + b.offset).withMemoryRebound(to: Float.self, capacity: b.count) { y in
                    output.withMemoryRebound(to: Float.self) { result in
                        nonisolated(unsafe) let (x, y, z) = (x, y, result.baseAddress!)
                        ElementwiseParallelism.forEachChunk(result.count) { kernel(x + $0, y + $0, z + $0, $1) }
                    }
                }
            }
        }
    }
}
