import Foundation
import Testing
import DatasetIO
import Simulation
import TestSupport

/// `surrogate simulate` end to end: the file it writes, against the exact advection solution.
@Suite("surrogate simulate")
struct SimulateCommandTests {
    @Test func advectionFileMatchesTheShiftedInitialCondition() throws {
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("1D_Advection_Sols_beta1.0.hdf5").path
        let result = try SurrogateExecutable.run(["simulate", "advection", "--beta", "1", "--samples", "5", "--nx", "256",
                                                  "--nt", "6", "--t-end", "0.5", "--seed", "3", "--chunk", "2",
                                                  "--out", path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("simulated 5/5 samples (100 %)"))
        let data = try SimulationDataset(path: path)
        #expect((data.sampleCount, data.timeCount, data.spatialShape) == (5, 6, [256]))
        #expect(data.times == [0, 0.1, 0.2, 0.3, 0.4, 0.5].map { Double(Float($0)) })
        #expect(data.parameters.map(\.name) == ["beta"] && data.attributes["pde"]?.text == "advection")
        let tensor = try data.read(samples: 0..<5)
        let x = FiniteVolumeSolver.cellCentres(cells: 256)
        for sample in 0..<5 {
            let initial = TrajectoryGenerator.initialCondition(for: .advection(beta: 1), seed: 3, index: sample)
            let exact = initial.values(at: x.map { ($0 - 0.5 + 1).truncatingRemainder(dividingBy: 1) })
            let final = tensor.sliced(axis: 0, sample..<(sample + 1)).sliced(axis: 1, 5..<6).scalars
            let error = zip(final, exact).map { Swift.abs(Double($0) - $1) }.reduce(0, +) / 256
            let scale = exact.map(Swift.abs).reduce(0, +) / 256
            #expect(error < 0.05 * Swift.max(scale, 0.1), "sample \(sample): mean |error| \(error) vs mean |u| \(scale)")
        }
    }

    @Test func wrongFlagsFailWithAClearMessageAndNoFile() throws {
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("x.hdf5").path
        let result = try SurrogateExecutable.run(["simulate", "advection", "--nu", "1", "--samples", "3", "--out", path])
        #expect(result.status != 0)
        #expect(result.errors.contains("--nu does not apply to advection"))
        #expect(!FileManager.default.fileExists(atPath: path))
        let negative = try SurrogateExecutable.run(["simulate", "burgers", "--nu=-1", "--out", path])
        #expect(negative.status != 0 && negative.errors.contains("Nu"))
    }

    @Test func dataInfoDescribesTheFile() throws {
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("b.hdf5").path
        _ = try SurrogateExecutable.run(["simulate", "burgers", "--nu", "0.1", "--samples", "3", "--nx", "64", "--nt", "5",
                                         "--out", path])
        let info = try SurrogateExecutable.run(["data", "info", path])
        #expect(info.status == 0 && info.output.contains("samples 3, frames 5, grid [64]") && info.output.contains("Nu = 0.1"))
        let missing = try SurrogateExecutable.run(["data", "info", path + ".missing"])
        #expect(missing.status != 0 && missing.errors.contains("file not found"))
    }
}
