import DatasetIO
import Foundation
import Simulation
import TensorCore
import Testing
import Training

/// Bad configurations and data fail before training, with one line naming the problem.
@Suite("Training input checks")
struct TrainingInputTests {
    static func load(_ json: String, in folder: URL) throws -> TrainingConfiguration {
        let path = folder.appendingPathComponent("config.json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return try TrainingConfiguration.load(path: path)
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    @Test func defaultsFillAbsentKeysAndPathsResolveAgainstTheConfigurationFolder() throws {
        let folder = try TrainingFixtures.folder()
        _ = try TrainingFixtures.advectionFile(beta: 1, in: folder)
        let configuration = try Self.load(#"{"data": {"files": ["advection_1.0.h5"]}, "output": "out"}"#, in: folder)
        #expect(configuration.data.files == [folder.appendingPathComponent("advection_1.0.h5").path])
        #expect(configuration.output == folder.appendingPathComponent("out").path)
        #expect(configuration.model.conditioning == .cape && configuration.training.feeding == .curriculum)
        #expect(configuration.training.epochs == 30 && configuration.warmupEpochs == 3)
    }

    @Test func badConfigurationsAreNamed() throws {
        let folder = try TrainingFixtures.folder()
        _ = try TrainingFixtures.advectionFile(beta: 1, in: folder)
        let cases: [(String, String)] = [
            (#"{"data": {"files": ["nowhere.h5"]}}"#, "data file \(folder.appendingPathComponent("nowhere.h5").path) does not exist"),
            (#"{"data": {"files": ["advection_1.0.h5"]}, "model": {"architecture": "transformer"}}"#,
             "unknown model.architecture 'transformer' (known: fno1d, unet1d)"),
            (#"{"data": {"files": ["advection_1.0.h5"]}, "training": {"epoch": 3}}"#, "unknown key 'training.epoch'"),
            (#"{"data": {"files": ["advection_1.0.h5"]}, "training": {"feeding": "sometimes"}}"#, "training.feeding: "),
            (#"{"data": {"files": ["advection_1.0.h5"]}, "training": {"epochs": "many"}}"#, "training.epochs: expected Int"),
            (#"{"model": {}}"#, "missing key 'data'"),
            (#"{"data": {"files": []}}"#, "data.files is empty"),
            (#"{"data": {"files": ["advection_1.0.h5"]}, "model": {"conditioning": "none"}, "training": {"gradientPenalty": {}}}"#,
             "training.gradientPenalty needs a conditioned model"),
            (#"{"data": {"files": ["advection_1.0.h5"]}, "training": {"gradientPenalty": {"weight": -1}}}"#,
             "training.gradientPenalty.weight and targetNorm must be finite and ≥ 0"),
            (#"{"data": {"files": ["advection_1.0.h5"]}, "training": {"gradientPenalty": {"wieght": 1}}}"#,
             "unknown key 'training.gradientPenalty.wieght'"),
            (#"{"data": "#, "config.json: "),
        ]
        for (json, expected) in cases {
            let message = Self.message { _ = try Self.load(json, in: folder) }
            #expect(message.contains(expected), "\(json) → \(message)")
            #expect(!message.contains("\n"), "one line: \(message)")
        }
        let missing = Self.message { _ = try TrainingConfiguration.load(path: folder.appendingPathComponent("absent.json").path) }
        #expect(missing.hasSuffix("absent.json: configuration file not found"))
    }

    @Test func mismatchedGridsMissingParametersAndNaNAreRejected() throws {
        let folder = try TrainingFixtures.folder()
        let coarse = try TrainingFixtures.advectionFile(beta: 1, cells: 32, in: folder)
        let fine = try TrainingFixtures.advectionFile(beta: 2, cells: 64, in: folder)
        let grids = Self.message { _ = try TrajectoryCorpus(.init(files: [coarse, fine]), requireParameters: true) }
        #expect(grids.contains("advection_2.0.h5: trajectories are [6, 1, 64] [T, c, X] after striding but"))

        // A file without parameter attributes, and one with a NaN.
        let times = [0, 0.1, 0.2]
        func write(_ name: String, parameters: [(name: String, value: Double)], values: Tensor<Float>) throws -> String {
            let path = folder.appendingPathComponent(name).path
            let writer = try PDEBenchWriter(path: path, samples: 2, cells: 8,
                                            metadata: SimulationMetadata(pde: "test", convention: "-", parameters: parameters, times: times))
            try writer.write(values, at: 0)
            try writer.finish()
            return path
        }
        let field = Tensor<Float>.ones([2, 3, 8])
        let bare = try write("bare.h5", parameters: [], values: field)
        let unconditioned = Self.message { _ = try TrajectoryCorpus(.init(files: [bare]), requireParameters: true) }
        #expect(unconditioned.contains("bare.h5: has no PDE parameter attributes"))
        #expect(try TrajectoryCorpus(.init(files: [bare], validationFraction: 0), requireParameters: false).training.count == 2)

        var scalars = field.scalars
        scalars[1 * 24 + 2 * 8 + 5] = .nan
        let broken = try write("nan.h5", parameters: [("beta", 1)], values: Tensor(shape: [2, 3, 8], scalars: scalars))
        let nan = Self.message { _ = try TrajectoryCorpus(.init(files: [broken]), requireParameters: true) }
        #expect(nan.contains("nan.h5: value nan at sample 1 is not finite"))
    }
}
