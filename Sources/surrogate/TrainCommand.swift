import ArgumentParser
import Foundation
import TensorCore
import Training

/// `surrogate train --config FILE.json [--resume]`: trains an autoregressive neural operator
/// from PDEBench files, printing one line per epoch and checkpointing after each.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a (CAPE-)conditioned neural operator on PDEBench HDF5 files described by a JSON configuration.",
        discussion: """
        The configuration (see README, "Training neural operators"): data.files (each file's PDE
        parameters come from its attributes), data.timeStride/spaceStride, model.architecture,
        model.conditioning none|channels|cape, model.width/modes/layers/capeWidth, training.epochs/
        batchSize/learningRate/weightDecay/stepSize/gamma/warmupEpochs/feeding (curriculum|
        teacher-forcing|autoregressive)/inputNoise/auxiliaryWeight/gradientClipNorm/gradientPenalty/seed, and output (the model
        folder). Relative paths are relative to the configuration file. After every epoch
        model.json, weights.safetensors and training-state.safetensors are written atomically.
        """)

    @Option(help: "The JSON training configuration.") var config: String
    @Flag(help: "Continue the run whose training state is in the output folder.") var resume = false

    func run() throws {
        let configuration = try TrainingConfiguration.load(path: config)
        let stateFile = URL(fileURLWithPath: configuration.output).appendingPathComponent("training-state.safetensors").path
        if !resume, FileManager.default.fileExists(atPath: stateFile) {
            throw CommandFailure("\(configuration.output) already holds a training run; pass --resume to continue it "
                + "or choose another output")
        }
        print(BLASInfo.summary)
        let corpus = try TrajectoryCorpus(configuration.data, requireParameters: configuration.model.conditioning != .none)
        let trainer = try OperatorRegistry.trainer(configuration: configuration, corpus: corpus)
        if resume { try trainer.resume() }
        let m = configuration.model, t = configuration.training
        print("data: \(configuration.data.files.count) files, \(corpus.training.count) training and \(corpus.validation.count) "
            + "validation trajectories of \(corpus.frames) frames × \(corpus.points) points; parameters "
            + (corpus.parameterNames.isEmpty ? "none" : corpus.parameterNames.joined(separator: ", ")))
        print("model: \(m.architecture) conditioning \(m.conditioning.rawValue), width \(m.width), \(m.modes) modes, \(m.layers) layers"
            + (m.conditioning == .cape ? ", CAPE d = \(m.capeWidth)" : "") + ", \(trainer.parameterCount) parameters")
        print("training: \(t.epochs) epochs (\(configuration.warmupEpochs) warm-up), batch \(t.batchSize), lr \(t.learningRate) "
            + "× \(t.gamma) every \(t.stepSize), feeding \(t.feeding.rawValue), "
            + (t.gradientClipNorm.map { "gradient norm clipped at \($0), " } ?? "")
            + (t.gradientPenalty.map { "λ-gradient penalty \($0.weight) × (‖∂F/∂λ‖ − \($0.targetNorm))², " } ?? "") + "seed \(t.seed)")
        if resume { print("resuming after epoch \(trainer.completedEpochs())") }
        let progress = ProgressReporter(total: t.epochs, startingAt: trainer.completedEpochs())
        try trainer.train { record in
            progress.report(record.epoch, String(format: "%@  loss %.4e  val nRMSE %.4g  RMSE %.4g  lr %.2e", record.phase,
                                                 record.loss, record.validationNRMSE, record.validationRMSE ?? .nan,
                                                 record.learningRate))
        }
        print("saved \(configuration.output) (model.json, weights.safetensors, training-state.safetensors)")
    }
}
