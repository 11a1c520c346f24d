import Autodiff
import NeuralNetworks
import TensorCore

/// How a neural solver learns of the PDE parameters λ (METHODS.md §1.5).
public enum ParameterConditioning: String, Codable, Sendable, CaseIterable {
    /// The plain base model, blind to λ.
    case none
    /// The "conditional" baseline: λ appended as constant input channels.
    case channels
    /// A CAPE module's estimate û from (u, λ) is concatenated to u.
    case cape
}

/// An operator on channels-first fields `[N, C, spatial…]` whose channel counts a wrapper may set.
public protocol ChannelOperator: Architecture, Layer {
    /// `configuration` with `inputs` input and `outputs` output channels.
    static func configuration(_ configuration: Configuration, inputs: Int, outputs: Int) -> Configuration
}

/// A module that estimates the next state from the state and the PDE parameters (CAPE).
public protocol ParameterEmbedding: Architecture {
    /// The module's default configuration for `fields` fields and `parameters` PDE parameters.
    static func configuration(fields: Int, parameters: Int) -> Configuration
    /// The channel-attention vectors a_i(λ), the module's only dependence on λ.
    func attentionWeights(_ pdeParameters: Variable<Scalar>, parameters: Parameters<Scalar>) -> [Variable<Scalar>]
    /// The estimate û from `state` and attention vectors computed beforehand (a rollout, whose λ
    /// does not change, computes them once).
    func callAsFunction(_ state: Variable<Scalar>, attention: [Variable<Scalar>], parameters: Parameters<Scalar>) -> Variable<Scalar>
}

extension ParameterEmbedding {
    /// The estimate û, shaped like `state` `[N, c, spatial…]`, for PDE parameters `[N, p]`.
    public func callAsFunction(_ state: Variable<Scalar>, pdeParameters: Variable<Scalar>,
                               parameters: Parameters<Scalar>) -> Variable<Scalar> {
        self(state, attention: attentionWeights(pdeParameters, parameters: parameters), parameters: parameters)
    }
}

/// Conditioned 1-D operators with the 1-D CAPE module (additive residual).
public typealias ConditionedOperator1d<Base: ChannelOperator> = ConditionedOperator<Base, CAPE1d<Base.Scalar>>
/// Conditioned 2-D operators with the 2-D CAPE module (σ(log λ) attention, multiplicative residual).
public typealias ConditionedOperator2d<Base: ChannelOperator> = ConditionedOperator<Base, CAPE2d<Base.Scalar>>
/// The FNO of the CAPE paper's 1-D experiments.
public typealias ConditionedFNO1d<Scalar: TensorScalar> = ConditionedOperator1d<FNO1d<Scalar>>

