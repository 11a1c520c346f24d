/// What one epoch did, as printed and as kept in the training state.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// "warm-up" (CAPE module alone) or "T_AR k/T" (leading autoregressive steps of the curriculum).
    public var phase: String
    /// Mean training loss per rollout step (relative L2), or CAPE's auxiliary loss in warm-up.
    public var loss: Double
    /// nRMSE of the fully autoregressive rollout of the validation trajectories.
    public var validationNRMSE: Double
    /// Their RMSE (meaningful also where solutions decay to zero and nRMSE explodes).
    public var validationRMSE: Double?
    public var learningRate: Double
    public var seconds: Double
}
