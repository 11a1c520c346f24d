import CVectorMath
import RealModule

/// Elementwise arithmetic with NumPy broadcasting, and the activation functions.
extension Tensor {
    /// `f` applied to every element.
    @inlinable
    public func map(_ transform: (Scalar) -> Scalar) -> Tensor {
        withUnsafeBufferPointer { input in
            Tensor(shape: shape) { output in
                for index in 0..<input.count { output[index] = transform(input[index]) }
            }
        }
    }

    /// `f(a, b)` elementwise, broadcasting `a` and `b` to a common shape.
    @inlinable
    public static func zip(_ a: Tensor, _ b: Tensor, _ combine: (Scalar, Scalar) -> Scalar) -> Tensor {
        if a.shape == b.shape && a.isContiguous && b.isContiguous {
            return Tensor(shape: a.shape) { output in
                let x = a.storage.base + a.offset
                let y = b.storage.base + b.offset
                for index in 0..<output.count { output[index] = combine(x[index], y[index]) }
            }
        }
        let shape = broadcastShape(a.shape, b.shape)
        let x = a.expanded(to: shape)
        let y = b.expanded(to: shape)
        return Tensor(shape: shape) { output in
            var position = 0
            StridedLoop.forEachRow(shape: shape, strides: x.strides, offset: x.offset, strides: y.strides,
                                   offset: y.offset) { xStart, yStart, length, xStep, yStep in
                let xs = x.storage.base + xStart
                let ys = y.storage.base + yStart
                let out = output.baseAddress! + position
                if xStep == 1 && yStep == 1 {
                    for index in 0..<length { out[index] = combine(xs[index], ys[index]) }
                } else if yStep == 0 {
                    let y0 = ys[0]
                    if xStep == 1 {
                        for index in 0..<length { out[index] = combine(xs[index], y0) }
                    } else {
                        for index in 0..<length { out[index] = combine(xs[index * xStep], y0) }
                    }
                } else if xStep == 0 && yStep == 1 {
                    let x0 = xs[0]
                    for index in 0..<length { out[index] = combine(x0, ys[index]) }
                } else {
                    for index in 0..<length { out[index] = combine(xs[index * xStep], ys[index * yStep]) }
                }
                position += length
            }
        }
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { zip(a, b, +) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { zip(a, b, -) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { zip(a, b, *) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { zip(a, b, /) }
    public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

    public static func + (a: Tensor, b: Scalar) -> Tensor { a.map { $0 + b } }
    public static func - (a: Tensor, b: Scalar) -> Tensor { a.map { $0 - b } }
    public static func * (a: Tensor, b: Scalar) -> Tensor { a.map { $0 * b } }
    public static func / (a: Tensor, b: Scalar) -> Tensor { a.map { $0 / b } }
    public static func + (a: Scalar, b: Tensor) -> Tensor { b.map { a + $0 } }
    public static func - (a: Scalar, b: Tensor) -> Tensor { b.map { a - $0 } }
    public static func * (a: Scalar, b: Tensor) -> Tensor { b.map { a * $0 } }
    public static func / (a: Scalar, b: Tensor) -> Tensor { b.map { a / $0 } }


    // MARK: Elementary functions

    public func exp() -> Tensor { mapFast(float: .exp) { Scalar.exp($0) } }
    public func log() -> Tensor { map { Scalar.log($0) } }
    public func sqrt() -> Tensor { map { $0.squareRoot() } }
    public func sin() -> Tensor { map { Scalar.sin($0) } }
    public func cos() -> Tensor { map { Scalar.cos($0) } }
    public func erf() -> Tensor { mapFast(float: .erf) { Scalar.erf($0) } }
    public func abs() -> Tensor { map { Swift.abs($0) } }
    public func squared() -> Tensor { map { $0 * $0 } }
    /// `x^p` for a constant exponent.
    public func pow(_ exponent: Scalar) -> Tensor { map { Scalar.pow($0, exponent) } }
    /// -1, 0 or 1 by the sign of each element.
    public func sign() -> Tensor { map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }

    // MARK: Activations

    public func tanh() -> Tensor { mapFast(float: .tanh) { Scalar.tanh($0) } }
    /// max(x, 0).
    public func relu() -> Tensor { map { $0 > 0 ? $0 : 0 } }
    /// 1 where x > 0, else 0: the derivative of `relu`.
    public func step() -> Tensor { map { $0 > 0 ? 1 : 0 } }
    /// σ(x) = 1 / (1 + e^{-x}), computed without overflow.
    public func sigmoid() -> Tensor { map { Tensor.sigmoid($0) } }
    /// log(1 + e^x) = max(x, 0) + log1p(e^{-|x|}).
    public func softplus() -> Tensor { map { Swift.max($0, 0) + Scalar.log(onePlus: Scalar.exp(-Swift.abs($0))) } }
    /// GELU(x) = x Φ(x) with Φ(x) = ½(1 + erf(x/√2)) (the exact form, as in PyTorch's default).
    public func gelu() -> Tensor { mapFast(float: .gelu) { $0 * Tensor.normalCDF($0) } }

    static func sigmoid(_ x: Scalar) -> Scalar {
        if x >= 0 { return 1 / (1 + Scalar.exp(-x)) }
        let e = Scalar.exp(x)
        return e / (1 + e)
    }

    /// The derivative factors of activations, fused into one pass for backward rules that are
    /// not being recorded: `g ⊙ f′(x)`.
    public static func tanhBackward(gradient: Tensor, output: Tensor) -> Tensor {
        gradient.zipFast(output, float: { vm_tanh_backward_f32($0, $1, $2, $3) }) { g, y in g * (1 - y * y) }
    }

    /// g ⊙ (Φ(x) + x φ(x)).
    public static func geluBackward(gradient: Tensor, input: Tensor) -> Tensor {
        gradient.zipFast(input, float: { vm_gelu_backward_f32($0, $1, $2, $3) }) { g, x in
            g * (normalCDF(x) + x * Scalar.exp(-x * x / 2) * Scalar(0.39894228040143267794))
        }
    }

    /// Φ(x) = ½(1 + erf(x/√2)).
    public static func normalCDF(_ x: Scalar) -> Scalar {
        (1 + Scalar.erf(x * Scalar(0.70710678118654752440))) / 2
    }
}
