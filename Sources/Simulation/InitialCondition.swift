import Foundation
import TensorCore

/// A PDEBench-style random initial condition on the periodic unit interval:
///
///     u₀(x) = s · W(x) · |Σ_j A_j sin(2π n_j x + φ_j)|   (the |·| only when `takesAbsoluteValue`),
///
/// with two modes n_j ∈ {1, 2, 3, 4}, A_j ~ U[0, 1), φ_j ~ U[0, 2π); |·| with probability
/// 0.1; a global sign s = ±1 with probability ½ each; with probability 0.1 the smooth box
/// W(x) = ½[tanh((x − x_L)/0.01) − tanh((x − x_R)/0.01)], x_L ~ U[0.1, 0.45],
/// x_R ~ U[0.55, 0.9] (otherwise W = 1). Reaction–diffusion states are then min-max
/// normalised to [0, 1] over the sampled points.
///
/// Differences from PDEBench's generator, on purpose:
/// - the wavenumber is 2πn (exactly periodic on (0, 1)), not 2πn/(x_last − x_first);
/// - by default modes that were not drawn contribute nothing; with `meanOffsets` they add the
///   reference's constant Σ A_n sin φ_n (n ∈ {1…4} not drawn, A_n, φ_n drawn after all other
///   draws), which gives most states a nonzero mean — what keeps Burgers at large ν from
///   decaying to zero; a mode drawn twice gives two sinusoids of the same wavenumber (the
///   reference doubles its wavenumber);
/// - every random draw is independent (the reference reuses one key for several draws).
///
/// The condition is a value: it can be evaluated at any resolution, and `random` consumes a
/// fixed number of draws, so one seed gives the same condition on every grid.
public struct InitialCondition: Sendable, Hashable {
    /// One term A sin(2π n x + φ).
    public struct Mode: Sendable, Hashable {
        /// n, the number of periods on (0, 1).
        public var wavenumber: Int
        /// A.
        public var amplitude: Double
        /// φ in radians.
        public var phase: Double

        public init(wavenumber: Int, amplitude: Double, phase: Double) {
            self.wavenumber = wavenumber
            self.amplitude = amplitude
            self.phase = phase
        }
    }

    /// The sinusoids that are summed.
    public var modes: [Mode]
    /// Whether the sum is replaced by its absolute value.
    public var takesAbsoluteValue: Bool
    /// The global sign s, +1 or −1.
    public var sign: Double
    /// The box window [x_L, x_R], or nil for none.
    public var window: ClosedRange<Double>?
    /// Whether values are min-max normalised to [0, 1] (reaction–diffusion).
    public var normalizesToUnitInterval: Bool
    /// A constant added to the sum of sinusoids (before |·|, sign and window).
    public var offset: Double

    /// The width parameter 0.01 of the window's tanh edges.
    public static let windowEdgeWidth = 0.01

    public init(modes: [Mode], takesAbsoluteValue: Bool = false, sign: Double = 1,
                window: ClosedRange<Double>? = nil, normalizesToUnitInterval: Bool = false, offset: Double = 0) {
        self.modes = modes
        self.offset = offset
        self.takesAbsoluteValue = takesAbsoluteValue
        self.sign = sign
        self.window = window
        self.normalizesToUnitInterval = normalizesToUnitInterval
    }

    /// u₀(x) before the min-max normalisation.
    public func unnormalizedValue(at x: Double) -> Double {
        var value = offset
        for mode in modes {
            value += mode.amplitude * sin(2 * .pi * Double(mode.wavenumber) * x + mode.phase)
        }
        if takesAbsoluteValue { value = Swift.abs(value) }
        value *= sign
        if let window {
            let width = Self.windowEdgeWidth
            value *= 0.5 * (tanh((x - window.lowerBound) / width) - tanh((x - window.upperBound) / width))
        }
        return value
    }

    /// u₀ at `points`, min-max normalised over those points when `normalizesToUnitInterval`
    /// (a constant field normalises to zeros).
    public func values(at points: [Double]) -> [Double] {
        var values = points.map(unnormalizedValue(at:))
        if normalizesToUnitInterval, let low = values.min(), let high = values.max() {
            let range = high - low
            values = values.map { range > 0 ? ($0 - low) / range : 0 }
        }
        return values
    }

    /// u₀ at the cell centres (i + ½)/cells (PDEBench samples point values there).
    public func values(cells: Int) -> [Double] {
        values(at: FiniteVolumeSolver.cellCentres(cells: cells))
    }

    /// A random condition. Draws, in order: (n, A, φ) for each of the two modes, the |·| coin,
    /// the sign coin, the window coin, x_L and x_R (always drawn, used only with a window), and
    /// with `meanOffsets` then (A_n, φ_n) for n = 1…4, so the other draws do not depend on it.
    public static func random(normalizedToUnitInterval: Bool = false, meanOffsets: Bool = false,
                              using generator: inout RandomGenerator) -> InitialCondition {
        var modes = [Mode]()
        for _ in 0..<2 {
            let wavenumber = 1 + Swift.min(Int(generator.nextUnit() * 4), 3)
            let amplitude = generator.nextUnit()
            let phase = 2 * .pi * generator.nextUnit()
            modes.append(Mode(wavenumber: wavenumber, amplitude: amplitude, phase: phase))
        }
        let takesAbsoluteValue = generator.nextUnit() < 0.1
        let sign: Double = generator.nextUnit() < 0.5 ? -1 : 1
        let hasWindow = generator.nextUnit() < 0.1
        let left = 0.1 + 0.35 * generator.nextUnit()
        let right = 0.55 + 0.35 * generator.nextUnit()
        var offset = 0.0
        if meanOffsets {
            for wavenumber in 1...4 {
                let (amplitude, phase) = (generator.nextUnit(), 2 * .pi * generator.nextUnit())
                if !modes.contains(where: { $0.wavenumber == wavenumber }) { offset += amplitude * sin(phase) }
            }
        }
        return InitialCondition(modes: modes, takesAbsoluteValue: takesAbsoluteValue, sign: sign,
                                window: hasWindow ? left...right : nil,
                                normalizesToUnitInterval: normalizedToUnitInterval, offset: offset)
    }

    /// A random condition for `pde` (normalised to [0, 1] for reaction–diffusion).
    public static func random(for pde: PDE, meanOffsets: Bool = false, using generator: inout RandomGenerator) -> InitialCondition {
        random(normalizedToUnitInterval: pde.isReactionDiffusion, meanOffsets: meanOffsets, using: &generator)
    }

    /// The values of a random condition for `pde` at `cells` cell centres.
    public static func random(for pde: PDE, cells: Int, meanOffsets: Bool = false, using generator: inout RandomGenerator) -> [Double] {
        random(for: pde, meanOffsets: meanOffsets, using: &generator).values(cells: cells)
    }
}
