import Foundation
import Simulation
import TensorCore
import Testing

/// The finite-volume scheme on viscous Burgers u_t + (u²/2)_x = (ν/π) u_xx.
@Suite("Burgers")
struct BurgersTests {
    static let modes = [(wavenumber: 1, amplitude: 1.0, phase: 0.0), (wavenumber: 2, amplitude: 0.5, phase: 0.3)]

    /// At ν = 1 (κ = 1/π) the cell averages at t = 0.1 agree with an IFRK4 pseudo-spectral
    /// reference (256 points, 1000 steps): max error 3.4e-4, 8.7e-5, 2.2e-5 on 64, 128, 256
    /// cells (second order).
    @Test func matchesSpectralReferenceAtLargeViscosity() throws {
        let nu = 1.0, time = 0.1
        let reference = SpectralBurgers(points: 256, diffusivity: nu / .pi)
        let grid = (0..<256).map { Double($0) / 256 }
        let initialPoints = grid.map { x in Self.modes.reduce(0) { $0 + $1.amplitude * sin(2 * .pi * Double($1.wavenumber) * x + $1.phase) } }
        let finalHat = reference.evolve(reference.transform(initialPoints), to: time, steps: 1000)
        var errors = [Double]()
        for cells in [64, 128, 256] {
            let solver = try FiniteVolumeSolver(pde: .burgers(nu: nu), cells: cells)
            let final = solver.solve(initial: Norms.cellAverages(of: Self.modes, cells: cells), saveTimes: [time]).last!
            errors.append(Norms.maxDifference(final, reference.cellAverages(finalHat, cells: cells)))
        }
        print("Burgers ν=1 vs spectral, max error at 64/128/256 cells: \(errors)")
        #expect(errors[1] < 1e-4, "max error on 128 cells is \(errors[1])")
        #expect(Norms.order(coarse: errors[1], fine: errors[2]) > 1.7)
    }

    /// The spectral reference itself is converged: halving its step changes nothing visible.
    @Test func spectralReferenceIsConverged() {
        let reference = SpectralBurgers(points: 256, diffusivity: 1 / Double.pi)
        let grid = (0..<256).map { Double($0) / 256 }
        let initial = reference.transform(grid.map { sin(2 * .pi * $0) + 0.5 * sin(4 * .pi * $0 + 0.3) })
        let coarse = reference.cellAverages(reference.evolve(initial, to: 0.1, steps: 500), cells: 128)
        let fine = reference.cellAverages(reference.evolve(initial, to: 0.1, steps: 1000), cells: 128)
        #expect(Norms.maxDifference(coarse, fine) < 1e-12)
    }

    /// Σ u_i Δx is constant to round-off, with and without viscosity, through shock formation.
    @Test(arguments: [0.0, 0.001, 0.01])
    func conservesMass(nu: Double) throws {
        let pde = PDE.burgers(nu: nu)
        let solver = try FiniteVolumeSolver(pde: pde, cells: 256)
        var generator = RandomGenerator(seed: 5)
        var worst = 0.0
        for _ in 0..<3 {
            let initial = InitialCondition.random(for: pde, cells: 256, using: &generator)
            let scale = initial.reduce(0) { $0 + Swift.abs($1) } / 256
            for frame in solver.solve(initial: initial, saveTimes: [0.25, 0.5, 1]) {
                worst = Swift.max(worst, Swift.abs(Norms.mass(frame) - Norms.mass(initial)) / scale)
            }
        }
        print("Burgers ν=\(nu) relative mass drift \(worst)")
        #expect(worst < 1e-12)
    }

    /// A steepening sine stays bounded by its initial range (no limiter overshoot beyond 1e-3)
    /// after the shock forms at t = 1/(2π) ≈ 0.16.
    @Test func shockStaysBounded() throws {
        let solver = try FiniteVolumeSolver(pde: .burgers(nu: 0.001), cells: 512)
        let initial = Norms.cellAverages(of: [(1, 1, 0)], cells: 512)
        let bound = initial.map(Swift.abs).max()!
        let final = solver.solve(initial: initial, saveTimes: [0.2]).last!
        let overshoot = final.map(Swift.abs).max()! - bound
        print("Burgers shock overshoot \(overshoot)")
        #expect(overshoot < 1e-3)
    }
}
