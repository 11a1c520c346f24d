import TensorCore

/// Reverse-mode gradients of `output` with respect to `inputs`.
///
/// - Parameters:
///   - output: usually a scalar loss; otherwise `seed` gives the output cotangent.
///   - inputs: variables whose nodes lie on the graph (leaves or intermediates).
///   - seed: ∂L/∂output; defaults to ones (so a non-scalar output is summed).
///   - createGraph: record the backward pass, so that the gradients are differentiable again.
/// - Returns: one gradient per input, shaped like it; zeros where `output` does not depend on it.
public func gradients<Scalar>(of output: Variable<Scalar>, wrt inputs: [Variable<Scalar>],
                              seed: Variable<Scalar>? = nil, createGraph: Bool = false) -> [Variable<Scalar>] {
    func zeros(_ input: Variable<Scalar>) -> Variable<Scalar> { Variable(Tensor<Scalar>.zeros(input.shape)) }
    guard let root = output.node else { return inputs.map(zeros) }
    let seed = seed ?? Variable(Tensor<Scalar>.ones(output.shape))
    precondition(seed.shape == output.shape, "gradient seed \(seed.shape) does not match output \(output.shape)")

    let order = topologicalOrder(from: root)
    let targets = Set(inputs.compactMap { $0.node.map(ObjectIdentifier.init) })
    var reachesTarget = [ObjectIdentifier: Bool]()
    for node in order {
        let id = ObjectIdentifier(node)
        reachesTarget[id] = targets.contains(id)
            || node.inputs.contains { $0.node.map { reachesTarget[ObjectIdentifier($0)] ?? false } ?? false }
    }

    return Recording.$isEnabled.withValue(createGraph) {
        var accumulated = [ObjectIdentifier: Variable<Scalar>]()
        accumulated[ObjectIdentifier(root)] = seed
        for node in order.reversed() {
            let id = ObjectIdentifier(node)
            guard reachesTarget[id] == true, let backward = node.backward,
                  let gradient = accumulated[id] else { continue }
            if !targets.contains(id) { accumulated[id] = nil }
            let needed = node.inputs.map { $0.node.map { reachesTarget[ObjectIdentifier($0)] ?? false } ?? false }
            let parentGradients = backward(Variable(value: node.value, node: node), gradient, needed)
            for (index, input) in node.inputs.enumerated() where needed[index] {
                guard let parentGradient = parentGradients[index], let parent = input.node else { continue }
                precondition(parentGradient.shape == input.shape,
                             "\(node.operation): gradient \(parentGradient.shape) for input \(input.shape)")
                let parentID = ObjectIdentifier(parent)
                accumulated[parentID] = accumulated[parentID].map { $0 + parentGradient } ?? parentGradient
            }
        }
        return inputs.map { input in input.node.flatMap { accumulated[ObjectIdentifier($0)] } ?? zeros(input) }
    }
}

/// Gradient of a scalar with respect to one variable.
public func gradient<Scalar>(of output: Variable<Scalar>, wrt input: Variable<Scalar>,
                             createGraph: Bool = false) -> Variable<Scalar> {
    gradients(of: output, wrt: [input], createGraph: createGraph)[0]
}

/// Nodes reachable from `root`, every node after all of its inputs (iterative DFS).
private func topologicalOrder<Scalar>(from root: GraphNode<Scalar>) -> [GraphNode<Scalar>] {
    var order = [GraphNode<Scalar>]()
    var visited = Set<ObjectIdentifier>()
    var stack: [(node: GraphNode<Scalar>, nextInput: Int)] = [(root, 0)]
    visited.insert(ObjectIdentifier(root))
    while !stack.isEmpty {
        let (node, nextInput) = stack[stack.count - 1]
        if nextInput < node.inputs.count {
            stack[stack.count - 1].nextInput += 1
            if let child = node.inputs[nextInput].node, visited.insert(ObjectIdentifier(child)).inserted {
                stack.append((child, 0))
            }
        } else {
            order.append(node)
            stack.removeLast()
        }
    }
    return order
}
