import Autodiff
import NeuralNetworks
import TensorCore

/// CAPE in 2-D (Takamoto et al. 2023; METHODS.md §1.2): the module of `CAPE1d` on fields
/// `[N, c, X, Y]`, with the PDE parameters squashed into (0, 1) and a multiplicative residual.
///
///     λ̃      = σ(log λ) = λ / (1 + λ)                                 (λ > 0)
///     a_i(λ) = W_{i,2} GELU(W_{i,1} λ̃ + b_{i,1}) + b_{i,2}            i = 0, 1, 2 (length d)
///     h      = GELU(Conv_K(u))                                        c → d/2 channels, no bias
///     y      = a_0 ⊙ Up₄(K_spec(Pool₄ h)) + a_1 ⊙ P(h) + a_2 ⊙ D(h) + Q(h)
///     û      = u ⊙ (1 + γ ⊙ LN_xy(R(GELU(y))) + δ)                    (multiplicative residual)
///
/// Pool₄ averages 4×4 boxes and Up₄ repeats each value over a 4×4 box; K_spec is a spectral
/// convolution (d/2 → d) on `modes × modes` frequencies, P and Q 1×1 convolutions (d/2 → d), D a
/// grouped K×K convolution with groups d/2 (two outputs per input channel, no bias), R a 1×1
/// projection d → c, and LN_xy layer normalisation over the two spatial axes. γ and δ (`[c, 1, 1]`,
/// initialised to 1 and 0) are per field, as in `CAPE1d`. The pooled grid must hold the modes:
/// X/pool ≥ 2·modes and Y/pool ≥ 2·(modes − 1), so the paper's 9 modes need X ≥ 72 with pool 4
/// (on 64² grids use 8 modes; PyTorch would silently overlap the two corner blocks instead).
public struct CAPE2d<Scalar: TensorScalar>: ParameterEmbedding {
    public struct Configuration: Codable, Sendable, Equatable {
        /// Fields of the state (c).
        public var fields: Int
        /// PDE parameters (p), all positive (they pass through a logarithm).
        public var parameters: Int
        /// Widening factor d (64 in the paper).
        public var width: Int
        /// Frequencies kept per axis by the spectral path (9 in the paper).
        public var modes: Int
        public var kernel: Int
        /// Average-pooling factor per axis in front of the spectral path.
        public var pool: Int

        public init(fields: Int = 1, parameters: Int = 1, width: Int = 64, modes: Int = 9, kernel: Int = 5, pool: Int = 4) {
            precondition(width % 2 == 0 && kernel % 2 == 1, "CAPE needs an even width and an odd kernel")
            (self.fields, self.parameters, self.width, self.modes, self.kernel, self.pool) =
                (fields, parameters, width, modes, kernel, pool)
        }
    }

    public static var architectureID: String { "cape2d" }

    public static func configuration(fields: Int, parameters: Int) -> Configuration {
        Configuration(fields: fields, parameters: parameters)
    }
    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    private var half: Int { configuration.width / 2 }
    private var lift: Conv2d<Scalar> {
        Conv2d(inputs: configuration.fields, outputs: half, kernel: configuration.kernel,
               padding: configuration.kernel / 2, useBias: false)
    }
    private var attention: MLP<Scalar> {
        MLP(sizes: [configuration.parameters, half, configuration.width], activation: .gelu)
    }
    private var spectral: SpectralConv2d<Scalar> {
        SpectralConv2d(inputs: half, outputs: configuration.width, modes1: configuration.modes, modes2: configuration.modes)
    }
    private var pointwise: Conv2d<Scalar> { Conv2d(inputs: half, outputs: configuration.width, kernel: 1) }
    private var depthwise: Conv2d<Scalar> {
        Conv2d(inputs: half, outputs: configuration.width, kernel: configuration.kernel,
               padding: configuration.kernel / 2, groups: half, useBias: false)
    }
    private var plain: Conv2d<Scalar> { Conv2d(inputs: half, outputs: configuration.width, kernel: 1) }
    private var projection: Conv2d<Scalar> { Conv2d(inputs: configuration.width, outputs: configuration.fields, kernel: 1) }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        var set = ParameterSet<Scalar>()
        set.insert(lift.initialParameters(using: &generator), prefix: "lift")
        for path in 0..<3 { set.insert(attention.initialParameters(using: &generator), prefix: "attention.\(path)") }
        set.insert(spectral.initialParameters(using: &generator), prefix: "spectral")
        set.insert(pointwise.initialParameters(using: &generator), prefix: "pointwise")
        set.insert(depthwise.initialParameters(using: &generator), prefix: "depthwise")
        set.insert(plain.initialParameters(using: &generator), prefix: "plain")
        set.insert(projection.initialParameters(using: &generator), prefix: "projection")
        set.insert(ParameterSet(["weight": .ones([configuration.fields, 1, 1]), "bias": .zeros([configuration.fields, 1, 1])]),
                   prefix: "norm")
        return set
    }

    /// The three channel-attention vectors a_i(σ(log λ)), each `[N, d, 1, 1]`, for positive
    /// parameters λ `[N, p]`.
    public func attentionWeights(_ pdeParameters: Variable<Scalar>, parameters: Parameters<Scalar>) -> [Variable<Scalar>] {
        precondition(pdeParameters.rank == 2 && pdeParameters.shape[1] == configuration.parameters,
                     "\(Self.self) expects parameters [N, \(configuration.parameters)], got \(pdeParameters.shape)")
        let squashed = pdeParameters.log().sigmoid()
        return (0..<3).map { path in
            attention(squashed, parameters: parameters.scope("attention.\(path)")).unsqueezed(axis: 2).unsqueezed(axis: 3)
        }
    }

    /// The estimate û of the next state from `state` and the attention vectors of
    /// `attentionWeights` (`ParameterEmbedding`'s `callAsFunction(_:pdeParameters:parameters:)`
    /// computes them from λ).
    public func callAsFunction(_ state: Variable<Scalar>, attention a: [Variable<Scalar>],
                               parameters: Parameters<Scalar>) -> Variable<Scalar> {
        let config = configuration
        precondition(state.rank == 4 && state.shape[1] == config.fields
                     && state.shape[2] % config.pool == 0 && state.shape[3] % config.pool == 0,
                     "CAPE2d expects [N, \(config.fields), X, Y] with X, Y multiples of \(config.pool), got \(state.shape)")
        precondition(a.count == 3 && a.allSatisfy { $0.shape[0] == state.shape[0] },
                     "\(Self.self) expects three attention vectors for a batch of \(state.shape[0])")
        let h = lift(state, parameters: parameters.scope("lift")).gelu()
        let global = spectral(h.averagePooled(by: config.pool, dimensions: 2), parameters: parameters.scope("spectral"))
            .upsampledNearest(by: config.pool, dimensions: 2)
        var y = a[0] * global
        y = y + a[1] * pointwise(h, parameters: parameters.scope("pointwise"))
        y = y + a[2] * depthwise(h, parameters: parameters.scope("depthwise"))
        y = y + plain(h, parameters: parameters.scope("plain"))
        let correction = projection(y.gelu(), parameters: parameters.scope("projection")).layerNormalized(axes: [2, 3])
        let norm = parameters.scope("norm")
        return state * (correction * norm["weight"] + norm["bias"] + 1)
    }
}
