import Foundation

/// CAPE's curriculum from teacher forcing to autoregressive rollout (METHODS.md §1.3).
///
/// With epoch e, warm-up w and E epochs, ê = (e − w)/(E − w) and s(ê) = ½[1 + tanh((ê − ½)/0.2)];
/// the first T_AR = clip(⌊T·s⌋, 1, T) steps of a T-step rollout feed back the model's own
/// predictions, the rest are fed the true frames.
public struct CurriculumSchedule: Sendable, Equatable {
    public var epochs: Int
    public var warmupEpochs: Int
    /// Rollout steps per training trajectory (T).
    public var steps: Int

    public init(epochs: Int, warmupEpochs: Int = 0, steps: Int) {
        precondition(epochs > warmupEpochs && warmupEpochs >= 0 && steps >= 1, "curriculum needs epochs > warm-up and steps ≥ 1")
        (self.epochs, self.warmupEpochs, self.steps) = (epochs, warmupEpochs, steps)
    }

    /// s(ê) for the training progress ê ∈ [0, 1].
    public static func share(progress: Double) -> Double {
        (1 + tanh((progress - 0.5) / 0.2)) / 2
    }

    /// Number of leading autoregressive steps at `epoch` (0-based).
    public func autoregressiveSteps(atEpoch epoch: Int) -> Int {
        let progress = Swift.min(Swift.max(Double(epoch - warmupEpochs) / Double(epochs - warmupEpochs), 0), 1)
        let count = Int((Double(steps) * Self.share(progress: progress)).rounded(.down))
        return Swift.min(Swift.max(count, 1), steps)
    }
}
