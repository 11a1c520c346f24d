import Foundation
import Simulation
import TensorCore
import Testing

/// PDEBench-style random initial conditions.
@Suite("Initial conditions")
struct InitialConditionTests {
    @Test func sameSeedGivesTheSameCondition() {
        var first = RandomGenerator(seed: 42), second = RandomGenerator(seed: 42), other = RandomGenerator(seed: 43)
        for _ in 0..<20 {
            let a = InitialCondition.random(using: &first)
            #expect(a == InitialCondition.random(using: &second))
            #expect(a.values(cells: 128) == a.values(cells: 128))
            #expect(a != InitialCondition.random(using: &other))
        }
    }

    /// Draw frequencies over 4000 conditions: modes uniform on 1…4, |·| and window about 10 %,
    /// signs about half, window edges in range (bounds are ≥ 4 standard deviations).
    @Test func drawsFollowTheScheme() {
        var generator = RandomGenerator(seed: 1)
        let conditions = (0..<4000).map { _ in InitialCondition.random(using: &generator) }
        let fraction = { (predicate: (InitialCondition) -> Bool) in
            Double(conditions.filter(predicate).count) / Double(conditions.count)
        }
        #expect(Swift.abs(fraction { $0.takesAbsoluteValue } - 0.1) < 0.02)
        #expect(Swift.abs(fraction { $0.window != nil } - 0.1) < 0.02)
        #expect(Swift.abs(fraction { $0.sign < 0 } - 0.5) < 0.04)
        let wavenumbers = conditions.flatMap { $0.modes.map(\.wavenumber) }
        for n in 1...4 {
            let share = Double(wavenumbers.filter { $0 == n }.count) / Double(wavenumbers.count)
            #expect(Swift.abs(share - 0.25) < 0.02)
        }
        #expect(conditions.allSatisfy { $0.modes.count == 2 })
        #expect(conditions.allSatisfy { $0.modes.allSatisfy { (0..<1).contains($0.amplitude) && (0..<(2 * .pi)).contains($0.phase) } })
        let windows = conditions.compactMap(\.window)
        #expect(windows.allSatisfy { (0.1...0.45).contains($0.lowerBound) && (0.55...0.9).contains($0.upperBound) })
    }

    @Test func valuesFollowTheFormula() {
        let condition = InitialCondition(modes: [.init(wavenumber: 1, amplitude: 0.5, phase: 0),
                                                 .init(wavenumber: 3, amplitude: 0.25, phase: 1)],
                                         takesAbsoluteValue: true, sign: -1, window: 0.3...0.7)
        for x in [0.05, 0.2, 0.5, 0.69, 0.95] {
            let raw = -Swift.abs(0.5 * sin(2 * .pi * x) + 0.25 * sin(6 * .pi * x + 1))
            let window = 0.5 * (tanh((x - 0.3) / 0.01) - tanh((x - 0.7) / 0.01))
            #expect(Swift.abs(condition.unnormalizedValue(at: x) - raw * window) < 1e-15)
        }
        #expect(Swift.abs(condition.unnormalizedValue(at: 0.1)) < 1e-8)
        #expect(condition.values(cells: 64).allSatisfy { $0 <= 0 })
    }

    @Test func reactionDiffusionConditionsSpanTheUnitInterval() {
        var generator = RandomGenerator(seed: 9)
        for _ in 0..<50 {
            let values = InitialCondition.random(for: .reactionDiffusion(nu: 1, rho: 1), cells: 100, using: &generator)
            #expect(values.min() == 0 && values.max() == 1)
        }
    }

    /// The sample conditions of a batch are fixed by (seed, index), at every resolution.
    @Test func batchConditionsDependOnSeedAndIndexOnly() {
        let a = TrajectoryGenerator.initialCondition(for: .burgers(nu: 0.1), seed: 7, index: 3)
        #expect(a == TrajectoryGenerator.initialCondition(for: .burgers(nu: 0.1), seed: 7, index: 3))
        #expect(a != TrajectoryGenerator.initialCondition(for: .burgers(nu: 0.1), seed: 7, index: 4))
        #expect(a != TrajectoryGenerator.initialCondition(for: .burgers(nu: 0.1), seed: 8, index: 3))
    }

    /// With mean offsets the modes, coins and window are those drawn without them, plus the
    /// constant Σ A_n sin φ_n over the wavenumbers not drawn; the spatial mean is then that
    /// constant (for conditions without |·| and window), nonzero in general.
    @Test func meanOffsetsAddTheReferenceConstantAndKeepTheOtherDraws() {
        var nonzeroMeans = 0
        for index in 0..<40 {
            let plain = TrajectoryGenerator.initialCondition(for: .burgers(nu: 1), seed: 5, index: index)
            let offset = TrajectoryGenerator.initialCondition(for: .burgers(nu: 1), seed: 5, index: index, meanOffsets: true)
            #expect(plain.offset == 0 && plain.modes == offset.modes && plain.sign == offset.sign && plain.window == offset.window)
            var generator = TrajectoryGenerator.sampleGenerator(seed: 5, index: index)
            for _ in 0..<11 { _ = generator.nextUnit() }
            var expected = 0.0
            for wavenumber in 1...4 {
                let (amplitude, phase) = (generator.nextUnit(), 2 * Double.pi * generator.nextUnit())
                if !plain.modes.contains(where: { $0.wavenumber == wavenumber }) { expected += amplitude * sin(phase) }
            }
            #expect(Swift.abs(offset.offset - expected) < 1e-15)
            if !offset.takesAbsoluteValue, offset.window == nil {
                let values = offset.values(cells: 256)
                let mean = values.reduce(0, +) / 256
                #expect(Swift.abs(mean - offset.sign * expected) < 1e-9)
                if Swift.abs(mean) > 1e-3 { nonzeroMeans += 1 }
            }
        }
        #expect(nonzeroMeans >= 20, "\(nonzeroMeans) of 40 conditions with a nonzero mean")
    }
}