/// An autoregressive neural solver u^k → u^{k+1} for a family of PDEs with parameters λ,
/// wrapping any base operator (FNO, U-Net; 1-D or 2-D) in the three forms CAPE compares
/// (METHODS.md §1.2, §1.5):
///
/// - `.none`: the base alone, c → c channels;
/// - `.channels`: λ appended as constant input channels, c + p → c;
/// - `.cape`: the `Embedding` module's estimate û from (u, λ) is concatenated to u, the base
///   maps the 2c channels to 2c, and a 1×1 head maps them to c.
public struct ConditionedOperator<Base: ChannelOperator, Embedding: ParameterEmbedding>: Architecture
    where Embedding.Scalar == Base.Scalar {
    public typealias Scalar = Base.Scalar
    public typealias Conditioning = ParameterConditioning

    public struct Configuration: Codable, Sendable, Equatable {
        public var fields: Int
        public var parameters: Int
        public var conditioning: Conditioning
        /// The base model (its channel counts are set from the fields, parameters and conditioning).
        public var base: Base.Configuration
        /// The CAPE module, for `.cape`.
        public var cape: Embedding.Configuration?

        public init(fields: Int = 1, parameters: Int = 1, conditioning: Conditioning, base: Base.Configuration,
                    cape: Embedding.Configuration? = nil) {
            self.fields = fields
            self.parameters = parameters
            self.conditioning = conditioning
            let inputs = conditioning == .none ? fields : conditioning == .channels ? fields + parameters : 2 * fields
            self.base = Base.configuration(base, inputs: inputs, outputs: conditioning == .cape ? 2 * fields : fields)
            self.cape = conditioning == .cape ? (cape ?? Embedding.configuration(fields: fields, parameters: parameters)) : nil
        }
    }

    /// `fno1d-conditioned`, `unet1d-conditioned`, …
    public static var architectureID: String { Base.architectureID + "-conditioned" }
    public let configuration: Configuration

    public init(configuration: Configuration) {
        precondition((configuration.conditioning == .cape) == (configuration.cape != nil), "a CAPE configuration goes with .cape only")
        self.configuration = configuration
    }

    private var base: Base { Base(configuration: configuration.base) }
    private var cape: Embedding? { configuration.cape.map { Embedding(configuration: $0) } }
    /// 1×1 convolution 2c → c, applied over the flattened spatial axes.
    private var head: Conv1d<Scalar> { Conv1d(inputs: 2 * configuration.fields, outputs: configuration.fields, kernel: 1) }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        var set = ParameterSet<Scalar>()
        set.insert(base.initialParameters(using: &generator), prefix: "base")
        if let cape {
            set.insert(cape.initialParameters(using: &generator), prefix: "cape")
            set.insert(head.initialParameters(using: &generator), prefix: "head")
        }
        return set
    }

    /// One step: the next state `[N, c, spatial…]` from the state and the PDE parameters `[N, p]`,
    /// and CAPE's own estimate û (for its auxiliary loss) when there is one.
    public func step(_ state: Variable<Scalar>, pdeParameters: Variable<Scalar>,
                     parameters: Parameters<Scalar>) -> (next: Variable<Scalar>, estimate: Variable<Scalar>?) {
        step(state, pdeParameters: pdeParameters, attention: nil, parameters: parameters)
    }

    /// `step` with CAPE's attention vectors for `pdeParameters` already computed (or nil).
    func step(_ state: Variable<Scalar>, pdeParameters: Variable<Scalar>, attention: [Variable<Scalar>]?,
              parameters: Parameters<Scalar>) -> (next: Variable<Scalar>, estimate: Variable<Scalar>?) {
        let batch = state.shape[0], spatial = Array(state.shape.dropFirst(2))
        precondition(state.rank >= 3 && state.shape[1] == configuration.fields,
                     "expected a state [N, \(configuration.fields), spatial…], got \(state.shape)")
        precondition(pdeParameters.shape == [batch, configuration.parameters],
                     "expected PDE parameters [\(batch), \(configuration.parameters)], got \(pdeParameters.shape)")
        switch configuration.conditioning {
        case .none:
            return (base(state, parameters: parameters.scope("base")), nil)
        case .channels:
            let constant = pdeParameters.reshaped([batch, configuration.parameters] + spatial.map { _ in 1 })
                .expanded(to: [batch, configuration.parameters] + spatial)
            return (base(Variable.concatenate([state, constant], axis: 1), parameters: parameters.scope("base")), nil)
        case .cape:
            let estimate = attention.map { cape!(state, attention: $0, parameters: parameters.scope("cape")) }
                ?? cape!(state, pdeParameters: pdeParameters, parameters: parameters.scope("cape"))
            let mixed = base(Variable.concatenate([state, estimate], axis: 1), parameters: parameters.scope("base"))
            let flat = head(mixed.reshaped([batch, 2 * configuration.fields, -1]), parameters: parameters.scope("head"))
            return (flat.reshaped([batch, configuration.fields] + spatial), estimate)
        }
    }

    /// CAPE's estimate û alone, for training the module by itself during warm-up; nil without CAPE.
    public func capeEstimate(_ state: Variable<Scalar>, pdeParameters: Variable<Scalar>,
                             parameters: Parameters<Scalar>) -> Variable<Scalar>? {
        cape?(state, pdeParameters: pdeParameters, parameters: parameters.scope("cape"))
    }

    /// A fully autoregressive rollout of `steps` steps from `initial` `[N, c, spatial…]`:
    /// `[N, steps, c, spatial…]` (the initial frame not included).
    public func rollout(_ initial: Tensor<Scalar>, pdeParameters: Tensor<Scalar>, steps: Int,
                       parameters: ParameterSet<Scalar>) -> Tensor<Scalar> {
        rollout(initial, pdeParameters: pdeParameters, steps: steps, bound: parameters.constants())
    }

    /// `rollout` with the parameters already bound as constants (a server binds them once per
    /// loaded model instead of once per request).
    public func rollout(_ initial: Tensor<Scalar>, pdeParameters: Tensor<Scalar>, steps: Int,
                       bound: Parameters<Scalar>) -> Tensor<Scalar> {
        withoutRecording {
            var state = Variable(initial)
            var frames = [Tensor<Scalar>]()
            let lambda = Variable(pdeParameters)
            // CAPE's attention depends on λ alone: once per rollout, not once per step.
            let attention = cape?.attentionWeights(lambda, parameters: bound.scope("cape"))
            for _ in 0..<steps {
                state = step(state, pdeParameters: lambda, attention: attention, parameters: bound).next
                frames.append(state.value.unsqueezed(axis: 1))
            }
            return Tensor.concatenate(frames, axis: 1)
        }
    }
}
