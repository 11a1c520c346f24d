import TensorCore

/// Elementary functions and activations. Each backward rule is written with differentiable
/// operations (often reusing the output), so second derivatives come out right.
extension Variable {
    /// d eˣ = eˣ.
    public func exp() -> Variable {
        Variable.record("exp", value: value.exp(), inputs: [self]) { y, g, _ in [g * y] }
    }

    /// d log x = 1/x.
    public func log() -> Variable {
        Variable.record("log", value: value.log(), inputs: [self]) { _, g, _ in [g / self] }
    }

    /// d √x = 1/(2√x).
    public func sqrt() -> Variable {
        Variable.record("sqrt", value: value.sqrt(), inputs: [self]) { y, g, _ in [g / (y * 2)] }
    }

    public func sin() -> Variable {
        Variable.record("sin", value: value.sin(), inputs: [self]) { _, g, _ in [g * self.cos()] }
    }

    public func cos() -> Variable {
        Variable.record("cos", value: value.cos(), inputs: [self]) { _, g, _ in [-(g * self.sin())] }
    }

    /// d tanh x = 1 − tanh² x.
    public func tanh() -> Variable {
        Variable.record("tanh", value: value.tanh(), inputs: [self]) { y, g, _ in
            guard Recording.isEnabled else { return [Variable(Tensor.tanhBackward(gradient: g.value, output: y.value))] }
            return [g * (1 - y * y)]
        }
    }

    /// d erf x = (2/√π) e^{−x²}.
    public func erf() -> Variable {
        Variable.record("erf", value: value.erf(), inputs: [self]) { _, g, _ in
            [g * (-(self * self)).exp() * Scalar(1.12837916709551257390)]
        }
    }

    /// d xᵖ = p xᵖ⁻¹ (constant p).
    public func pow(_ exponent: Scalar) -> Variable {
        Variable.record("pow", value: value.pow(exponent), inputs: [self]) { _, g, _ in
            [g * self.pow(exponent - 1) * exponent]
        }
    }

    public func squared() -> Variable { self * self }

    /// |x|, with derivative sign(x) (0 at 0).
    public func abs() -> Variable {
        Variable.record("abs", value: value.abs(), inputs: [self]) { _, g, _ in [g * self.value.sign()] }
    }

    /// max(x, 0), with derivative 1 for x > 0 and 0 otherwise.
    public func relu() -> Variable {
        Variable.record("relu", value: value.relu(), inputs: [self]) { _, g, _ in [g * self.value.step()] }
    }

    /// σ(x), with derivative σ(1 − σ).
    public func sigmoid() -> Variable {
        Variable.record("sigmoid", value: value.sigmoid(), inputs: [self]) { y, g, _ in [g * y * (1 - y)] }
    }

    /// log(1 + eˣ), with derivative σ(x).
    public func softplus() -> Variable {
        Variable.record("softplus", value: value.softplus(), inputs: [self]) { _, g, _ in [g * self.sigmoid()] }
    }

    /// GELU(x) = x Φ(x), with derivative Φ(x) + x φ(x), φ(x) = e^{−x²/2}/√(2π).
    public func gelu() -> Variable {
        Variable.record("gelu", value: value.gelu(), inputs: [self]) { _, g, _ in
            guard Recording.isEnabled else { return [Variable(Tensor.geluBackward(gradient: g.value, input: self.value))] }
            let cdf = ((self * Scalar(0.70710678118654752440)).erf() + 1) * Scalar(0.5)
            let density = (self * self * Scalar(-0.5)).exp() * Scalar(0.39894228040143267794)
            return [g * (cdf + self * density)]
        }
    }
}
