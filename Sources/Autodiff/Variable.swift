import TensorCore

/// A tensor that remembers how it was computed, so that gradients can flow back through it.
///
/// Constants carry no node. Leaves (`Variable(tracking:)`) are what gradients are taken with
/// respect to. Every operation on variables records a `GraphNode` whenever recording is on
/// and at least one input is tracked.
public struct Variable<Scalar: TensorScalar>: Sendable {
    public let value: Tensor<Scalar>
    public let node: GraphNode<Scalar>?

    /// A constant: gradients do not flow into it.
    public init(_ value: Tensor<Scalar>) {
        self.value = value
        node = nil
    }

    /// A leaf to differentiate with respect to.
    public init(tracking value: Tensor<Scalar>) {
        self.value = value
        node = GraphNode(leaf: value)
    }

    init(value: Tensor<Scalar>, node: GraphNode<Scalar>?) {
        self.value = value
        self.node = node
    }

    public var shape: [Int] { value.shape }
    public var rank: Int { value.rank }
    public var isTracked: Bool { node != nil }

    /// The same value with the history cut off.
    public var detached: Variable { Variable(value) }

    /// True when an operation on `inputs` would be recorded: recording is on and an input is
    /// tracked. Layers check it to take fused inference kernels otherwise.
    public static func isRecorded(_ inputs: [Variable?]) -> Bool {
        Recording.isEnabled && inputs.contains { $0?.isTracked == true }
    }

    /// Records an operation when recording is on and an input is tracked; otherwise returns a
    /// constant. Every primitive goes through here.
    public static func record(_ operation: String, value: Tensor<Scalar>, inputs: [Variable],
                              backward: @escaping GraphNode<Scalar>.BackwardRule) -> Variable {
        guard Recording.isEnabled, inputs.contains(where: { $0.isTracked }) else { return Variable(value) }  // no [Variable?] copy
        return Variable(value: value, node: GraphNode(operation: operation, value: value, inputs: inputs,
                                                      backward: backward))
    }
}
