import Foundation
import NeuralOperators
import TensorCore

/// A training run as written in `--config FILE.json`. Every field except `data.files` has a
/// default; unknown keys are rejected so that a misspelt option is never silently ignored.
/// Relative paths are resolved against the configuration file's folder.
///
///     {"data": {"files": ["advection_0.2.h5", …], "timeStride": 5, "spaceStride": 8},
///      "model": {"architecture": "fno1d", "conditioning": "cape", "width": 20},
///      "training": {"epochs": 30, "feeding": "curriculum"},
///      "output": "runs/cape-fno"}
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    public struct Data: Codable, Sendable, Equatable {
        /// PDEBench-layout HDF5 files; each file's PDE parameters come from its attributes.
        public var files: [String]
        public var timeStride = 1
        public var spaceStride = 1
        /// Use at most this many trajectories of each file (all when nil).
        public var samplesPerFile: Int?
        /// Fraction of each file's trajectories (its last ones) held out for validation.
        public var validationFraction = 0.1

        enum CodingKeys: String, CodingKey, CaseIterable {
            case files, timeStride, spaceStride, samplesPerFile, validationFraction
        }

        public init(files: [String], timeStride: Int = 1, spaceStride: Int = 1, samplesPerFile: Int? = nil,
                    validationFraction: Double = 0.1) {
            (self.files, self.timeStride, self.spaceStride, self.samplesPerFile, self.validationFraction) =
                (files, timeStride, spaceStride, samplesPerFile, validationFraction)
        }

        public init(from decoder: Decoder) throws {
            try ConfigurationDecoding.rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(files: try c.decode([String].self, forKey: .files))
            timeStride = try c.value(.timeStride, default: timeStride)
            spaceStride = try c.value(.spaceStride, default: spaceStride)
            samplesPerFile = try c.decodeIfPresent(Int.self, forKey: .samplesPerFile)
            validationFraction = try c.value(.validationFraction, default: validationFraction)
        }
    }

    public struct Model: Codable, Sendable, Equatable {
        /// The base operator: a name of `OperatorRegistry.names`.
        public var architecture = "fno1d"
        public var conditioning = ParameterConditioning.cape
        /// FNO channels, or the U-Net's base feature count.
        public var width = 20
        /// Fourier modes kept (FNO only).
        public var modes = 12
        /// Fourier layers, or U-Net levels (spatial sizes must then be multiples of 2^layers).
        public var layers = 4
        /// CAPE's widening factor d and its spectral modes.
        public var capeWidth = 64
        public var capeModes = 16

        enum CodingKeys: String, CodingKey, CaseIterable {
            case architecture, conditioning, width, modes, layers, capeWidth, capeModes
        }

        public init() {}

        public init(from decoder: Decoder) throws {
            try ConfigurationDecoding.rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            architecture = try c.value(.architecture, default: architecture)
            conditioning = try c.value(.conditioning, default: conditioning)
            width = try c.value(.width, default: width)
            modes = try c.value(.modes, default: modes)
            layers = try c.value(.layers, default: layers)
            capeWidth = try c.value(.capeWidth, default: capeWidth)
            capeModes = try c.value(.capeModes, default: capeModes)
        }
    }

    public enum Feeding: String, Codable, Sendable, CaseIterable {
        case curriculum, teacherForcing = "teacher-forcing", autoregressive
    }

    public struct Training: Codable, Sendable, Equatable {
        public var epochs = 30
        public var batchSize = 50
        public var learningRate = 3e-3
        public var weightDecay = 1e-4
        /// StepLR: the learning rate is multiplied by `gamma` every `stepSize` epochs after warm-up.
        public var stepSize = 10
        public var gamma = 0.5
        /// Epochs in which only the CAPE module is trained, on its auxiliary loss (CAPE only).
        public var warmupEpochs = 3
        public var feeding = Feeding.curriculum
        public var inputNoise = 1e-3
        public var auxiliaryWeight = 5.7e-5
        /// Gradients are scaled down to this global L2 norm when longer (PyTorch's `clip_grad_norm_`);
        /// nil: no clipping, as in the CAPE recipe.
        public var gradientClipNorm: Double?
        /// CAPE's penalty on the step's gradient with respect to the PDE parameters
        /// (`ParameterGradientPenalty`); nil: off. Conditioned models only.
        public var gradientPenalty: GradientPenalty?
        public var seed: UInt64 = 0

        enum CodingKeys: String, CodingKey, CaseIterable {
            case epochs, batchSize, learningRate, weightDecay, stepSize, gamma, warmupEpochs, feeding, inputNoise,
                 auxiliaryWeight, gradientClipNorm, gradientPenalty, seed
        }

        public init() {}

        public init(from decoder: Decoder) throws {
            try ConfigurationDecoding.rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            epochs = try c.value(.epochs, default: epochs)
            batchSize = try c.value(.batchSize, default: batchSize)
            learningRate = try c.value(.learningRate, default: learningRate)
            weightDecay = try c.value(.weightDecay, default: weightDecay)
            stepSize = try c.value(.stepSize, default: stepSize)
            gamma = try c.value(.gamma, default: gamma)
            warmupEpochs = try c.value(.warmupEpochs, default: warmupEpochs)
            feeding = try c.value(.feeding, default: feeding)
            inputNoise = try c.value(.inputNoise, default: inputNoise)
            auxiliaryWeight = try c.value(.auxiliaryWeight, default: auxiliaryWeight)
            gradientClipNorm = try c.decodeIfPresent(Double.self, forKey: .gradientClipNorm)
            gradientPenalty = try c.decodeIfPresent(GradientPenalty.self, forKey: .gradientPenalty)
            seed = try c.value(.seed, default: seed)
        }
    }

    /// `{"weight": 5.16e-4, "targetNorm": 4.58}` in the 1-D CAPE recipes; λ′ is drawn from ½·min λ
    /// to 2·max λ of the training files.
    public struct GradientPenalty: Codable, Sendable, Equatable {
        public var weight = 5.16e-4
        public var targetNorm = 4.58

        enum CodingKeys: String, CodingKey, CaseIterable { case weight, targetNorm }

        public init() {}

        public init(from decoder: Decoder) throws {
            try ConfigurationDecoding.rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            weight = try c.value(.weight, default: weight)
            targetNorm = try c.value(.targetNorm, default: targetNorm)
        }
    }

    public var data: Data
    public var model = Model()
    public var training = Training()
    /// The folder that receives `model.json`, `weights.safetensors` and `training-state.safetensors`.
    public var output = "runs/model"

    public init(data: Data, model: Model = Model(), training: Training = Training(), output: String) {
        (self.data, self.model, self.training, self.output) = (data, model, training, output)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case data, model, training, output }

    public init(from decoder: Decoder) throws {
        try ConfigurationDecoding.rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        data = try c.decode(Data.self, forKey: .data)
        model = try c.value(.model, default: Model())
        training = try c.value(.training, default: Training())
        output = try c.value(.output, default: "runs/model")
    }

    /// Reads and checks `path`, resolving relative data and output paths against its folder.
    public static func load(path: String) throws -> TrainingConfiguration {
        guard let bytes = FileManager.default.contents(atPath: path) else { throw TrainingError.missingConfiguration(path: path) }
        var configuration: TrainingConfiguration
        do {
            configuration = try JSONDecoder().decode(TrainingConfiguration.self, from: bytes)
        } catch {
            throw TrainingError.invalidConfiguration(path: path, reason: ConfigurationDecoding.describe(error))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ file: String) -> String {
            file.hasPrefix("/") ? file : folder.appendingPathComponent(file).standardizedFileURL.path
        }
        configuration.data.files = configuration.data.files.map(resolve)
        configuration.output = resolve(configuration.output)
        try configuration.validate(path: path)
        return configuration
    }

    /// One-line errors for values no run can use.
    public func validate(path: String = "configuration") throws {
        func fail(_ reason: String) -> TrainingError { .invalidConfiguration(path: path, reason: reason) }
        guard !data.files.isEmpty else { throw fail("data.files is empty") }
        for file in data.files where !FileManager.default.fileExists(atPath: file) {
            throw fail("data file \(file) does not exist")
        }
        guard OperatorRegistry.names.contains(model.architecture) else {
            throw fail("unknown model.architecture '\(model.architecture)' (known: \(OperatorRegistry.names.joined(separator: ", ")))")
        }
        guard data.timeStride >= 1, data.spaceStride >= 1 else { throw fail("data.timeStride and data.spaceStride must be ≥ 1") }
        guard (0..<1).contains(data.validationFraction) else { throw fail("data.validationFraction must be in [0, 1)") }
        if let count = data.samplesPerFile, count < 1 { throw fail("data.samplesPerFile must be ≥ 1") }
        guard model.width >= 1, model.modes >= 1, model.layers >= 1 else { throw fail("model.width, modes and layers must be ≥ 1") }
        guard model.capeWidth >= 2, model.capeWidth % 2 == 0 else { throw fail("model.capeWidth must be even and ≥ 2") }
        guard training.epochs >= 1, training.batchSize >= 1 else { throw fail("training.epochs and batchSize must be ≥ 1") }
        guard training.learningRate > 0, training.stepSize >= 1, training.gamma > 0 else {
            throw fail("training.learningRate and gamma must be positive, stepSize ≥ 1")
        }
        guard training.warmupEpochs >= 0, training.warmupEpochs < training.epochs else {
            throw fail("training.warmupEpochs must be in [0, epochs)")
        }
        guard training.inputNoise >= 0, training.auxiliaryWeight >= 0, training.weightDecay >= 0 else {
            throw fail("training.inputNoise, auxiliaryWeight and weightDecay must be ≥ 0")
        }
        if let norm = training.gradientClipNorm, !(norm > 0 && norm.isFinite) {
            throw fail("training.gradientClipNorm must be a positive number")
        }
        if let penalty = training.gradientPenalty {
            guard penalty.weight >= 0, penalty.targetNorm >= 0, penalty.weight.isFinite, penalty.targetNorm.isFinite else {
                throw fail("training.gradientPenalty.weight and targetNorm must be finite and ≥ 0")
            }
            guard model.conditioning != .none else { throw fail("training.gradientPenalty needs a conditioned model (conditioning cape or channels)") }
        }
    }

    /// Warm-up applies to CAPE only.
    public var warmupEpochs: Int { model.conditioning == .cape ? training.warmupEpochs : 0 }
}
