/// A one-dimensional periodic PDE on x ∈ (0, 1), in PDEBench's conventions.
///
/// - `advection(beta:)`: u_t + β u_x = 0.
/// - `burgers(nu:)`: u_t + (u²/2)_x = (ν/π) u_xx. Note the 1/π: PDEBench's `Nu` is ν, the
///   diffusivity is κ = ν/π.
/// - `reactionDiffusion(nu:rho:)`: u_t = ν u_xx + ρ u(1 − u) (Fisher–KPP).
public enum PDE: Sendable, Hashable {
    case advection(beta: Double)
    case burgers(nu: Double)
    case reactionDiffusion(nu: Double, rho: Double)

    /// The coefficient κ of u_xx: 0 (advection), ν/π (Burgers), ν (reaction–diffusion).
    public var diffusivity: Double {
        switch self {
        case .advection: 0
        case let .burgers(nu): nu / .pi
        case let .reactionDiffusion(nu, _): nu
        }
    }

    /// The Courant number C of Δt = C·min(Δx/max|speed|, ½Δx²/κ): 0.4 for advection, 0.25
    /// for Burgers and reaction–diffusion (PDEBench's values).
    public var courantNumber: Double {
        switch self {
        case .advection: 0.4
        case .burgers, .reactionDiffusion: 0.25
        }
    }

    /// The parameters under the attribute names of PDEBench's files: `beta`; `Nu`; `Nu`, `rho`.
    public var attributes: [(name: String, value: Double)] {
        switch self {
        case let .advection(beta): [("beta", beta)]
        case let .burgers(nu): [("Nu", nu)]
        case let .reactionDiffusion(nu, rho): [("Nu", nu), ("rho", rho)]
        }
    }

    /// True for reaction–diffusion, whose states live in [0, 1].
    public var isReactionDiffusion: Bool {
        if case .reactionDiffusion = self { return true }
        return false
    }

    /// Throws unless every parameter is finite and every viscosity is non-negative.
    public func validate() throws(SimulationError) {
        for (name, value) in attributes where !value.isFinite {
            throw .invalidParameter(name: name, value: value, reason: "must be finite")
        }
        switch self {
        case let .burgers(nu) where nu < 0, let .reactionDiffusion(nu, _) where nu < 0:
            throw .invalidParameter(name: "Nu", value: nu, reason: "a viscosity must be non-negative")
        default:
            break
        }
    }
}
