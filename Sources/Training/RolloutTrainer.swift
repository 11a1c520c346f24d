import Autodiff
import Foundation
import ModelStore
import NeuralNetworks
import NeuralOperators
import Optimizers
import TensorCore

/// Trains an autoregressive `ConditionedOperator1d` (FNO or any `TrainableOperator1d` base) on a `TrajectoryCorpus` with CAPE's recipe
/// (METHODS.md §1.3): warm-up epochs that train the CAPE module alone on its auxiliary loss with
/// its own Adam, then joint training on the rollout loss with the chosen feeding (curriculum,
/// pure teacher forcing or pure autoregressive), Adam with weight decay and StepLR.
///
/// After every epoch the model (`model.json` + `weights.safetensors`) and the training state
/// are written atomically into the output folder; `resume()` continues from the state, and the
/// result equals an uninterrupted run with the same seed. Shuffling and input noise of epoch e
/// come from a generator seeded by (seed, e), so they do not depend on where a run resumed.
public final class RolloutTrainer<Base: TrainableOperator1d> where Base.Scalar == Float {
    public let configuration: TrainingConfiguration
    public let corpus: TrajectoryCorpus
    public let model: ConditionedOperator1d<Base>
    public private(set) var parameters: ParameterSet<Float>
    public private(set) var history: [EpochRecord] = []
    private var optimizer: Adam<Float>
    private var warmupOptimizer: Adam<Float>
    private var outputURL: URL { URL(fileURLWithPath: configuration.output) }
    private var stateURL: URL { outputURL.appendingPathComponent(TrainingState.fileName) }

    /// Fails when the data's grid cannot pass through the configured model.
    public init(configuration: TrainingConfiguration, corpus: TrajectoryCorpus) throws {
        if let reason = Base.unsupportedLength(corpus.points, configuration: Base.configuration(from: configuration.model)) {
            throw TrainingError.incompatibleModel(reason: reason)
        }
        if configuration.model.conditioning == .cape, corpus.points % 4 != 0 {
            throw TrainingError.incompatibleModel(reason: "CAPE pools by 4 and needs a multiple of 4 points, the data have \(corpus.points)")
        }
        self.configuration = configuration
        self.corpus = corpus
        let m = configuration.model
        let cape = CAPE1d<Float>.Configuration(fields: corpus.channels, parameters: corpus.parameterNames.count,
                                               width: m.capeWidth, modes: m.capeModes)
        model = ConditionedOperator1d(configuration: .init(fields: corpus.channels, parameters: corpus.parameterNames.count,
                                                           conditioning: m.conditioning, base: Base.configuration(from: m),
                                                           cape: m.conditioning == .cape ? cape : nil))
        var generator = RandomGenerator(seed: configuration.training.seed)
        parameters = model.initialParameters(using: &generator)
        optimizer = Adam(learningRate: Float(configuration.training.learningRate),
                         weightDecay: Float(configuration.training.weightDecay))
        warmupOptimizer = Adam(learningRate: Float(configuration.training.learningRate))
    }

    public var completedEpochs: Int { history.count }

    /// Loads the state written by an earlier run of the same configuration.
    public func resume() throws {
        let state = try TrainingState.read(from: stateURL)
        guard state.configuration == configuration else {
            throw TrainingError.resumeMismatch(path: stateURL.path, reason: "it was written for a different configuration")
        }
        guard state.parameters.tensors.mapValues(\.shape) == parameters.tensors.mapValues(\.shape) else {
            throw TrainingError.resumeMismatch(path: stateURL.path, reason: "its parameters do not fit the model")
        }
        parameters = state.parameters
        optimizer.restore(step: state.adamStep, moments: state.adamMoments)
        warmupOptimizer.restore(step: state.warmupStep, moments: state.warmupMoments)
        history = state.history
    }

