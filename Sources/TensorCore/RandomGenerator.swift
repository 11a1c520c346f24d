import RealModule

/// A seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64), so that
/// initialisation, data and training are reproducible for a given seed.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal sample (Box–Muller).
    public mutating func nextNormal() -> Double {
        let u1 = Swift.max(nextUnit(), .leastNonzeroMagnitude)
        let u2 = nextUnit()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }

    /// A new, independent generator (for a worker, a layer, a sample).
    public mutating func split() -> RandomGenerator { RandomGenerator(seed: next()) }
}


extension Tensor {
    /// Samples from N(mean, std²).
    public static func randomNormal(_ shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1,
                                    using generator: inout RandomGenerator) -> Tensor {
        var values = [Scalar]()
        values.reserveCapacity(shape.reduce(1, *))
        for _ in 0..<shape.reduce(1, *) { values.append(mean + standardDeviation * Scalar(generator.nextNormal())) }
        return Tensor(shape: shape, scalars: values)
    }

    /// Samples from U[low, high).
    public static func randomUniform(_ shape: [Int], low: Scalar = 0, high: Scalar = 1,
                                     using generator: inout RandomGenerator) -> Tensor {
        var values = [Scalar]()
        values.reserveCapacity(shape.reduce(1, *))
        for _ in 0..<shape.reduce(1, *) { values.append(low + (high - low) * Scalar(generator.nextUnit())) }
        return Tensor(shape: shape, scalars: values)
    }
}
