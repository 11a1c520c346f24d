import Foundation
import Simulation
import Testing

/// The GPME exact solutions: closed-form mass against quadrature, and the PDE itself.
@Suite("GPME exact solutions")
struct GeneralizedPorousMediumTests {
    static let problems: [GeneralizedPorousMediumSolution.Problem] = [
        .diffusion(k: 1), .diffusion(k: 5),
        .porousMedium(m: 1), .porousMedium(m: 3), .porousMedium(m: 6),
        .stefan(threshold: 0.5), .stefan(threshold: 0.6), .stefan(threshold: 0.7),
    ]

    /// Composite Simpson's rule with `intervals` (even) intervals.
    static func simpson(_ f: (Double) -> Double, over range: ClosedRange<Double>, intervals: Int = 200_000) -> Double {
        let h = (range.upperBound - range.lowerBound) / Double(intervals)
        var sum = f(range.lowerBound) + f(range.upperBound)
        for i in 1..<intervals { sum += (i % 2 == 1 ? 4 : 2) * f(range.lowerBound + Double(i) * h) }
        return sum * h / 3
    }

    /// U(t) equals ∫ u dx by Simpson's rule, split at the front where u is not smooth.
    @Test(arguments: problems)
    func massMatchesQuadrature(problem: GeneralizedPorousMediumSolution.Problem) throws {
        let solution = try GeneralizedPorousMediumSolution(problem)
        let span = solution.timeSpan
        var worst = 0.0
        for fraction in [0.1, 0.5, 1.0] {
            let t = span.lowerBound + fraction * (span.upperBound - span.lowerBound)
            let domain = solution.domain
            let front = Swift.min(solution.front(at: t) ?? domain.upperBound, domain.upperBound)
            let inner = Self.simpson({ solution.value(x: $0, t: t) }, over: domain.lowerBound...front)
            let outer = front < domain.upperBound
                ? Self.simpson({ solution.value(x: $0, t: t) }, over: front.nextUp...domain.upperBound, intervals: 1000) : 0
            let quadrature = inner + outer
            let exact = solution.mass(at: t)
            let error = Swift.abs(quadrature - exact) / Swift.max(Swift.abs(exact), 1)
            worst = Swift.max(worst, error)
            #expect(error < 1e-6, "\(problem) t=\(t): quadrature \(quadrature), closed form \(exact)")
        }
        print("GPME \(problem): worst relative mass error \(worst)")
        #expect(solution.mass(at: 0) == 0)
    }

    /// u_t = ∂_x(k(u) ∂_x u) by central differences at points behind the front.
    @Test(arguments: problems)
    func satisfiesThePDE(problem: GeneralizedPorousMediumSolution.Problem) throws {
        let solution = try GeneralizedPorousMediumSolution(problem)
        let t = 0.6 * solution.timeSpan.upperBound
        let end = solution.front(at: t) ?? solution.domain.upperBound
        let h = 1e-4
        for fraction in [0.2, 0.5, 0.8] {
            let x = solution.domain.lowerBound + fraction * (end - solution.domain.lowerBound)
            let u = { (x: Double) in solution.value(x: x, t: t) }
            let timeDerivative = (solution.value(x: x, t: t + h) - solution.value(x: x, t: t - h)) / (2 * h)
            let rightFlux = solution.conductivity(0.5 * (u(x) + u(x + h))) * (u(x + h) - u(x)) / h
            let leftFlux = solution.conductivity(0.5 * (u(x) + u(x - h))) * (u(x) - u(x - h)) / h
            let divergence = (rightFlux - leftFlux) / h
            #expect(Swift.abs(timeDerivative - divergence) < 1e-4 * Swift.max(1, Swift.abs(divergence)),
                    "\(problem) at x=\(x): u_t \(timeDerivative) vs div \(divergence)")
        }
    }

    /// z₁ solves p* erf(z₁) z₁ e^{z₁²} = (1 − p*)/√π and u = p* just behind the front.
    @Test(arguments: [0.5, 0.55, 0.6, 0.7])
    func stefanFrontConditions(threshold: Double) throws {
        let front = StefanFront(threshold: threshold)
        let z = front.similarityRoot
        #expect(Swift.abs(threshold * erf(z) * z * exp(z * z) - (1 - threshold) / Double.pi.squareRoot()) < 1e-15)
        let solution = try GeneralizedPorousMediumSolution(.stefan(threshold: threshold))
        let position = front.front(at: 0.05)
        #expect(Swift.abs(solution.value(x: position, t: 0.05) - threshold) < 1e-14)
        #expect(solution.value(x: position + 1e-9, t: 0.05) == 0)
        #expect(solution.value(x: 0, t: 0.05) == 1)
    }

    @Test func porousMediumClosedForm() throws {
        let solution = try GeneralizedPorousMediumSolution(.porousMedium(m: 3))
        #expect(Swift.abs(solution.value(x: 0.2, t: 0.5) - pow(3 * 0.3, 1.0 / 3)) < 1e-15)
        #expect(solution.value(x: 0.6, t: 0.5) == 0)
        #expect(Swift.abs(solution.mass(at: 1) - pow(3, 4.0 / 3) / 4) < 1e-15)
    }

    @Test func rejectsInvalidParameters() {
        #expect(throws: SimulationError.self) { try GeneralizedPorousMediumSolution(.diffusion(k: 0)) }
        #expect(throws: SimulationError.self) { try GeneralizedPorousMediumSolution(.porousMedium(m: -1)) }
        #expect(throws: SimulationError.self) { try GeneralizedPorousMediumSolution(.stefan(threshold: 1)) }
    }
}