    /// Runs the remaining epochs (or stops once `stopAfter` epochs are complete), calling
    /// `report` after each one.
    public func train(stopAfter: Int? = nil, report: (EpochRecord) -> Void = { _ in }) throws {
        let training = configuration.training
        while completedEpochs < min(training.epochs, stopAfter ?? .max) {
            let epoch = completedEpochs
            let start = Date()
            var generator = RandomGenerator(seed: training.seed &+ UInt64(epoch + 1) &* 0x9E37_79B9_7F4A_7C15)
            let warmup = epoch < configuration.warmupEpochs
            let learningRate = warmup ? training.learningRate
                : StepSchedule(initial: training.learningRate, stepSize: training.stepSize, gamma: training.gamma)
                    .learningRate(at: epoch - configuration.warmupEpochs)
            let (loss, phase) = try runEpoch(epoch, warmup: warmup, learningRate: Float(learningRate), generator: &generator)
            let validation = validationMetrics()
            history.append(EpochRecord(epoch: epoch + 1, phase: phase, loss: loss, validationNRMSE: validation?.nRMSE ?? .nan,
                                       validationRMSE: validation?.rmse, learningRate: learningRate,
                                       seconds: Date().timeIntervalSince(start)))
            try save()
            report(history.last!)
        }
    }

    /// One pass over the shuffled training trajectories; the mean loss and the phase's name.
    private func runEpoch(_ epoch: Int, warmup: Bool, learningRate: Float,
                          generator: inout RandomGenerator) throws -> (Double, String) {
        let training = configuration.training
        let steps = corpus.frames - 1
        let feeding: RolloutFeeding
        switch training.feeding {
        case .curriculum: feeding = .curriculum(CurriculumSchedule(epochs: training.epochs, warmupEpochs: configuration.warmupEpochs,
                                                                   steps: steps), epoch: epoch)
        case .teacherForcing: feeding = .teacherForcing
        case .autoregressive: feeding = .autoregressive
        }
        let objective = RolloutLoss(model: model, auxiliaryWeight: Float(training.auxiliaryWeight),
                                    inputNoise: Float(training.inputNoise))
        let penalty = training.gradientPenalty.map {
            ParameterGradientPenalty(weight: Float($0.weight), targetNorm: Float($0.targetNorm), trainingParameters: corpus.training.parameters)
        }
        var order = Array(0..<corpus.training.count)
        order.shuffle(using: &generator)
        var total = 0.0
        let batches = stride(from: 0, to: order.count, by: training.batchSize).map { Array(order[$0..<min($0 + training.batchSize, order.count)]) }
        for (index, batch) in batches.enumerated() {
            let fields = corpus.training.fields.gathered(axis: 0, indices: batch)
            let lambda = corpus.training.parameters.gathered(axis: 0, indices: batch)
            let loss: Variable<Float>
            let bound: Parameters<Float>
            if warmup {
                bound = trackingOnly(prefix: "cape.")
                loss = warmupLoss(fields, lambda, parameters: bound, generator: &generator)
            } else {
                bound = parameters.tracked()
                let (rollout, auxiliary) = objective(trajectories: fields, pdeParameters: lambda, feeding: feeding,
                                                     parameters: bound, generator: &generator)
                loss = penalty.map { rollout + auxiliary + $0(model: model, state: fields.sliced(axis: 1, 0..<1).squeezed(axis: 1),
                                                             parameters: bound, generator: &generator) } ?? rollout + auxiliary
            }
            let value = Double(loss.value.scalar)
            guard value.isFinite else {
                throw TrainingError.nonFiniteLoss(epoch: epoch + 1, batch: index + 1, lastCheckpointEpoch: epoch)
            }
            total += warmup ? value : value / Double(steps)
            var gradients = ParameterSet.gradients(of: loss, wrt: bound)
            if let norm = training.gradientClipNorm { clipGradientNorm(&gradients, maxNorm: Float(norm)) }
            if warmup {
                warmupOptimizer.learningRate = learningRate
                warmupOptimizer.update(&parameters, along: gradients)
            } else {
                optimizer.learningRate = learningRate
                optimizer.update(&parameters, along: gradients)
            }
        }
        let phase: String
        switch feeding {
        case _ where warmup: phase = "warm-up"
        case let .curriculum(schedule, epoch): phase = "T_AR \(schedule.autoregressiveSteps(atEpoch: epoch))/\(steps)"
        case .teacherForcing: phase = "teacher forcing"
        case .autoregressive: phase = "autoregressive"
        }
        return (total / Double(batches.count), phase)
    }

