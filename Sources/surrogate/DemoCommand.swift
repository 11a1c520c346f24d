import ArgumentParser
import Autodiff
import Foundation
import ModelStore
import NeuralNetworks
import NeuralOperators
import Optimizers
import TensorCore

/// `surrogate demo`: the end-to-end path on one machine. Generates a data set from the exact
/// solution operator of 1-D advection–diffusion, trains an FNO on it, evaluates on unseen
/// initial conditions, saves the model as a checkpoint and verifies the reloaded copy.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Train an FNO on generated advection–diffusion data and print its metrics.")

    @Option(help: "Training samples.") var samples = 512
    @Option(help: "Grid points.") var points = 128
    @Option(help: "Training epochs.") var epochs = 20
    @Option(help: "Batch size.") var batchSize = 32
    @Option(help: "Peak learning rate (cosine schedule).") var learningRate = 3e-3
    @Option(help: "Random seed (data, initialisation, shuffling).") var seed: UInt64 = 0
    @Option(help: "Where to write the trained model.") var output = ".runs/demo/fno1d/1"

    func validate() throws {
        guard samples >= batchSize, batchSize > 0 else { throw ValidationError("--samples must be at least --batch-size (> 0)") }
        guard points >= 16, points % 2 == 0 else { throw ValidationError("--points must be an even number ≥ 16") }
        guard epochs > 0 else { throw ValidationError("--epochs must be positive") }
    }

    func run() throws {
        print(BLASInfo.summary)
        var generator = RandomGenerator(seed: seed)
        let problem = AdvectionDiffusion(points: points)
        print("data: u_t + \(problem.velocity) u_x = \(problem.viscosity) u_xx on [0, 1) periodic, map u(0) → u(\(problem.time)); "
              + "\(samples) training, 64 validation, 128 test samples on \(points) points")
        let train = problem.samples(samples, using: &generator)
        let validation = problem.samples(64, using: &generator)
        let test = problem.samples(128, using: &generator)

        let model = FNO1d<Float>(configuration: .init(width: 32, modes: 16, layers: 4))
        var parameters = model.initialParameters(using: &generator)
        print("model: FNO1d width 32, 16 modes, 4 layers, \(parameters.scalarCount) parameters")
        var optimizer = Adam<Float>(learningRate: Float(learningRate))
        let batches = samples / batchSize
        let schedule = CosineSchedule(initial: learningRate, total: epochs * batches)
        let progress = ProgressReporter(total: epochs)
        for epoch in 0..<epochs {
            var order = Array(0..<samples)
            order.shuffle(using: &generator)
            var lossSum: Float = 0
            for batch in 0..<batches {
                optimizer.learningRate = Float(schedule.learningRate(at: epoch * batches + batch))
                let indices = Array(order[(batch * batchSize)..<((batch + 1) * batchSize)])
                let inputs = train.inputs.gathered(axis: 0, indices: indices)
                let targets = train.targets.gathered(axis: 0, indices: indices)
                let bound = parameters.tracked()
                let error = model(Variable(inputs), parameters: bound) - Variable(targets)
                let loss = (error * error).mean()
                lossSum += loss.value.scalar
                optimizer.update(&parameters, along: .gradients(of: loss, wrt: bound))
            }
            let metrics = Self.metrics(model(validation.inputs, parameters: parameters), validation.targets)
            progress.report(epoch + 1, String(format: "train MSE %.3e  validation nRMSE %.4f", lossSum / Float(batches), metrics.nRMSE))
        }

        let directory = URL(fileURLWithPath: output)
        try ModelCheckpoint.save(model, parameters: parameters, to: directory,
                                 metadata: ["data": "advection-diffusion demo", "seed": "\(seed)"])
        let reloaded = try ModelCheckpoint.load(FNO1d<Float>.self, from: directory)
        let prediction = model(test.inputs, parameters: parameters)
        let reloadedPrediction = reloaded.model(test.inputs, parameters: reloaded.parameters)
        guard reloadedPrediction.scalars == prediction.scalars else {
            throw CommandFailure("the reloaded checkpoint at \(output) predicts differently")
        }
        print("saved \(output)/model.json and weights.safetensors; reloaded model reproduces every prediction")

        let fno = Self.metrics(prediction, test.targets)
        let persistence = Self.metrics(test.inputs, test.targets)
        print("\nTest set (128 unseen initial conditions; PDEBench metrics):\n")
        print("| model | RMSE | nRMSE | cRMSE | max error | fRMSE low | fRMSE mid | fRMSE high |")
        print("|---|---|---|---|---|---|---|---|")
        for (name, m) in [("FNO1d (trained)", fno), ("persistence u(T) = u(0)", persistence)] {
            print(String(format: "| %@ | %.4e | %.4f | %.2e | %.4e | %.2e | %.2e | %.2e |", name, m.rmse, m.nRMSE, m.cRMSE,
                         m.maxError, m.fRMSELow, m.fRMSEMid, m.fRMSEHigh))
        }
    }

    /// PDEBench metrics of `[N, 1, X]` fields, as one frame of one channel.
    static func metrics(_ prediction: Tensor<Float>, _ truth: Tensor<Float>) -> PDEBenchMetrics {
        let shape = [truth.shape[0], 1, 1, truth.shape[2]]
        return PDEBenchMetrics(prediction: prediction.reshaped(shape), truth: truth.reshaped(shape))
    }
}

/// Exact solution operator of u_t + c u_x = ν u_xx on the periodic unit interval: Fourier
/// mode k is multiplied by exp(−ν(2πk)²T − i2πkcT).
struct AdvectionDiffusion {
    var points: Int
    var velocity: Float = 1
    var viscosity: Float = 0.002
    var time: Float = 0.25

    /// Random initial conditions Σ_{k=1..8} (a_k cos 2πkx + b_k sin 2πkx)/k and their solutions.
    func samples(_ count: Int, using generator: inout RandomGenerator) -> (inputs: Tensor<Float>, targets: Tensor<Float>) {
        let x = Tensor<Float>.arange(0, Float(points)) / Float(points)
        var fields = Tensor<Float>.zeros([count, points])
        for k in 1...8 {
            let a = Tensor<Float>.randomNormal([count, 1], standardDeviation: 1 / Float(k), using: &generator)
            let b = Tensor<Float>.randomNormal([count, 1], standardDeviation: 1 / Float(k), using: &generator)
            let phase = x * (2 * .pi * Float(k))
            fields = fields + a * phase.cos() + b * phase.sin()
        }
        let bins = points / 2 + 1
        var factors = [Float]()
        for k in 0..<bins {
            let wave = 2 * Float.pi * Float(k)
            let decay = Float.exp(-viscosity * wave * wave * time)
            factors += [decay * Float.cos(-wave * velocity * time), decay * Float.sin(-wave * velocity * time)]
        }
        let solved = Tensor.complexMultiply(fields.rfft(), Tensor(shape: [bins, 2], scalars: factors)).irfft(length: points)
        return (fields.reshaped([count, 1, points]), solved.reshaped([count, 1, points]))
    }
}
