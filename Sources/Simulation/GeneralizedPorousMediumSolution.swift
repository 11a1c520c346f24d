import Foundation

/// Exact solutions of the generalised porous medium equation u_t = ∂_x(k(u) ∂_x u) used as
/// benchmarks by ProbConserv, with their conserved mass U(t) = ∫ u(x, t) dx over the domain.
///
/// | problem | k(u) | domain, times | u(x, t) | U(t) |
/// |---|---|---|---|---|
/// | diffusion(k) | k | [0, 2π] periodic, [0, 1] | e^{−kt} sin x | 0 |
/// | porousMedium(m) | u^m | [0, 1], [0, 1] | (m·(t − x)₊)^{1/m} | m^{1+1/m} t^{1+1/m}/(m + 1) |
/// | stefan(p*) | 1 if u ≥ p*, else 0 | [0, 1], [0, 0.1] | 1 − c₁ erf(x/(2√t)) for x ≤ α√t, else 0 | 2c₁√(t/π) |
///
/// The porous-medium front sits at x = t and the Stefan front at x = α√t (`StefanFront`).
/// The masses follow from the boundary flux: for PME −k u_x = u at x = 0 integrates to the
/// above; for Stefan the influx c₁/√(πt) integrates to 2c₁√(t/π), which equals ∫₀^{α√t} u dx
/// exactly because of the front condition that defines z₁.
public struct GeneralizedPorousMediumSolution: Sendable, Hashable {
    /// Which member of the family, with its parameter.
    public enum Problem: Sendable, Hashable {
        case diffusion(k: Double)
        case porousMedium(m: Double)
        case stefan(threshold: Double)
    }

    public let problem: Problem
    private let stefanFront: StefanFront?

    /// Throws unless k > 0, m > 0, or p* ∈ (0, 1), each finite.
    public init(_ problem: Problem) throws(SimulationError) {
        switch problem {
        case let .diffusion(k):
            guard k.isFinite && k > 0 else { throw .invalidParameter(name: "k", value: k, reason: "must be positive") }
            stefanFront = nil
        case let .porousMedium(m):
            guard m.isFinite && m > 0 else { throw .invalidParameter(name: "m", value: m, reason: "must be positive") }
            stefanFront = nil
        case let .stefan(threshold):
            guard threshold > 0 && threshold < 1 else {
                throw .invalidParameter(name: "p*", value: threshold, reason: "must lie in (0, 1)")
            }
            stefanFront = StefanFront(threshold: threshold)
        }
        self.problem = problem
    }

    /// The spatial domain: [0, 2π] (diffusion) or [0, 1].
    public var domain: ClosedRange<Double> {
        if case .diffusion = problem { return 0...(2 * .pi) }
        return 0...1
    }

    /// The time interval of the benchmark: [0, 1], or [0, 0.1] for Stefan.
    public var timeSpan: ClosedRange<Double> {
        if case .stefan = problem { return 0...0.1 }
        return 0...1
    }

    /// The conductivity k(u).
    public func conductivity(_ u: Double) -> Double {
        switch problem {
        case let .diffusion(k): k
        case let .porousMedium(m): pow(u, m)
        case let .stefan(threshold): u >= threshold ? 1 : 0
        }
    }

    /// The position of the sharp front at t (nil for diffusion, which has none).
    public func front(at t: Double) -> Double? {
        switch problem {
        case .diffusion: nil
        case .porousMedium: t
        case .stefan: stefanFront!.front(at: t)
        }
    }

    /// u(x, t). At t = 0 Stefan gives the initial state: 1 at x = 0, 0 elsewhere.
    public func value(x: Double, t: Double) -> Double {
        switch problem {
        case let .diffusion(k):
            return exp(-k * t) * sin(x)
        case let .porousMedium(m):
            let base = m * (t - x)
            return base > 0 ? pow(base, 1 / m) : 0
        case .stefan:
            let front = stefanFront!
            guard t > 0 else { return x <= 0 ? 1 : 0 }
            guard x <= front.front(at: t) else { return 0 }
            return 1 - front.amplitude * erf(x / (2 * t.squareRoot()))
        }
    }

    /// u at each of `points` at time t.
    public func values(at points: [Double], t: Double) -> [Double] {
        points.map { value(x: $0, t: t) }
    }

    /// U(t) = ∫_domain u(x, t) dx in closed form, for t in `timeSpan` (where the porous-medium
    /// and Stefan fronts are still inside the domain).
    public func mass(at t: Double) -> Double {
        switch problem {
        case .diffusion:
            return 0
        case let .porousMedium(m):
            guard t > 0 else { return 0 }
            return pow(m, 1 + 1 / m) * pow(t, 1 + 1 / m) / (m + 1)
        case .stefan:
            guard t > 0 else { return 0 }
            return 2 * stefanFront!.amplitude * (t / .pi).squareRoot()
        }
    }
}
