import Autodiff
import TensorCore

/// Pointwise nonlinearities, by name (as stored in configurations).
public enum Activation: String, Codable, Sendable, CaseIterable {
    case identity, tanh, relu, gelu, sigmoid, softplus, sin

    public func callAsFunction<Scalar>(_ x: Variable<Scalar>) -> Variable<Scalar> {
        switch self {
        case .identity: x
        case .tanh: x.tanh()
        case .relu: x.relu()
        case .gelu: x.gelu()
        case .sigmoid: x.sigmoid()
        case .softplus: x.softplus()
        case .sin: x.sin()
        }
    }
}
