/// Whether operations on variables are recorded for differentiation in the current task.
///
/// Recording is on by default; inference and optimiser updates switch it off with
/// `withoutRecording`, and `gradients(of:wrt:createGraph:)` turns it on only when the
/// gradient itself must be differentiable.
public enum Recording {
    @TaskLocal public static var isEnabled = true
}

/// Runs `body` with recording switched off: results are plain constants.
public func withoutRecording<R>(_ body: () throws -> R) rethrows -> R {
    try Recording.$isEnabled.withValue(false, operation: body)
}
