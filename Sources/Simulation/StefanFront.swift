import Foundation

/// The similarity constants of the one-phase Stefan problem of the GPME family (k(u) = 1 for
/// u ≥ p*, 0 below), with u(0, t) = 1 and u(x, 0) = 0:
///
///     u = 1 − c₁ erf(x / (2√t)) for x ≤ x*(t) = α√t, and 0 beyond,
///
/// where z₁ > 0 solves p* erf(z₁) z₁ e^{z₁²} = (1 − p*)/√π, α = 2z₁ and c₁ = (1 − p*)/erf(z₁),
/// so that u = p* just behind the front.
public struct StefanFront: Sendable, Hashable {
    public let threshold: Double
    /// z₁, the root of p* erf(z) z e^{z²} − (1 − p*)/√π.
    public let similarityRoot: Double

    /// Solves for z₁ by bisection to machine precision; `threshold` p* must lie in (0, 1).
    public init(threshold: Double) {
        precondition(threshold > 0 && threshold < 1, "Stefan threshold p* = \(threshold) is not in (0, 1)")
        self.threshold = threshold
        let target = (1 - threshold) / Double.pi.squareRoot()
        func residual(_ z: Double) -> Double { threshold * erf(z) * z * exp(z * z) - target }
        var low = 0.0, high = 1.0
        while residual(high) < 0 { low = high; high *= 2 }
        while true {
            let middle = 0.5 * (low + high)
            guard middle > low && middle < high else { break }
            if residual(middle) < 0 { low = middle } else { high = middle }
        }
        similarityRoot = 0.5 * (low + high)
    }

    /// α = 2z₁, the front x*(t) = α√t.
    public var frontSpeedCoefficient: Double { 2 * similarityRoot }

    /// c₁ = (1 − p*)/erf(z₁).
    public var amplitude: Double { (1 - threshold) / erf(similarityRoot) }

    /// x*(t) = α√t.
    public func front(at t: Double) -> Double { frontSpeedCoefficient * Swift.max(t, 0).squareRoot() }
}
