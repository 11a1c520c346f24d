import Testing
import Autodiff
import NeuralNetworks
import Optimizers
import TensorCore

@Suite("Optimisers")
struct OptimizerTests {
    @Test func lbfgsSolvesRosenbrockTo1e8() {
        // f(x, y) = (1 − x)² + 100 (y − x²)², minimum at (1, 1).
        let result = LBFGS().minimize(from: [-1.2, 1]) { p in
            let (x, y) = (p[0], p[1])
            let value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
            return (value, [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
        }
        #expect(Swift.abs(result.point[0] - 1) < 1e-8 && Swift.abs(result.point[1] - 1) < 1e-8,
                "reached \(result.point) after \(result.iterations) iterations")
        #expect(result.value < 1e-16)
    }

    @Test func lbfgsOnAnIllConditionedQuadraticInTenDimensions() {
        let scales = (1...10).map { Double.pow(10, Double($0) / 3) }
        let result = LBFGS().minimize(from: [Double](repeating: 1, count: 10)) { x in
            (zip(scales, x).reduce(0) { $0 + 0.5 * $1.0 * $1.1 * $1.1 }, zip(scales, x).map { $0 * $1 })
        }
        #expect(result.point.allSatisfy { Swift.abs($0) < 1e-8 })
    }

    @Test func adamMinimisesAQuadratic() {
        var parameters = ParameterSet<Double>(["x": Tensor([3, -2, 0.5])])
        var optimizer = Adam<Double>(learningRate: 0.05)
        for _ in 0..<2000 {
            let bound = parameters.tracked()
            let x = bound["x"]
            let loss = ((x - 1) * (x - 1)).sum()
            optimizer.update(&parameters, along: .gradients(of: loss, wrt: bound))
        }
        #expect(parameters["x"]!.scalars.allSatisfy { Swift.abs($0 - 1) < 1e-3 })
    }

    @Test func adamFirstStepMovesByTheLearningRate() {
        // With bias correction, the first step is −lr·sign(g) (for |g| ≫ ε).
        var parameters = ParameterSet<Double>(["x": Tensor([1, 1])])
        var optimizer = Adam<Double>(learningRate: 0.1)
        optimizer.update(&parameters, along: ParameterSet(["x": Tensor([5, -0.25])]))
        #expect(Swift.abs(parameters["x"]![0] - 0.9) < 1e-7 && Swift.abs(parameters["x"]![1] - 1.1) < 1e-7)
    }

    @Test func adamWDecaysWeightsDecoupledFromTheGradient() {
        var parameters = ParameterSet<Double>(["x": Tensor([2, -4])])
        var optimizer = Adam<Double>.adamW(learningRate: 0.1, weightDecay: 0.5)
        optimizer.update(&parameters, along: ParameterSet(["x": Tensor([0, 0])]))
        #expect(parameters["x"]!.scalars == [2 * 0.95, -4 * 0.95])
    }

    @Test func schedules() {
        let step = StepSchedule(initial: 1, stepSize: 10, gamma: 0.5)
        #expect(step.learningRate(at: 9) == 1 && step.learningRate(at: 10) == 0.5 && step.learningRate(at: 25) == 0.25)
        let cosine = CosineSchedule(initial: 1, total: 100, minimum: 0.1)
        #expect(cosine.learningRate(at: 0) == 1)
        #expect(Swift.abs(cosine.learningRate(at: 50) - 0.55) < 1e-12)
        #expect(Swift.abs(cosine.learningRate(at: 100) - 0.1) < 1e-12)
        #expect(cosine.learningRate(at: 500) == cosine.learningRate(at: 100))
    }

    @Test func gradientClippingScalesTheGlobalNorm() {
        var gradients = ParameterSet<Double>(["a": Tensor([3, 0]), "b": Tensor([4])])
        let norm = clipGradientNorm(&gradients, maxNorm: 1)
        #expect(norm == 5)
        let clipped = (gradients["a"]!.squared().sum() + gradients["b"]!.squared().sum()).squareRoot()
        #expect(Swift.abs(clipped - 1) < 1e-6)
        var small = ParameterSet<Double>(["a": Tensor([0.1])])
        clipGradientNorm(&small, maxNorm: 1)
        #expect(small["a"]!.scalars == [0.1])
    }
}

extension OptimizerTests {
    /// L-BFGS on a network's flattened parameters (the PINN fine-tuning pattern): fit
    /// y = sin(2x) with a small tanh MLP in Double.
    @Test func lbfgsTrainsANetworkThroughFlattenedParameters() {
        var generator = RandomGenerator(seed: 4)
        let model = MLP<Double>(sizes: [1, 12, 1], activation: .tanh)
        let initial = model.initialParameters(using: &generator)
        let x = Tensor<Double>.linspace(-1, 1, count: 40).reshaped([40, 1])
        let y = (x * 2).sin()
        func loss(_ flat: [Double]) -> (Double, [Double]) {
            let parameters = initial.unflattened(Tensor(flat))
            let bound = parameters.tracked()
            let error = model(Variable(x), parameters: bound) - Variable(y)
            let objective = (error * error).mean()
            return (objective.value.scalar, ParameterSet.gradients(of: objective, wrt: bound).flattened().scalars)
        }
        var optimizer = LBFGS()
        optimizer.maxIterations = 300
        let result = optimizer.minimize(from: initial.flattened().scalars, loss)
        #expect(result.value < 1e-5, "final MSE \(result.value) after \(result.iterations) iterations")
        #expect(initial.unflattened(initial.flattened()).tensors.mapValues(\.scalars) == initial.tensors.mapValues(\.scalars))
    }
}
