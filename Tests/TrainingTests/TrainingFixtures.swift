import DatasetIO
import NeuralOperators
import Foundation
import Simulation
import TensorCore
import TestSupport
import Training

/// Small PDEBench files and configurations for the training tests.
enum TrainingFixtures {
    /// An advection file of `samples` trajectories, `frames` frames on t ∈ [0, 0.5], `cells` cells.
    static func advectionFile(beta: Double, samples: Int = 12, cells: Int = 32, frames: Int = 6,
                              in folder: URL, name: String? = nil, parameterName: String = "beta") throws -> String {
        let times = (0..<frames).map { 0.5 * Double($0) / Double(frames - 1) }
        let path = folder.appendingPathComponent(name ?? "advection_\(beta).h5").path
        let metadata = SimulationMetadata(pde: "advection", convention: "u_t + beta u_x = 0", parameters: [(parameterName, beta)],
                                          times: times)
        let writer = try PDEBenchWriter(path: path, samples: samples, cells: cells, metadata: metadata)
        try writer.write(try TrajectoryGenerator.generate(pde: .advection(beta: beta), samples: samples, cells: cells,
                                                          saveTimes: times, seed: 7), at: 0)
        try writer.finish()
        return path
    }

    /// A configuration of a tiny CAPE-FNO over `files`, writing into `output`.
    static func configuration(files: [String], output: URL, epochs: Int = 3, conditioning: String = "cape") throws
        -> TrainingConfiguration {
        var configuration = TrainingConfiguration(data: .init(files: files, validationFraction: 0.25), output: output.path)
        configuration.model.conditioning = .init(rawValue: conditioning)!
        (configuration.model.width, configuration.model.modes, configuration.model.capeWidth, configuration.model.capeModes) =
            (6, 4, 8, 4)
        (configuration.training.epochs, configuration.training.warmupEpochs, configuration.training.batchSize) = (epochs, 1, 4)
        try configuration.validate()
        return configuration
    }

    static func folder() throws -> URL { try PythonPeer.temporaryDirectory() }
}
