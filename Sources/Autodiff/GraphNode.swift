import TensorCore

/// One recorded operation: its output value, its inputs, and the rule that maps the gradient
/// of its output to the gradients of its inputs.
///
/// The rule is written with `Variable` operations, so when gradients are computed with
/// `createGraph: true` the backward pass is itself recorded and can be differentiated again
/// (second derivatives for PINN residuals and Monge–Ampère Hessians).
public final class GraphNode<Scalar: TensorScalar>: @unchecked Sendable {
    /// Maps (this node's output, the gradient of the output, which inputs need a gradient)
    /// to one gradient per input (`nil` where not needed).
    public typealias BackwardRule = (_ output: Variable<Scalar>, _ gradient: Variable<Scalar>,
                                     _ needed: [Bool]) -> [Variable<Scalar>?]

    public let operation: String
    public let value: Tensor<Scalar>
    public let inputs: [Variable<Scalar>]
    let backward: BackwardRule?

    /// A leaf: a value gradients are taken with respect to (a parameter or an input).
    init(leaf value: Tensor<Scalar>) {
        operation = "leaf"
        self.value = value
        inputs = []
        backward = nil
    }

    init(operation: String, value: Tensor<Scalar>, inputs: [Variable<Scalar>], backward: @escaping BackwardRule) {
        self.operation = operation
        self.value = value
        self.inputs = inputs
        self.backward = backward
    }

    public var isLeaf: Bool { backward == nil }
}
