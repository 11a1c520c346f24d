import TensorCore

/// What a convolution layer is, whatever its dimension: channels, kernel length (square in
/// 2-D), stride/padding/groups, and whether it has a bias.
public struct ConvolutionSpec: Sendable, Equatable {
    public let inputs: Int
    public let outputs: Int
    public let kernel: Int
    public let options: ConvolutionOptions
    public let useBias: Bool

    public init(inputs: Int, outputs: Int, kernel: Int, useBias: Bool, options: ConvolutionOptions) {
        precondition(inputs % options.groups == 0 && outputs % options.groups == 0,
                     "convolution \(inputs)→\(outputs) not divisible by \(options.groups) groups")
        (self.inputs, self.outputs, self.kernel, self.options, self.useBias) = (inputs, outputs, kernel, options, useBias)
    }

    /// A 1×1 kernel with stride 1 and no padding or groups: one product `[out, in] × [N, in, …]`.
    public var isPointwise: Bool { kernel == 1 && options == ConvolutionOptions() }

    /// Weight `[out, in/groups, kernel × dimensions]` and bias `[out]`, uniform in ±1/√fanIn.
    func initialParameters<Scalar: TensorScalar>(dimensions: Int, using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        let weightShape = [outputs, inputs / options.groups] + [Int](repeating: kernel, count: dimensions)
        let fanIn = weightShape.dropFirst().reduce(1, *)
        var set = ParameterSet<Scalar>(["weight": uniformFanIn(weightShape, fanIn: fanIn, using: &generator)])
        if useBias { set["bias"] = uniformFanIn([outputs], fanIn: fanIn, using: &generator) }
        return set
    }
}
