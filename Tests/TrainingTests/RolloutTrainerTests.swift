import Foundation
import ModelStore
import NeuralOperators
import TensorCore
import Testing
import Training

/// The training loop: determinism, resumption, divergence handling and the files it leaves.
@Suite("RolloutTrainer")
struct RolloutTrainerTests {
    static func files(in folder: URL) throws -> [String] {
        [try TrainingFixtures.advectionFile(beta: 0.5, in: folder), try TrainingFixtures.advectionFile(beta: 2, in: folder)]
    }

    @Test func sameSeedGivesTheSameModelAndResumingEqualsAnUninterruptedRun() throws {
        let folder = try TrainingFixtures.folder()
        let files = try Self.files(in: folder)
        func trainer(_ name: String) throws -> RolloutTrainer<FNO1d<Float>> {
            let configuration = try TrainingFixtures.configuration(files: files, output: folder.appendingPathComponent(name))
            return try RolloutTrainer<FNO1d<Float>>(configuration: configuration,
                                  corpus: try TrajectoryCorpus(configuration.data, requireParameters: true))
        }
        let straight = try trainer("straight")
        var reports = [EpochRecord]()
        try straight.train { reports.append($0) }
        #expect(reports.map(\.epoch) == [1, 2, 3] && reports[0].phase == "warm-up" && reports[1].phase.hasPrefix("T_AR "))
        #expect(reports.allSatisfy { $0.loss.isFinite && $0.validationNRMSE.isFinite })

        let again = try trainer("again")
        try again.train()
        #expect(again.parameters.tensors.mapValues(\.scalars) == straight.parameters.tensors.mapValues(\.scalars))

        // Interrupted after the warm-up and after epoch 2, each time continued by a fresh trainer.
        // The outputs differ in name only, so the configurations are made equal by sharing one folder.
        let staged = try trainer("staged")
        try staged.train(stopAfter: 1)
        for stop in [2, 3] {
            let resumed = try trainer("staged")
            try resumed.resume()
            #expect(resumed.completedEpochs == stop - 1)
            try resumed.train(stopAfter: stop)
            if stop == 3 {
                #expect(resumed.parameters.tensors.mapValues(\.scalars) == straight.parameters.tensors.mapValues(\.scalars))
                #expect(resumed.history.map(\.loss) == straight.history.map(\.loss))
            }
        }
        // The model in the folder is the final one and loads.
        let saved = try ModelCheckpoint.load(ConditionedFNO1d<Float>.self, from: folder.appendingPathComponent("staged"))
        #expect(saved.parameters.tensors.mapValues(\.scalars) == straight.parameters.tensors.mapValues(\.scalars))
        #expect(saved.metadata["parameter_names"] == "beta" && saved.metadata["trained_parameters"] == "0.5;2.0")
    }

