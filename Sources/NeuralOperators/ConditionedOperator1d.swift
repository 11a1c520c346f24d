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

/// A 1-D operator on channels-first fields `[N, C, X]` whose channel counts a wrapper may set.
public protocol ChannelOperator1d: Architecture, Layer {
    /// `configuration` with `inputs` input and `outputs` output channels.
    static func configuration(_ configuration: Configuration, inputs: Int, outputs: Int) -> Configuration
}

/// The FNO of the CAPE paper's 1-D experiments.
public typealias ConditionedFNO1d<Scalar: TensorScalar> = ConditionedOperator1d<FNO1d<Scalar>>

/// An autoregressive 1-D neural solver u^k → u^{k+1} for a family of PDEs with parameters λ,
/// wrapping any base operator in the three forms CAPE compares (METHODS.md §1.2, §1.5):
///
/// - `.none`: the base alone, c → c channels;
/// - `.channels`: λ appended as constant input channels, c + p → c;
/// - `.cape`: a `CAPE1d` estimate û from (u, λ) is concatenated to u, the base maps the 2c
///   channels to 2c, and a 1×1 head maps them to c.
public struct ConditionedOperator1d<Base: ChannelOperator1d>: Architecture {
    public typealias Scalar = Base.Scalar
    public typealias Conditioning = ParameterConditioning

    public struct Configuration: Codable, Sendable, Equatable {
        public var fields: Int
        public var parameters: Int
        public var conditioning: Conditioning
        /// The base model (its channel counts are set from the fields, parameters and conditioning).
        public var base: Base.Configuration
        /// The CAPE module, for `.cape`.
        public var cape: CAPE1d<Scalar>.Configuration?

        public init(fields: Int = 1, parameters: Int = 1, conditioning: Conditioning, base: Base.Configuration,
                    cape: CAPE1d<Scalar>.Configuration? = nil) {
            self.fields = fields
            self.parameters = parameters
            self.conditioning = conditioning
            let inputs = conditioning == .none ? fields : conditioning == .channels ? fields + parameters : 2 * fields
            self.base = Base.configuration(base, inputs: inputs, outputs: conditioning == .cape ? 2 * fields : fields)
            self.cape = conditioning == .cape ? (cape ?? .init(fields: fields, parameters: parameters)) : nil
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
    private var cape: CAPE1d<Scalar>? { configuration.cape.map { CAPE1d(configuration: $0) } }
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

    /// One step: the next state `[N, c, X]` from the state and the PDE parameters `[N, p]`, and
    /// CAPE's own estimate û (for its auxiliary loss) when there is one.
    public func step(_ state: Variable<Scalar>, pdeParameters: Variable<Scalar>,
                     parameters: Parameters<Scalar>) -> (next: Variable<Scalar>, estimate: Variable<Scalar>?) {
        let (batch, points) = (state.shape[0], state.shape[2])
        precondition(state.rank == 3 && state.shape[1] == configuration.fields,
                     "expected a state [N, \(configuration.fields), X], got \(state.shape)")
        precondition(pdeParameters.shape == [batch, configuration.parameters],
                     "expected PDE parameters [\(batch), \(configuration.parameters)], got \(pdeParameters.shape)")
        switch configuration.conditioning {
        case .none:
            return (base(state, parameters: parameters.scope("base")), nil)
        case .channels:
            let constant = pdeParameters.unsqueezed(axis: 2).expanded(to: [batch, configuration.parameters, points])
            return (base(Variable.concatenate([state, constant], axis: 1), parameters: parameters.scope("base")), nil)
        case .cape:
            let estimate = cape!(state, pdeParameters: pdeParameters, parameters: parameters.scope("cape"))
            let mixed = base(Variable.concatenate([state, estimate], axis: 1), parameters: parameters.scope("base"))
            return (head(mixed, parameters: parameters.scope("head")), estimate)
        }
    }

    /// CAPE's estimate û alone, for training the module by itself during warm-up; nil without CAPE.
    public func capeEstimate(_ state: Variable<Scalar>, pdeParameters: Variable<Scalar>,
                             parameters: Parameters<Scalar>) -> Variable<Scalar>? {
        cape?(state, pdeParameters: pdeParameters, parameters: parameters.scope("cape"))
    }

    /// A fully autoregressive rollout of `steps` steps from `initial` `[N, c, X]`:
    /// `[N, steps, c, X]` (the initial frame not included).
    public func rollout(_ initial: Tensor<Scalar>, pdeParameters: Tensor<Scalar>, steps: Int,
                       parameters: ParameterSet<Scalar>) -> Tensor<Scalar> {
        withoutRecording {
            let bound = parameters.constants()
            var state = Variable(initial)
            var frames = [Tensor<Scalar>]()
            for _ in 0..<steps {
                state = step(state, pdeParameters: Variable(pdeParameters), parameters: bound).next
                frames.append(state.value.unsqueezed(axis: 1))
            }
            return Tensor.concatenate(frames, axis: 1)
        }
    }
}
