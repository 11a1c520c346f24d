/// A periodic, cell-centred finite-volume solver for the 1-D PDEs of `PDE` on x ∈ (0, 1),
/// following PDEBench's generator scheme.
///
/// Cells are [iΔx, (i+1)Δx] with centres x_i = (i+½)Δx, Δx = 1/cells. Each step:
/// - **Reconstruction:** MUSCL with the MC limiter (`monotonizedCentralSlope`), face states
///   u_i ± s_i/2, two periodic ghost cells on each side.
/// - **Flux:** upwind for advection, Murman–Roe-speed Rusanov plus central viscous flux for
///   Burgers, central diffusion for reaction–diffusion (see `AdvectionFlux`, `BurgersFlux`,
///   `DiffusionFlux`).
/// - **Time:** two-stage midpoint, u* = uⁿ + ½Δt L(uⁿ), uⁿ⁺¹ = uⁿ + Δt L(u*), with
///   L(u)_i = −(F_{i+½} − F_{i−½})/Δx.
/// - **Reaction** (reaction–diffusion only): Strang splitting around the diffusion step with
///   the exact logistic flow u ← u / (u + (1 − u) e^{−ρτ}) over τ = Δt/2 on each side, i.e.
///   u ← 1/(1 + e^{−ρτ}(1 − u)/u) with u = 0 a fixed point.
/// - **Step size:** Δt = C·min(Δx/max|speed|, ½Δx²/κ) with C = `PDE.courantNumber`, speed β
///   (advection) or max_i |u_i| (Burgers, re-evaluated every step), κ = `PDE.diffusivity`;
///   Δt is clipped so that every save time is hit exactly. A PDE with neither transport nor
///   diffusion (reaction only) steps straight from one save time to the next.
///
/// The scheme is conservative: Σ_i u_i Δx changes only by round-off for advection and
/// Burgers. Work per step is O(cells) with no allocation.
public struct FiniteVolumeSolver: Sendable {
    public let pde: PDE
    public let cells: Int

    /// Δx = 1/cells.
    public var spacing: Double { 1 / Double(cells) }

    /// A solver for `pde` on `cells` cells (at least 4).
    public init(pde: PDE, cells: Int) throws(SimulationError) {
        try pde.validate()
        guard cells >= 4 else { throw .invalidGrid(cells: cells, reason: "the MUSCL stencil needs at least 4 cells") }
        self.pde = pde
        self.cells = cells
    }

    /// The cell centres x_i = (i + ½)/cells on (0, 1).
    public static func cellCentres(cells: Int) -> [Double] {
        (0..<cells).map { (Double($0) + 0.5) / Double(cells) }
    }

    /// The solution at each of `saveTimes` (non-decreasing, ≥ 0), starting from the cell
    /// values `initial` at t = 0. A save time of 0 returns `initial` itself.
    public func solve(initial: [Double], saveTimes: [Double]) -> [[Double]] {
        var frames = [[Double]]()
        frames.reserveCapacity(saveTimes.count)
        solve(initial: initial, saveTimes: saveTimes) { _, frame in frames.append(Array(frame)) }
        return frames
    }

    /// Runs from `initial` at t = 0 and hands the solution at each save time to `onFrame`
    /// (with the save-time index) without copying it. Returns the number of time steps taken.
    @discardableResult
    public func solve(initial: [Double], saveTimes: [Double],
                      onFrame: (Int, UnsafeBufferPointer<Double>) -> Void) -> Int {
        precondition(initial.count == cells, "initial condition has \(initial.count) values for \(cells) cells")
        precondition((try? SimulationError.validate(saveTimes: saveTimes)) != nil,
                     "save times must be finite, non-negative and non-decreasing: \(saveTimes)")
        let capacity = Workspace.capacity(cells: cells)
        let memory = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        defer { memory.deallocate() }
        memory.initialize(repeating: 0, count: capacity)
        let workspace = Workspace(memory: memory, cells: cells)
        initial.withUnsafeBufferPointer { workspace.state.update(from: $0.baseAddress!, count: cells) }

        var time = 0.0
        var steps = 0
        for (index, target) in saveTimes.enumerated() {
            while time < target {
                let remaining = target - time
                let step = stableTimeStep(workspace)
                if step >= remaining {
                    advance(workspace, by: remaining)
                    time = target
                } else {
                    advance(workspace, by: step)
                    time += step
                }
                steps += 1
            }
            onFrame(index, UnsafeBufferPointer(start: workspace.state, count: cells))
        }
        return steps
    }

    /// Δt = C·min(Δx/max|speed|, ½Δx²/κ); +∞ when there is neither transport nor diffusion.
    func stableTimeStep(_ workspace: Workspace) -> Double {
        let dx = spacing
        let speed: Double
        switch pde {
        case let .advection(beta): speed = Swift.abs(beta)
        case .burgers: speed = workspace.maximumMagnitude()
        case .reactionDiffusion: speed = 0
        }
        let kappa = pde.diffusivity
        var limit = Double.infinity
        if speed > 0 { limit = dx / speed }
        if kappa > 0 { limit = Swift.min(limit, 0.5 * dx * dx / kappa) }
        return pde.courantNumber * limit
    }

    /// One step of length `dt` in place.
    func advance(_ workspace: Workspace, by dt: Double) {
        let inverseSpacing = Double(cells)
        switch pde {
        case let .advection(beta):
            workspace.midpointStep(AdvectionFlux(beta: beta), dt: dt, inverseSpacing: inverseSpacing)
        case let .burgers(nu):
            let flux = BurgersFlux(viscousCoefficient: nu / .pi * inverseSpacing)
            workspace.midpointStep(flux, dt: dt, inverseSpacing: inverseSpacing)
        case let .reactionDiffusion(nu, rho):
            workspace.react(rate: rho, over: 0.5 * dt)
            if nu > 0 {
                workspace.midpointStep(DiffusionFlux(coefficient: nu * inverseSpacing), dt: dt,
                                       inverseSpacing: inverseSpacing)
            }
            workspace.react(rate: rho, over: 0.5 * dt)
        }
    }
}
