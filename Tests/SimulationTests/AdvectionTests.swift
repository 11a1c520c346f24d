import Foundation
import Simulation
import TensorCore
import Testing

/// The finite-volume scheme on linear advection, against the exact shifted solution.
@Suite("Advection")
struct AdvectionTests {
    /// u₀ = sin(2πx), β = 1, t = 0.5 (the exact solution is u₀(x − 0.5)); errors of the cell
    /// averages at 64, 128, 256 and 512 cells fall at second order in L1 (measured 1.92, 1.98,
    /// 1.99), about 1.7 in L2 and about 1.3 in L∞ (the limiter clips the extrema).
    @Test func convergesAtSecondOrderOnSmoothData() throws {
        let mode = [(wavenumber: 1, amplitude: 1.0, phase: 0.0)]
        var l1 = [Double](), l2 = [Double](), lInfinity = [Double]()
        for cells in [64, 128, 256, 512] {
            let solver = try FiniteVolumeSolver(pde: .advection(beta: 1), cells: cells)
            let initial = Norms.cellAverages(of: mode, cells: cells)
            let final = solver.solve(initial: initial, saveTimes: [0.5]).last!
            let exact = Norms.cellAverages(of: mode, cells: cells, shift: 0.5)
            l1.append(Norms.l1Difference(final, exact))
            l2.append(Norms.l2Difference(final, exact))
            lInfinity.append(Norms.maxDifference(final, exact))
        }
        let orders = (1..<4).map { (Norms.order(coarse: l1[$0 - 1], fine: l1[$0]),
                                    Norms.order(coarse: l2[$0 - 1], fine: l2[$0]),
                                    Norms.order(coarse: lInfinity[$0 - 1], fine: lInfinity[$0])) }
        print("advection errors L1 \(l1) L2 \(l2) Linf \(lInfinity)")
        print("advection orders (L1, L2, Linf) per refinement: \(orders)")
        #expect(orders[2].0 > 1.9, "L1 order 256→512 is \(orders[2].0)")
        // The MC limiter flattens extrema, so L2 falls a little slower and L∞ at about 1.3.
        #expect(orders[2].1 > 1.6, "L2 order 256→512 is \(orders[2].1)")
        #expect(l1[3] < 1e-4, "L1 error at 512 cells is \(l1[3])")
    }

    /// Mirroring space and flipping β (or u, for Burgers) mirrors the solution bit for bit:
    /// the limiter and the fluxes treat left and right alike.
    @Test(arguments: [PDE.advection(beta: 1), .burgers(nu: 0.01)])
    func mirrorSymmetry(pde: PDE) throws {
        let (mirroredPDE, valueSign): (PDE, Double) = switch pde {
        case let .advection(beta): (.advection(beta: -beta), 1)
        default: (pde, -1)
        }
        var generator = RandomGenerator(seed: 21)
        let initial = InitialCondition.random(for: pde, cells: 128, using: &generator)
        let mirrored = initial.reversed().map { valueSign * $0 }
        let forward = try FiniteVolumeSolver(pde: pde, cells: 128).solve(initial: initial, saveTimes: [0.3]).last!
        let backward = try FiniteVolumeSolver(pde: mirroredPDE, cells: 128).solve(initial: mirrored, saveTimes: [0.3]).last!
        #expect(backward == forward.reversed().map { valueSign * $0 })
    }

    /// Σ u_i Δx is constant to round-off for random PDEBench-style data.
    @Test func conservesMass() throws {
        let solver = try FiniteVolumeSolver(pde: .advection(beta: 4), cells: 256)
        var generator = RandomGenerator(seed: 11)
        var worst = 0.0
        for _ in 0..<4 {
            let initial = InitialCondition.random(for: .advection(beta: 4), cells: 256, using: &generator)
            let scale = initial.reduce(0) { $0 + Swift.abs($1) } / 256
            let frames = solver.solve(initial: initial, saveTimes: [0, 0.5, 1, 2])
            for frame in frames {
                worst = Swift.max(worst, Swift.abs(Norms.mass(frame) - Norms.mass(initial)) / scale)
            }
        }
        print("advection relative mass drift \(worst)")
        #expect(worst < 1e-12)
    }

    /// Save times are hit exactly: frame 0 is the initial condition, and a repeated save time
    /// repeats the frame.
    @Test func framesFollowTheSaveTimes() throws {
        let solver = try FiniteVolumeSolver(pde: .advection(beta: 0.7), cells: 64)
        let initial = Norms.cellAverages(of: [(1, 1, 0)], cells: 64)
        let frames = solver.solve(initial: initial, saveTimes: [0, 0.013, 0.013, 0.3])
        #expect(frames.count == 4)
        #expect(frames[0] == initial)
        #expect(frames[1] == frames[2])
    }

    @Test func rejectsInvalidSetups() {
        #expect(throws: SimulationError.invalidGrid(cells: 2, reason: "the MUSCL stencil needs at least 4 cells")) {
            try FiniteVolumeSolver(pde: .advection(beta: 1), cells: 2)
        }
        #expect(throws: SimulationError.self) { try FiniteVolumeSolver(pde: .burgers(nu: -1), cells: 16) }
        #expect(throws: SimulationError.self) { try FiniteVolumeSolver(pde: .advection(beta: .nan), cells: 16) }
    }
}
