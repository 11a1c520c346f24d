/// Vectorisable single-precision exp and tanh for whole buffers (libm's scalar calls cost
/// 10-20 ns each and dominate the activation layers otherwise). Accuracy: a few ulp.
enum FastMath {
    /// eˣ = 2ⁿ · p(r), n = round(x / ln 2), r = x − n ln 2 (Cody–Waite split), p the degree-7
    /// Taylor polynomial on |r| ≤ ln2/2. Inputs below −87.3 give e^{−87.3}; above ln(Float.max), +∞.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = Swift.min(Swift.max(x, -87.3), 88.3)
        // Adding 1.5·2²³ rounds to an integer held in the low mantissa bits (no conversions,
        // so the loop vectorises).
        let shifted = clamped * 1.442695041 + 12_582_912
        let n = shifted - 12_582_912
        let r = (clamped - n * 0.693145752) - n * 1.42860677e-6
        var p: Float = 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
        return x > 88.72 ? .infinity : p * scale
    }

    /// tanh x: the odd Taylor series to x¹⁵ for |x| < 0.55, else sign(x)(1 − 2/(e^{2|x|} + 1)).
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let a = Swift.min(Swift.abs(x), 9)
        let s = a * a
        var p: Float = -0.001_455_834_4   // −929569/638512875 (x¹⁵)
        p = p * s + 0.003_592_128_0       // 21844/6081075
        p = p * s - 0.008_863_235_5       // −1382/155925
        p = p * s + 0.021_869_488         // 62/2835
        p = p * s - 0.053_968_254         // −17/315
        p = p * s + 0.133_333_33          // 2/15
        p = p * s - 0.333_333_33          // −1/3
        let small = a + a * s * p
        let large = 1 - 2 / (exp(2 * a) + 1)
        let magnitude = a < 0.55 ? small : large
        return x < 0 ? -magnitude : magnitude
    }

    /// erf x: the Maclaurin series 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n!(2n+1)) to x²¹ for |x| < 1, else
    /// Abramowitz & Stegun 7.1.26, 1 − (a₁t + … + a₅t⁵) e^{−x²} with t = 1/(1 + 0.3275911|x|)
    /// (absolute error ≤ 1.5·10⁻⁷).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let a = Swift.min(Swift.abs(x), 6)
        let s = a * a
        var p: Float = 1.0 / 76_204_800          // n = 10: 1/(10!·21)
        p = p * s - 1.0 / 6_894_720              // n = 9
        p = p * s + 1.0 / 685_440                // n = 8
        p = p * s - 1.0 / 75_600                 // n = 7
        p = p * s + 1.0 / 9_360                  // n = 6
        p = p * s - 1.0 / 1_320                  // n = 5
        p = p * s + 1.0 / 216                    // n = 4
        p = p * s - 1.0 / 42                     // n = 3
        p = p * s + 1.0 / 10                     // n = 2
        p = p * s - 1.0 / 3                      // n = 1
        let series = 1.128379167 * (a + a * s * p)
        let t = 1 / (1 + 0.3275911 * a)
        var q: Float = 1.061405429
        q = q * t - 1.453152027
        q = q * t + 1.421413741
        q = q * t - 0.284496736
        q = q * t + 0.254829592
        let tail = 1 - q * t * exp(-s)
        let magnitude = a < 1 ? series : tail
        return x < 0 ? -magnitude : magnitude
    }

    /// GELU(x) = x Φ(x), Φ(x) = ½(1 + erf(x/√2)).
    @inline(__always)
    static func gelu(_ x: Float) -> Float { x * (1 + erf(x * 0.707106781)) * 0.5 }

    /// GELU′(x) = Φ(x) + x φ(x), φ(x) = e^{−x²/2}/√(2π).
    @inline(__always)
    static func geluDerivative(_ x: Float) -> Float {
        (1 + erf(x * 0.707106781)) * 0.5 + x * exp(-0.5 * x * x) * 0.398942280
    }

    enum Kernel { case exp, tanh, erf, gelu }

    static func apply(_ kernel: Kernel, _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>) {
        let (source, target, count) = (input.baseAddress!, output.baseAddress!, input.count)
        switch kernel {
        case .exp: for index in 0..<count { target[index] = exp(source[index]) }
        case .tanh: for index in 0..<count { target[index] = tanh(source[index]) }
        case .erf: for index in 0..<count { target[index] = erf(source[index]) }
        case .gelu: for index in 0..<count { target[index] = gelu(source[index]) }
        }
    }

    /// g ⊙ GELU′(x) over equal-length buffers.
    static func geluBackward(_ gradient: UnsafePointer<Float>, _ input: UnsafePointer<Float>,
                             _ output: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { output[index] = gradient[index] * geluDerivative(input[index]) }
    }
}

extension Tensor {
    /// `map`, with a vectorisable kernel for `Float` when one exists.
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
}