    /// The parameters bound for one pass, tracking only those whose name starts with `prefix`.
    private func trackingOnly(prefix: String) -> Parameters<Float> {
        Parameters(Dictionary(uniqueKeysWithValues: parameters.tensors.map { name, tensor in
            (name, name.hasPrefix(prefix) ? Variable(tracking: tensor) : Variable(tensor))
        }))
    }

    /// CAPE's auxiliary loss on every (frame t → frame t+1) pair of the batch `[B, T, c, X]`.
    private func warmupLoss(_ fields: Tensor<Float>, _ lambda: Tensor<Float>, parameters bound: Parameters<Float>,
                            generator: inout RandomGenerator) -> Variable<Float> {
        let (batch, frames, channels, points) = (fields.shape[0], fields.shape[1], fields.shape[2], fields.shape[3])
        let pairs = batch * (frames - 1)
        let inputs = fields.sliced(axis: 1, 0..<(frames - 1)).reshaped([pairs, channels, points])
        let targets = fields.sliced(axis: 1, 1..<frames).reshaped([pairs, channels, points])
        let noise = Tensor<Float>.randomNormal(inputs.shape, standardDeviation: Float(configuration.training.inputNoise), using: &generator)
        let repeated = lambda.unsqueezed(axis: 1).expanded(to: [batch, frames - 1, lambda.shape[1]]).reshaped([pairs, lambda.shape[1]])
        let estimate = model.capeEstimate(Variable(inputs + noise), pdeParameters: Variable(repeated), parameters: bound)!
        // The floor comes from each trajectory's first frame, as in the rollout loss.
        let floor = relativeErrorFloor(of: fields.sliced(axis: 1, 0..<1).copied(), relativeFloor: 0.01)
            .unsqueezed(axis: 1).expanded(to: [batch, frames - 1]).reshaped([pairs])
        return relativeL2Error(estimate, targets, floor: floor)
    }

    /// nRMSE of fully autoregressive rollouts of the validation trajectories (NaN without any).
    public func validationError() -> Double { validationMetrics()?.nRMSE ?? .nan }

    /// PDEBench metrics of fully autoregressive rollouts of the validation trajectories.
    public func validationMetrics() -> PDEBenchMetrics? {
        let split = corpus.validation
        guard split.count > 0 else { return nil }
        let (model, parameters) = (self.model, self.parameters)
        let prediction = RolloutEvaluation.rollout(fields: split.fields, pdeParameters: split.parameters) { initial, lambda, steps in
            model.rollout(initial, pdeParameters: lambda, steps: steps, parameters: parameters)
        }
        return PDEBenchMetrics(prediction: prediction, truth: split.fields.sliced(axis: 1, 1..<corpus.frames))
    }

    /// Writes the model and the state, each atomically (model first: the state names the last
    /// epoch whose model is complete).
    private func save() throws {
        try ModelCheckpoint.save(model, parameters: parameters, to: outputURL, metadata: modelMetadata())
        try TrainingState(configuration: configuration, parameters: parameters, adamStep: optimizer.step,
                          adamMoments: optimizer.moments, warmupStep: warmupOptimizer.step,
                          warmupMoments: warmupOptimizer.moments, history: history).write(to: stateURL)
    }

    /// What `surrogate evaluate` and the model card need to use the model as it was trained.
    private func modelMetadata() -> [String: String] {
        let last = history.last!
        return [
            "time_stride": "\(configuration.data.timeStride)",
            "space_stride": "\(configuration.data.spaceStride)",
            "parameter_names": corpus.parameterNames.joined(separator: ","),
            "trained_parameters": corpus.fileParameters.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: ";"),
            "training_files": configuration.data.files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ","),
            "epochs": "\(last.epoch)",
            "feeding": configuration.training.feeding.rawValue,
            "validation_nrmse": String(format: "%.6g", last.validationNRMSE),
            "seed": "\(configuration.training.seed)",
        ]
    }
}
