import Autodiff
import TensorCore

/// A model's parameters as explicit values: tensors by dotted name (`layers.0.weight`).
///
/// Models never own their parameters; they are handed a `ParameterSet` (bound as
/// `Parameters` for a forward pass), which keeps training, checkpoints and optimisers plain.
public struct ParameterSet<Scalar: TensorScalar>: Sendable {
    public private(set) var tensors: [String: Tensor<Scalar>]

    public init(_ tensors: [String: Tensor<Scalar>] = [:]) {
        self.tensors = tensors
    }

    /// Names in a stable (sorted) order.
    public var names: [String] { tensors.keys.sorted() }

    /// Total number of scalars.
    public var scalarCount: Int { tensors.values.reduce(0) { $0 + $1.count } }

    public subscript(name: String) -> Tensor<Scalar>? {
        get { tensors[name] }
        set { tensors[name] = newValue }
    }

    /// Adds `child`'s tensors under `prefix.`.
    public mutating func insert(_ child: ParameterSet, prefix: String) {
        for (name, tensor) in child.tensors { tensors[prefix + "." + name] = tensor }
    }

    /// Leaves to differentiate with respect to.
    public func tracked() -> Parameters<Scalar> {
        Parameters(tensors.mapValues { Variable(tracking: $0) })
    }

    /// Constants, for inference.
    public func constants() -> Parameters<Scalar> {
        Parameters(tensors.mapValues { Variable($0) })
    }

    /// ∂loss/∂θ for every parameter of `bound` (as produced by `tracked()`).
    public static func gradients(of loss: Variable<Scalar>, wrt bound: Parameters<Scalar>) -> ParameterSet {
        let names = bound.variables.keys.sorted()
        let grads = Autodiff.gradients(of: loss, wrt: names.map { bound.variables[$0]! })
        return ParameterSet(Dictionary(uniqueKeysWithValues: zip(names, grads.map(\.value))))
    }

    /// All parameters laid end to end in name order (for L-BFGS and norms).
    public func flattened() -> Tensor<Scalar> {
        Tensor.concatenate(names.map { tensors[$0]!.reshaped([-1]) }, axis: 0)
    }

    /// The inverse of `flattened()`, with this set's names and shapes.
    public func unflattened(_ flat: Tensor<Scalar>) -> ParameterSet {
        precondition(flat.count == scalarCount, "\(flat.count) scalars for \(scalarCount) parameters")
        var start = 0
        var result = [String: Tensor<Scalar>]()
        for name in names {
            let shape = tensors[name]!.shape
            let count = shape.reduce(1, *)
            result[name] = flat.sliced(axis: 0, start..<(start + count)).reshaped(shape).copied()
            start += count
        }
        return ParameterSet(result)
    }
}

/// Parameters bound as variables for one forward pass, looked up by name within a scope.
public struct Parameters<Scalar: TensorScalar>: Sendable {
    public let variables: [String: Variable<Scalar>]
    private let prefix: String

    public init(_ variables: [String: Variable<Scalar>], prefix: String = "") {
        self.variables = variables
        self.prefix = prefix
    }

    /// The parameter `name` in this scope.
    public subscript(name: String) -> Variable<Scalar> {
        guard let variable = variables[prefix + name] else {
            preconditionFailure("missing parameter '\(prefix + name)'")
        }
        return variable
    }

    /// The scope of a sub-layer: names are looked up under `child.`.
    public func scope(_ child: String) -> Parameters {
        Parameters(variables, prefix: prefix + child + ".")
    }
}
