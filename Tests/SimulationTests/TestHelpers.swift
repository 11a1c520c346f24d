import Foundation

/// Small numeric helpers local to these tests (the scratch package that runs them outside the
/// main build cannot import TestSupport).
enum Norms {
    /// max_i |a_i − b_i|.
    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "comparing \(a.count) with \(b.count) values")
        return zip(a, b).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1)) }
    }

    /// Σ_i |a_i − b_i| Δx with Δx = 1/count (discrete L1 on the unit interval).
    static func l1Difference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "comparing \(a.count) with \(b.count) values")
        return zip(a, b).reduce(0) { $0 + Swift.abs($1.0 - $1.1) } / Double(a.count)
    }

    /// (Σ_i (a_i − b_i)² Δx)^{1/2} with Δx = 1/count.
    static func l2Difference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "comparing \(a.count) with \(b.count) values")
        return (zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(a.count)).squareRoot()
    }

    /// Σ_i u_i Δx with Δx = 1/count.
    static func mass(_ u: [Double]) -> Double { u.reduce(0, +) / Double(u.count) }

    /// log₂(coarse/fine): the observed order of a refinement by two.
    static func order(coarse: Double, fine: Double) -> Double { log2(coarse / fine) }

    /// The exact cell averages of a sum of sinusoids Σ A sin(2πnx + φ) on `cells` cells:
    /// each mode is multiplied by sin(πnΔx)/(πnΔx).
    static func cellAverages(of modes: [(wavenumber: Int, amplitude: Double, phase: Double)], cells: Int,
                             shift: Double = 0) -> [Double] {
        let dx = 1 / Double(cells)
        return (0..<cells).map { i in
            let x = (Double(i) + 0.5) * dx - shift
            return modes.reduce(0) { sum, mode in
                let angle = Double.pi * Double(mode.wavenumber) * dx
                return sum + mode.amplitude * sin(angle) / angle
                    * sin(2 * .pi * Double(mode.wavenumber) * x + mode.phase)
            }
        }
    }
}
