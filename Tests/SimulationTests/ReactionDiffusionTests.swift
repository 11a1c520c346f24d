import Foundation
import Simulation
import TensorCore
import Testing

/// Reaction–diffusion u_t = ν u_xx + ρ u(1 − u): the reaction and diffusion parts separately.
@Suite("Reaction–diffusion")
struct ReactionDiffusionTests {
    /// With ν = 0 each cell follows the logistic flow u(t) = 1/(1 + e^{−ρt}(1 − u₀)/u₀)
    /// exactly; zeros stay zero.
    @Test(arguments: [1.0, 10.0])
    func reactionAloneIsTheExactLogistic(rho: Double) throws {
        let pde = PDE.reactionDiffusion(nu: 0, rho: rho)
        let solver = try FiniteVolumeSolver(pde: pde, cells: 64)
        var generator = RandomGenerator(seed: 3)
        let initial = InitialCondition.random(for: pde, cells: 64, using: &generator)
        #expect(initial.contains(0))
        let times = (0...10).map { Double($0) / 10 }
        let frames = solver.solve(initial: initial, saveTimes: times)
        var worst = 0.0
        for (time, frame) in zip(times, frames) {
            let exact = initial.map { u0 in u0 == 0 ? 0 : 1 / (1 + exp(-rho * time) * (1 - u0) / u0) }
            worst = Swift.max(worst, Norms.maxDifference(frame, exact))
        }
        print("logistic ρ=\(rho) max error \(worst)")
        #expect(worst < 1e-13)
    }

    /// With ρ = 0 a sine decays as e^{−ν(2π)²t}, with second-order spatial error.
    @Test func diffusionAloneDecaysTheSine() throws {
        let nu = 0.01, time = 0.5
        var errors = [Double]()
        for cells in [32, 64, 128] {
            let solver = try FiniteVolumeSolver(pde: .reactionDiffusion(nu: nu, rho: 0), cells: cells)
            let initial = Norms.cellAverages(of: [(1, 1, 0)], cells: cells)
            let final = solver.solve(initial: initial, saveTimes: [time]).last!
            let decay = exp(-nu * 4 * .pi * .pi * time)
            errors.append(Norms.maxDifference(final, initial.map { $0 * decay }))
        }
        print("heat equation max errors at 32/64/128 cells: \(errors)")
        #expect(Norms.order(coarse: errors[1], fine: errors[2]) > 1.8)
    }

    /// The full equation keeps a [0, 1] state inside [0, 1] and drives it towards 1.
    @Test func staysInTheUnitInterval() throws {
        let pde = PDE.reactionDiffusion(nu: 0.5, rho: 5)
        let solver = try FiniteVolumeSolver(pde: pde, cells: 64)
        var generator = RandomGenerator(seed: 8)
        let initial = InitialCondition.random(for: pde, cells: 64, using: &generator)
        let frames = solver.solve(initial: initial, saveTimes: [0.1, 0.5, 1])
        for frame in frames {
            #expect(frame.allSatisfy { $0 >= -1e-12 && $0 <= 1 + 1e-12 })
        }
        #expect(Norms.mass(frames[2]) > Norms.mass(initial))
    }
}
