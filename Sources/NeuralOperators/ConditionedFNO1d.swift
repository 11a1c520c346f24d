import Autodiff
import NeuralNetworks
import TensorCore

/// An autoregressive 1-D neural solver u^k → u^{k+1} for a family of PDEs with parameters λ,
/// in the three forms CAPE compares (METHODS.md §1.2, §1.5):
///
/// - `.none`: the plain FNO, blind to λ;
/// - `.channels`: the "conditional" baseline, λ appended as constant input channels;
/// - `.cape`: a `CAPE1d` estimate û from (u, λ) is concatenated to u, the FNO maps the 2c
///   channels to 2c, and a 1×1 head maps them to c.
public struct ConditionedFNO1d<Scalar: TensorScalar>: Architecture {
    public enum Conditioning: String, Codable, Sendable, CaseIterable {
        case none, channels, cape
    }

    public struct Configuration: Codable, Sendable, Equatable {
        public var fields: Int
        public var parameters: Int
        public var conditioning: Conditioning
        /// The base FNO's width, modes, layers and projection (its channel counts are derived).
        public var base: FNO1d<Scalar>.Configuration
        /// The CAPE module, for `.cape`.
        public var cape: CAPE1d<Scalar>.Configuration?

        public init(fields: Int = 1, parameters: Int = 1, conditioning: Conditioning, width: Int, modes: Int = 12,
                    layers: Int = 4, cape: CAPE1d<Scalar>.Configuration? = nil) {
            self.fields = fields
            self.parameters = parameters
            self.conditioning = conditioning
            let inputs = conditioning == .none ? fields : conditioning == .channels ? fields + parameters : 2 * fields
            base = .init(inputChannels: inputs, outputChannels: conditioning == .cape ? 2 * fields : fields,
                         width: width, modes: modes, layers: layers)
            self.cape = conditioning == .cape ? (cape ?? .init(fields: fields, parameters: parameters)) : nil
        }
    }

    public static var architectureID: String { "fno1d-conditioned" }
    public let configuration: Configuration

    public init(configuration: Configuration) {
        precondition((configuration.conditioning == .cape) == (configuration.cape != nil), "a CAPE configuration goes with .cape only")
        self.configuration = configuration
    }

    private var base: FNO1d<Scalar> { FNO1d(configuration: configuration.base) }
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
