import TensorCore

/// Elementwise arithmetic with broadcasting. Each backward rule sums the broadcast gradient
/// back to its input's shape with `summed(toShape:)`.
extension Variable {
    public static func + (a: Variable, b: Variable) -> Variable {
        record("add", value: a.value + b.value, inputs: [a, b]) { _, g, needed in
            [needed[0] ? g.summed(toShape: a.shape) : nil, needed[1] ? g.summed(toShape: b.shape) : nil]
        }
    }

    public static func - (a: Variable, b: Variable) -> Variable {
        record("subtract", value: a.value - b.value, inputs: [a, b]) { _, g, needed in
            [needed[0] ? g.summed(toShape: a.shape) : nil, needed[1] ? (-g).summed(toShape: b.shape) : nil]
        }
    }

    public static func * (a: Variable, b: Variable) -> Variable {
        record("multiply", value: a.value * b.value, inputs: [a, b]) { _, g, needed in
            [needed[0] ? (g * b).summed(toShape: a.shape) : nil, needed[1] ? (g * a).summed(toShape: b.shape) : nil]
        }
    }

    /// ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b².
    public static func / (a: Variable, b: Variable) -> Variable {
        record("divide", value: a.value / b.value, inputs: [a, b]) { _, g, needed in
            [needed[0] ? (g / b).summed(toShape: a.shape) : nil,
             needed[1] ? (-(g * a) / (b * b)).summed(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (a: Variable) -> Variable {
        record("negate", value: -a.value, inputs: [a]) { _, g, _ in [-g] }
    }

    public static func * (a: Variable, c: Scalar) -> Variable {
        record("scale", value: a.value * c, inputs: [a]) { _, g, _ in [g * c] }
    }

    public static func + (a: Variable, c: Scalar) -> Variable {
        record("shift", value: a.value + c, inputs: [a]) { _, g, _ in [g] }
    }

    public static func * (c: Scalar, a: Variable) -> Variable { a * c }
    public static func / (a: Variable, c: Scalar) -> Variable { a * (1 / c) }
    public static func + (c: Scalar, a: Variable) -> Variable { a + c }
    public static func - (a: Variable, c: Scalar) -> Variable { a + (-c) }
    public static func - (c: Scalar, a: Variable) -> Variable { -a + c }

    public static func + (a: Variable, b: Tensor<Scalar>) -> Variable { a + Variable(b) }
    public static func - (a: Variable, b: Tensor<Scalar>) -> Variable { a - Variable(b) }
    public static func * (a: Variable, b: Tensor<Scalar>) -> Variable { a * Variable(b) }
    public static func / (a: Variable, b: Tensor<Scalar>) -> Variable { a / Variable(b) }

    /// This variable broadcast to `shape`; the backward rule sums over the broadcast axes.
    public func expanded(to shape: [Int]) -> Variable {
        if shape == self.shape { return self }
        let original = self.shape
        return Variable.record("expand", value: value.expanded(to: shape), inputs: [self]) { _, g, _ in
            [g.summed(toShape: original)]
        }
    }

    /// Sums a broadcast tensor back to `shape` (the adjoint of `expanded(to:)`).
    public func summed(toShape shape: [Int]) -> Variable {
        if shape == self.shape { return self }
        let original = self.shape
        return Variable.record("sumToShape", value: value.summed(toShape: shape), inputs: [self]) { _, g, _ in
            [g.expanded(to: original)]
        }
    }
}
