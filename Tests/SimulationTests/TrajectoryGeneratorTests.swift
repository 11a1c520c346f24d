import Foundation
import Simulation
import Synchronization
import TensorCore
import Testing

/// Batches of trajectories in PDEBench's [N, nt, nx] layout.
@Suite("Trajectory generation")
struct TrajectoryGeneratorTests {
    static let saveTimes = (0...20).map { Double($0) * 0.01 }

    @Test(arguments: [PDE.advection(beta: 1), .burgers(nu: 0.01), .reactionDiffusion(nu: 0.5, rho: 2)])
    func resultDoesNotDependOnTheWorkerCount(pde: PDE) throws {
        let serial = try TrajectoryGenerator.generate(pde: pde, samples: 6, cells: 64, saveTimes: Self.saveTimes,
                                                      seed: 2024, workers: 1)
        let parallel = try TrajectoryGenerator.generate(pde: pde, samples: 6, cells: 64, saveTimes: Self.saveTimes,
                                                        seed: 2024, workers: 3)
        let automatic = try TrajectoryGenerator.generate(pde: pde, samples: 6, cells: 64, saveTimes: Self.saveTimes,
                                                         seed: 2024)
        #expect(serial.shape == [6, 21, 64])
        #expect(serial.scalars == parallel.scalars)
        #expect(serial.scalars == automatic.scalars)
    }

    /// Frame 0 of sample b is its initial condition; later frames match a direct solve.
    @Test func samplesMatchDirectSolves() throws {
        let pde = PDE.burgers(nu: 0.1)
        let batch = try TrajectoryGenerator.generate(pde: pde, samples: 3, cells: 128, saveTimes: Self.saveTimes, seed: 99)
        let solver = try FiniteVolumeSolver(pde: pde, cells: 128)
        for sample in 0..<3 {
            let initial = TrajectoryGenerator.initialCondition(for: pde, seed: 99, index: sample).values(cells: 128)
            let frames = solver.solve(initial: initial, saveTimes: Self.saveTimes)
            for frame in [0, 10, 20] {
                let stored = batch.sliced(axis: 0, sample..<(sample + 1)).sliced(axis: 1, frame..<(frame + 1)).scalars
                #expect(stored == frames[frame].map { Float($0) })
            }
        }
    }

    @Test func progressCountsEverySample() throws {
        let calls = Mutex<[Int]>([])
        _ = try TrajectoryGenerator.generate(pde: .advection(beta: 0.4), samples: 9, cells: 32, saveTimes: [0, 0.1],
                                             seed: 1, workers: 2) { count in calls.withLock { $0.append(count) } }
        #expect(calls.withLock { $0 } == Array(1...9))
    }

    @Test func rejectsInvalidRequests() {
        #expect(throws: SimulationError.invalidSampleCount(0)) {
            try TrajectoryGenerator.generate(pde: .advection(beta: 1), samples: 0, cells: 32, saveTimes: [0], seed: 1)
        }
        #expect(throws: SimulationError.self) {
            try TrajectoryGenerator.generate(pde: .advection(beta: 1), samples: 1, cells: 32, saveTimes: [0.2, 0.1], seed: 1)
        }
        #expect(throws: SimulationError.self) {
            try TrajectoryGenerator.generate(pde: .advection(beta: 1), samples: 1, cells: 32, saveTimes: [], seed: 1)
        }
    }
}
