import Autodiff
import NeuralNetworks
import TensorCore

/// CAPE in 1-D (Takamoto et al. 2023; METHODS.md §1.2): a PDE-parameter-conditioned module that
/// makes a cheap preliminary estimate û of the next state, which the base operator then receives
/// beside u.
///
///     a_i(λ) = W_{i,2} GELU(W_{i,1} λ + b_{i,1}) + b_{i,2}            i = 0, 1, 2 (length d)
///     h      = GELU(Conv_K(u))                                        c → d/2 channels, no bias
///     y      = a_0 ⊙ Up₄(K_spec(Pool₄ h)) + a_1 ⊙ P(h) + a_2 ⊙ D(h) + Q(h)
///     û      = u + γ ⊙ LN_x(R(GELU(y))) + δ                           (additive residual in 1-D)
///
/// K_spec is a spectral convolution (d/2 → d), P and Q 1×1 convolutions (d/2 → d), D a grouped
/// convolution of kernel K with groups d/2 (two outputs per input channel, no bias), R a 1×1
/// projection d → c, and LN_x layer normalisation over space only. γ and δ (one per field,
/// initialised to 1 and 0) are the normalisation's affine map; PyTorch's LayerNorm holds one per
/// grid point, which would tie the module to one resolution, so here they are per field.
public struct CAPE1d<Scalar: TensorScalar>: ParameterEmbedding {
    public struct Configuration: Codable, Sendable, Equatable {
        /// Fields of the state (c).
        public var fields: Int
        /// PDE parameters (p).
        public var parameters: Int
        /// Widening factor d (64 in the paper).
        public var width: Int
        public var modes: Int
        public var kernel: Int
        /// Average-pooling factor in front of the spectral path.
        public var pool: Int

        public init(fields: Int = 1, parameters: Int = 1, width: Int = 64, modes: Int = 16, kernel: Int = 5, pool: Int = 4) {
            precondition(width % 2 == 0 && kernel % 2 == 1, "CAPE needs an even width and an odd kernel")
            (self.fields, self.parameters, self.width, self.modes, self.kernel, self.pool) =
                (fields, parameters, width, modes, kernel, pool)
        }
    }

    public static var architectureID: String { "cape1d" }
    public let configuration: Configuration

    public static func configuration(fields: Int, parameters: Int) -> Configuration {
        Configuration(fields: fields, parameters: parameters)
    }

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    private var half: Int { configuration.width / 2 }
    private var lift: Conv1d<Scalar> {
        Conv1d(inputs: configuration.fields, outputs: half, kernel: configuration.kernel,
               padding: configuration.kernel / 2, useBias: false)
    }
    private var attention: MLP<Scalar> {
        MLP(sizes: [configuration.parameters, half, configuration.width], activation: .gelu)
    }
    private var spectral: SpectralConv1d<Scalar> {
        SpectralConv1d(inputs: half, outputs: configuration.width, modes: configuration.modes)
    }
    private var pointwise: Conv1d<Scalar> { Conv1d(inputs: half, outputs: configuration.width, kernel: 1) }
    private var depthwise: Conv1d<Scalar> {
        Conv1d(inputs: half, outputs: configuration.width, kernel: configuration.kernel,
               padding: configuration.kernel / 2, groups: half, useBias: false)
    }
    private var plain: Conv1d<Scalar> { Conv1d(inputs: half, outputs: configuration.width, kernel: 1) }
    private var projection: Conv1d<Scalar> { Conv1d(inputs: configuration.width, outputs: configuration.fields, kernel: 1) }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        var set = ParameterSet<Scalar>()
        set.insert(lift.initialParameters(using: &generator), prefix: "lift")
        for path in 0..<3 { set.insert(attention.initialParameters(using: &generator), prefix: "attention.\(path)") }
        set.insert(spectral.initialParameters(using: &generator), prefix: "spectral")
        set.insert(pointwise.initialParameters(using: &generator), prefix: "pointwise")
        set.insert(depthwise.initialParameters(using: &generator), prefix: "depthwise")
        set.insert(plain.initialParameters(using: &generator), prefix: "plain")
        set.insert(projection.initialParameters(using: &generator), prefix: "projection")
        set.insert(ParameterSet(["weight": .ones([configuration.fields, 1]), "bias": .zeros([configuration.fields, 1])]),
                   prefix: "norm")
        return set
    }

    /// The three channel-attention vectors a_i(λ), each `[N, d, 1]`, for parameters `[N, p]`.
    public func attentionWeights(_ pdeParameters: Variable<Scalar>, parameters: Parameters<Scalar>) -> [Variable<Scalar>] {
        precondition(pdeParameters.rank == 2 && pdeParameters.shape[1] == configuration.parameters,
                     "\(Self.self) expects parameters [N, \(configuration.parameters)], got \(pdeParameters.shape)")
        return (0..<3).map { path in
            attention(pdeParameters, parameters: parameters.scope("attention.\(path)")).unsqueezed(axis: 2)
        }
    }

    /// The estimate û of the next state from `state` and the attention vectors of
    /// `attentionWeights` (`ParameterEmbedding`'s `callAsFunction(_:pdeParameters:parameters:)`
    /// computes them from λ).
    public func callAsFunction(_ state: Variable<Scalar>, attention a: [Variable<Scalar>],
                               parameters: Parameters<Scalar>) -> Variable<Scalar> {
        let config = configuration
        precondition(state.rank == 3 && state.shape[1] == config.fields && state.shape[2] % config.pool == 0,
                     "CAPE1d expects [N, \(config.fields), X] with X a multiple of \(config.pool), got \(state.shape)")
        precondition(a.count == 3 && a.allSatisfy { $0.shape[0] == state.shape[0] },
                     "\(Self.self) expects three attention vectors for a batch of \(state.shape[0])")
        let h = lift(state, parameters: parameters.scope("lift")).gelu()
        let global = spectral(h.averagePooled(by: config.pool), parameters: parameters.scope("spectral"))
            .upsampledNearest(by: config.pool)
        var y = a[0] * global
        y = y + a[1] * pointwise(h, parameters: parameters.scope("pointwise"))
        y = y + a[2] * depthwise(h, parameters: parameters.scope("depthwise"))
        y = y + plain(h, parameters: parameters.scope("plain"))
        let correction = projection(y.gelu(), parameters: parameters.scope("projection")).layerNormalized(axes: [2])
        let norm = parameters.scope("norm")
        return state + correction * norm["weight"] + norm["bias"]
    }
}