    @Test func aNonFiniteLossStopsWithEpochAndBatchAndKeepsTheLastCheckpoint() throws {
        let folder = try TrainingFixtures.folder()
        let output = folder.appendingPathComponent("run")
        let configuration = try TrainingFixtures.configuration(files: try Self.files(in: folder), output: output)
        let good = try TrajectoryCorpus(configuration.data, requireParameters: true)
        try RolloutTrainer<FNO1d<Float>>(configuration: configuration, corpus: good).train(stopAfter: 1)
        let model = try Data(contentsOf: output.appendingPathComponent("weights.safetensors"))
        let state = try Data(contentsOf: output.appendingPathComponent("training-state.safetensors"))

        // Finite data whose squares overflow Float: the relative error is inf/inf.
        let poisoned = TrajectoryCorpus(training: .init(fields: good.training.fields * 1e30, parameters: good.training.parameters),
                                        validation: good.validation, parameterNames: good.parameterNames)
        let trainer = try RolloutTrainer<FNO1d<Float>>(configuration: configuration, corpus: poisoned)
        try trainer.resume()
        #expect(throws: TrainingError.nonFiniteLoss(epoch: 2, batch: 1, lastCheckpointEpoch: 1)) { try trainer.train() }
        #expect(try Data(contentsOf: output.appendingPathComponent("weights.safetensors")) == model)
        #expect(try Data(contentsOf: output.appendingPathComponent("training-state.safetensors")) == state)
        #expect("\(TrainingError.nonFiniteLoss(epoch: 2, batch: 1, lastCheckpointEpoch: 1))"
            == "training diverged: the loss is not finite in epoch 2, batch 1; the checkpoint of epoch 1 is intact")
    }

    @Test func resumingWithAnotherConfigurationOrWithoutStateFails() throws {
        let folder = try TrainingFixtures.folder()
        let output = folder.appendingPathComponent("run")
        var configuration = try TrainingFixtures.configuration(files: try Self.files(in: folder), output: output)
        let corpus = try TrajectoryCorpus(configuration.data, requireParameters: true)
        #expect(throws: TrainingError.self) { try RolloutTrainer<FNO1d<Float>>(configuration: configuration, corpus: corpus).resume() }
        try RolloutTrainer<FNO1d<Float>>(configuration: configuration, corpus: corpus).train(stopAfter: 1)
        configuration.training.learningRate *= 2
        let changed = try RolloutTrainer<FNO1d<Float>>(configuration: configuration, corpus: corpus)
        #expect(throws: TrainingError.resumeMismatch(path: output.appendingPathComponent("training-state.safetensors").path,
                                                     reason: "it was written for a different configuration")) {
            try changed.resume()
        }
    }

    @Test func trainingLowersTheRolloutErrorOfEveryVariant() throws {
        let folder = try TrainingFixtures.folder()
        let files = [try TrainingFixtures.advectionFile(beta: 1, samples: 24, in: folder)]
        for conditioning in ["none", "channels", "cape"] {
            var configuration = try TrainingFixtures.configuration(files: files, output: folder.appendingPathComponent(conditioning),
                                                                   epochs: 16, conditioning: conditioning)
            (configuration.model.width, configuration.model.modes, configuration.training.learningRate) = (8, 8, 1e-2)
            let trainer = try RolloutTrainer<FNO1d<Float>>(configuration: configuration,
                                         corpus: try TrajectoryCorpus(configuration.data, requireParameters: true))
            let initial = trainer.validationError()
            try trainer.train()
            let final = trainer.history.last!.validationNRMSE
            #expect(final < 0.8 * initial, "\(conditioning): validation nRMSE \(initial) → \(final)")
        }
    }

    @Test func aUNetBaseTrainsAndAGridItCannotTakeIsRefused() throws {
        let folder = try TrainingFixtures.folder()
        var configuration = try TrainingFixtures.configuration(files: try Self.files(in: folder),
                                                               output: folder.appendingPathComponent("unet"), epochs: 2)
        (configuration.model.architecture, configuration.model.width, configuration.model.layers) = ("unet1d", 4, 2)
        let corpus = try TrajectoryCorpus(configuration.data, requireParameters: true)
        let trainer = try RolloutTrainer<UNet1d<Float>>(configuration: configuration, corpus: corpus)
        try trainer.train()
        #expect(trainer.history.count == 2 && trainer.history.allSatisfy { $0.validationNRMSE.isFinite })
        let evaluation = try RolloutEvaluation(modelDirectory: configuration.output)
        #expect(evaluation.model.unsupportedLength(18) == "18 points is not a multiple of CAPE's pooling factor 4")

        configuration.model.layers = 6   // 32 points is not a multiple of 2⁶
        #expect(throws: TrainingError.incompatibleModel(reason: "a U-Net of 6 levels needs a multiple of 64 points, the data have 32")) {
            _ = try RolloutTrainer<UNet1d<Float>>(configuration: configuration, corpus: corpus)
        }
    }
}
