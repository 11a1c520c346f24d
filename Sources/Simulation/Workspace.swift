import Foundation

/// The solver's scratch memory for one trajectory: the state and the midpoint stage, each
/// with two ghost cells on either side (index −2 … cells+1 valid), and the rate L(u).
///
/// Pointers are borrowed from `FiniteVolumeSolver.solve`, which owns and frees them.
struct Workspace {
    let state: UnsafeMutablePointer<Double>
    let stage: UnsafeMutablePointer<Double>
    let rate: UnsafeMutablePointer<Double>
    let cells: Int

    /// The number of doubles `init(memory:cells:)` uses.
    static func capacity(cells: Int) -> Int { 2 * (cells + 4) + cells }

    /// Carves the buffers out of `memory`, which must hold `capacity(cells:)` doubles.
    init(memory: UnsafeMutablePointer<Double>, cells: Int) {
        let padded = cells + 4
        state = memory + 2
        stage = memory + padded + 2
        rate = memory + 2 * padded
        self.cells = cells
    }

    /// max_i |u_i| over the interior cells of the state.
    func maximumMagnitude() -> Double {
        var result = 0.0
        for index in 0..<cells { result = Swift.max(result, Swift.abs(state[index])) }
        return result
    }

    /// Copies the periodic images into the ghost cells: u_{−k} = u_{n−k}, u_{n−1+k} = u_{k−1}.
    @inline(__always)
    func fillGhosts(_ u: UnsafeMutablePointer<Double>) {
        u[-2] = u[cells - 2]
        u[-1] = u[cells - 1]
        u[cells] = u[0]
        u[cells + 1] = u[1]
    }

    /// rate_i = −(F_{i+½} − F_{i−½})/Δx for cells 0 … n−1 of `u` (ghosts already filled).
    ///
    /// F_{−½} and F_{n−½} are computed from bit-identical periodic stencils, so Σ_i rate_i
    /// telescopes to zero up to the round-off of the sum itself.
    @inline(__always)
    func computeRate<Flux: FaceFlux>(_ flux: Flux, of u: UnsafeMutablePointer<Double>, inverseSpacing: Double) {
        let reconstruct = Flux.usesReconstruction
        @inline(__always) func slope(_ i: Int) -> Double {
            monotonizedCentralSlope(backward: u[i] - u[i - 1], forward: u[i + 1] - u[i])
        }
        var leftSlope = reconstruct ? slope(-1) : 0
        var rightSlope = reconstruct ? slope(0) : 0
        var previous = flux(left: u[-1] + 0.5 * leftSlope, right: u[0] - 0.5 * rightSlope,
                            leftCell: u[-1], rightCell: u[0])
        for i in 0..<cells {
            leftSlope = rightSlope
            rightSlope = reconstruct ? slope(i + 1) : 0
            let next = flux(left: u[i] + 0.5 * leftSlope, right: u[i + 1] - 0.5 * rightSlope,
                            leftCell: u[i], rightCell: u[i + 1])
            rate[i] = (previous - next) * inverseSpacing
            previous = next
        }
    }

    /// The two-stage midpoint step u* = u + ½Δt L(u), u ← u + Δt L(u*).
    @inline(__always)
    func midpointStep<Flux: FaceFlux>(_ flux: Flux, dt: Double, inverseSpacing: Double) {
        fillGhosts(state)
        computeRate(flux, of: state, inverseSpacing: inverseSpacing)
        let half = 0.5 * dt
        for i in 0..<cells { stage[i] = state[i] + half * rate[i] }
        fillGhosts(stage)
        computeRate(flux, of: stage, inverseSpacing: inverseSpacing)
        for i in 0..<cells { state[i] += dt * rate[i] }
    }

    /// The exact flow of u' = ρu(1 − u) over τ, cell by cell:
    /// u ← u / (u + (1 − u) e^{−ρτ}) = 1/(1 + e^{−ρτ}(1 − u)/u), with u = 0 mapped to 0.
    func react(rate rho: Double, over tau: Double) {
        guard rho != 0 else { return }
        let decay = exp(-rho * tau)
        for i in 0..<cells {
            let u = state[i]
            state[i] = u / (u + (1 - u) * decay)
        }
    }
}
