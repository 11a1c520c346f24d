import Testing
import Autodiff
import NeuralNetworks
import NeuralOperators
import Optimizers
import TensorCore
import TestSupport

/// Training works end to end: losses fall below stated thresholds.
@Suite("End-to-end training")
struct EndToEndTests {
    @Test func mlpFitsSine() {
        var generator = RandomGenerator(seed: 10)
        let model = MLP<Float>(sizes: [1, 32, 32, 1], activation: .tanh)
        var parameters = model.initialParameters(using: &generator)
        let x = Tensor<Float>.linspace(-.pi, .pi, count: 128).reshaped([128, 1])
        let y = x.sin()
        var optimizer = Adam<Float>(learningRate: 1e-2)
        let schedule = CosineSchedule(initial: 1e-2, total: 1500, minimum: 1e-4)
        var loss: Float = .infinity
        for step in 0..<1500 {
            optimizer.learningRate = Float(schedule.learningRate(at: step))
            let bound = parameters.tracked()
            let error = model(Variable(x), parameters: bound) - Variable(y)
            let objective = (error * error).mean()
            loss = objective.value.scalar
            optimizer.update(&parameters, along: .gradients(of: objective, wrt: bound))
        }
        #expect(loss < 1e-4, "MLP sine fit: final MSE \(loss)")
    }

    /// The operator multiplies Fourier mode k by e^{−νk²T} e^{−ikcT} (advection-diffusion over T).
    static func advectDiffuse(_ u: Tensor<Float>) -> Tensor<Float> {
        let length = u.shape.last!
        let bins = length / 2 + 1
        var factors = [Float]()
        for k in 0..<bins {
            let decay = Float.exp(-0.002 * Float(k * k)), angle = -Float(k) * 0.8
            factors += [decay * Float.cos(angle), decay * Float.sin(angle)]
        }
        return Tensor.complexMultiply(u.rfft(), Tensor(shape: [bins, 2], scalars: factors)).irfft(length: length)
    }

    static func randomFields(_ count: Int, length: Int, using generator: inout RandomGenerator) -> Tensor<Float> {
        let grid = Tensor<Float>.arange(0, Float(length)) * (2 * .pi / Float(length))
        var fields = Tensor<Float>.zeros([count, length])
        for k in 1...5 {
            let a = Tensor<Float>.randomNormal([count, 1], standardDeviation: 1 / Float(k), using: &generator)
            let b = Tensor<Float>.randomNormal([count, 1], standardDeviation: 1 / Float(k), using: &generator)
            fields = fields + a * (grid * Float(k)).cos() + b * (grid * Float(k)).sin()
        }
        return fields.reshaped([count, 1, length])
    }

    @Test func fnoLearnsALinearOperator() {
        var generator = RandomGenerator(seed: 11)
        let length = 64
        let train = Self.randomFields(64, length: length, using: &generator)
        let test = Self.randomFields(32, length: length, using: &generator)
        let (trainTarget, testTarget) = (Self.advectDiffuse(train), Self.advectDiffuse(test))
        let model = FNO1d<Float>(configuration: .init(width: 16, modes: 8, layers: 2, projectionWidth: 32))
        var parameters = model.initialParameters(using: &generator)
        fitMeanSquaredError(model, parameters: &parameters, inputs: train, targets: trainTarget, steps: 400)
        let relative = relativeL2Distance(model(test, parameters: parameters), testTarget)
        #expect(relative < 0.05, "FNO relative L2 error on unseen inputs: \(relative)")
    }
}
