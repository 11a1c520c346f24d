import Autodiff
import NeuralNetworks
import Optimizers
import TensorCore

/// Fits `model` to `targets` from `inputs` by full-batch mean squared error with Adam on a
/// cosine schedule (from `learningRate` to 1e-4 over `steps`), for end-to-end learning tests.
public func fitMeanSquaredError<Model: Layer>(_ model: Model, parameters: inout ParameterSet<Float>, inputs: Tensor<Float>,
                                              targets: Tensor<Float>, steps: Int, learningRate: Double = 5e-3)
    where Model.Scalar == Float {
    var optimizer = Adam<Float>(learningRate: Float(learningRate))
    let schedule = CosineSchedule(initial: learningRate, total: steps, minimum: 1e-4)
    for step in 0..<steps {
        optimizer.learningRate = Float(schedule.learningRate(at: step))
        let bound = parameters.tracked()
        let error = model(Variable(inputs), parameters: bound) - Variable(targets)
        optimizer.update(&parameters, along: .gradients(of: (error * error).mean(), wrt: bound))
    }
}

/// ‖prediction − truth‖₂ / ‖truth‖₂ over all elements.
public func relativeL2Distance(_ prediction: Tensor<Float>, _ truth: Tensor<Float>) -> Float {
    ((prediction - truth).squared().sum() / truth.squared().sum()).squareRoot()
}
