import NeuralNetworks
import TensorCore

/// The tensors of a loaded model under a name prefix, copied out for a rollout plan. The model
/// has already checked names and shapes when it loaded them, so a mismatch here is a bug in the
/// plan and stops with the name.
struct PlanWeights {
    let parameters: ParameterSet<Float>
    var prefix = ""

    func scope(_ child: String) -> PlanWeights {
        PlanWeights(parameters: parameters, prefix: prefix + child + ".")
    }

    /// The tensor `name` in this scope, which must hold `count` elements.
    func callAsFunction(_ name: String, count: Int) -> PlanBuffer {
        guard let tensor = parameters[prefix + name], tensor.count == count else {
            preconditionFailure("rollout plan: parameter '\(prefix + name)' is missing or does not hold \(count) values")
        }
        return PlanBuffer(tensor)
    }
}
