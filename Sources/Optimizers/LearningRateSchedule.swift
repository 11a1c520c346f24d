import RealModule

/// A learning rate as a function of the epoch (or step) index, counted from 0.
public protocol LearningRateSchedule: Sendable {
    func learningRate(at index: Int) -> Double
}

/// lr = initial · γ^⌊index / stepSize⌋ (PyTorch's `StepLR`).
public struct StepSchedule: LearningRateSchedule {
    public var initial: Double
    public var stepSize: Int
    public var gamma: Double

    public init(initial: Double, stepSize: Int, gamma: Double) {
        precondition(stepSize > 0, "StepSchedule needs a positive step size")
        (self.initial, self.stepSize, self.gamma) = (initial, stepSize, gamma)
    }

    public func learningRate(at index: Int) -> Double {
        initial * Double.pow(gamma, Double(index / stepSize))
    }
}

/// lr = min + ½(initial − min)(1 + cos(π · index / total)) (PyTorch's `CosineAnnealingLR`),
/// held at `minimum` after `total`.
public struct CosineSchedule: LearningRateSchedule {
    public var initial: Double
    public var total: Int
    public var minimum: Double

    public init(initial: Double, total: Int, minimum: Double = 0) {
        precondition(total > 0, "CosineSchedule needs a positive length")
        (self.initial, self.total, self.minimum) = (initial, total, minimum)
    }

    public func learningRate(at index: Int) -> Double {
        let progress = Double(Swift.min(index, total)) / Double(total)
        return minimum + (initial - minimum) * (1 + Double.cos(.pi * progress)) / 2
    }
}

