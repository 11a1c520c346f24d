import Autodiff
import TensorCore

/// Checks reverse-mode derivatives against central finite differences, in `Double`.
///
/// The function's output is reduced to a scalar L = Σ r ⊙ f(x) with fixed random weights r.
/// First order compares ∂L/∂x with (L(x + εeᵢ) − L(x − εeᵢ)) / 2ε for every element. Second
/// order takes H(x) = Σ ⟨∂L/∂x, v⟩ for a random direction v, computed with `createGraph: true`,
/// and compares its reverse-mode gradient (a Hessian-vector product) with central differences
/// of H.
public struct GradientChecker {
    public var epsilon: Double
    public var tolerance: Double
    public var seed: UInt64

    public init(epsilon: Double = 1e-5, tolerance: Double = 1e-6, seed: UInt64 = 7) {
        self.epsilon = epsilon
        self.tolerance = tolerance
        self.seed = seed
    }

    /// Failure messages; empty when every derivative agrees.
    public func check(at inputs: [Tensor<Double>], secondOrder: Bool = true,
                      _ function: @escaping ([Variable<Double>]) -> Variable<Double>) -> [String] {
        var generator = RandomGenerator(seed: seed)
        let probe = function(inputs.map { Variable($0) })
        let weights = Tensor<Double>.randomNormal(probe.shape, using: &generator)
        let scalarLoss: ([Variable<Double>]) -> Variable<Double> = { (function($0) * weights).sum() }

        var failures = compare(at: inputs, order: "first", scalarLoss)
        if secondOrder {
            let directions = inputs.map { Tensor<Double>.randomNormal($0.shape, using: &generator) }
            let directional: ([Variable<Double>]) -> Variable<Double> = { variables in
                let loss = scalarLoss(variables)
                let grads = gradients(of: loss, wrt: variables, createGraph: true)
                return zip(grads, directions).map { ($0 * $1).sum() }.reduce(Variable(Tensor(0)), +)
            }
            failures += compare(at: inputs, order: "second", directional)
        }
        return failures
    }

    private func compare(at inputs: [Tensor<Double>], order: String,
                         _ loss: ([Variable<Double>]) -> Variable<Double>) -> [String] {
        let leaves = inputs.map { Variable(tracking: $0) }
        let analytic = gradients(of: loss(leaves), wrt: leaves).map(\.value)
        var failures = [String]()
        for (inputIndex, input) in inputs.enumerated() {
            let values = input.scalars
            let reference = analytic[inputIndex].scalars
            for element in 0..<values.count {
                func evaluate(_ shift: Double) -> Double {
                    var shifted = values
                    shifted[element] += shift
                    var arguments = inputs
                    arguments[inputIndex] = Tensor(shape: input.shape, scalars: shifted)
                    return loss(arguments.map { Variable(tracking: $0) }).value.scalar
                }
                let numeric = (evaluate(epsilon) - evaluate(-epsilon)) / (2 * epsilon)
                let error = Swift.abs(numeric - reference[element])
                if error > tolerance * Swift.max(1, Swift.abs(numeric)) {
                    failures.append("\(order)-order ∂/∂input\(inputIndex)[\(element)]: autodiff \(reference[element]), "
                                    + "finite differences \(numeric)")
                }
            }
        }
        return failures
    }
}
