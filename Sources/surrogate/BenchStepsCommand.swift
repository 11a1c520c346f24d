import ArgumentParser
import Autodiff
import Foundation
import NeuralNetworks
import NeuralOperators
import Optimizers
import TensorCore
import Training

/// `surrogate bench-steps`: training-step throughput of the benchmark architectures (the
/// PyTorch side is `Benchmarks/torch_steps.py`, with the same shapes, loss and optimiser).
struct BenchStepsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-steps",
        abstract: "Time training steps (forward, backward, Adam) of the benchmark models.")

    enum Workload: String, ExpressibleByArgument, CaseIterable {
        case mlp, fno, sgemm, rollout
    }

    @Argument(help: ArgumentHelp("mlp (8 × 256 tanh, batch 1024), fno (FNO1d width 32, 16 modes, 4 layers, 128 points, batch 32), "
        + "sgemm, or rollout (one inference step of a saved model, batch 1, 128 points)."))
    var workload: Workload
    @Option(help: "Timed steps.") var steps = 20
    @Option(help: "BLAS threads.") var threads = 1
    @Option(help: "The saved model that `rollout` runs.") var model = "Models/cape-fno-advection/1"

    func run() throws {
        BLASInfo.setThreadCount(threads)
        var generator = RandomGenerator(seed: 0)
        switch workload {
        case .sgemm:
            let gflops = GEMMCheck.peakGFLOPS(size: 1024, repeats: 20)
            print(String(format: "sgemm threads=%d gflops=%.1f kernel=%@", threads, gflops, BLASInfo.coreName))
        case .mlp:
            let model = MLP<Float>(sizes: [Int](repeating: 256, count: 9), activation: .tanh)
            let x = Tensor<Float>.randomNormal([1024, 256], using: &generator)
            let y = Tensor<Float>.randomNormal([1024, 256], using: &generator)
            // Forward 2·B·256² per layer; backward twice that (input and weight gradients).
            let flops = 3.0 * 8 * 2 * 1024 * 256 * 256
            time(model, x, y, flops: flops, using: &generator)
        case .fno:
            let model = FNO1d<Float>(configuration: .init(width: 32, modes: 16, layers: 4))
            let x = Tensor<Float>.randomNormal([32, 1, 128], using: &generator)
            let y = Tensor<Float>.randomNormal([32, 1, 128], using: &generator)
            time(model, x, y, flops: nil, using: &generator)
        case .rollout:
            try timeInference(using: &generator)
        }
    }

    /// Single inference steps, as the server runs them for one 128-point request.
    private func timeInference(using generator: inout RandomGenerator) throws {
        let saved = try OperatorRegistry.rolloutModel(modelDirectory: model)
        let initial = Tensor<Float>.randomNormal([1, saved.fields, 128], using: &generator)
        let lambda = Tensor<Float>(repeating: 1, shape: [1, saved.parameterCount])
        for _ in 0..<20 { _ = saved.rollout(initial, lambda, 1) }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps { _ = saved.rollout(initial, lambda, 1) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "rollout threads=%d microseconds_per_step=%.1f", threads, 1e6 * seconds / Double(steps)))
    }

    private func time<Model: Layer>(_ model: Model, _ x: Tensor<Float>, _ y: Tensor<Float>, flops: Double?,
                                    using generator: inout RandomGenerator) where Model.Scalar == Float {
        var parameters = model.initialParameters(using: &generator)
        var optimizer = Adam<Float>(learningRate: 1e-4)
        func step() {
            let bound = parameters.tracked()
            let error = model(Variable(x), parameters: bound) - Variable(y)
            optimizer.update(&parameters, along: .gradients(of: (error * error).mean(), wrt: bound))
        }
        for _ in 0..<3 { step() }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps { step() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = Double(steps) / seconds
        var line = String(format: "%@ threads=%d steps_per_second=%.2f", workload.rawValue, threads, rate)
        if let flops { line += String(format: " gflops=%.1f", flops * rate / 1e9) }
        print(line)
    }
}
