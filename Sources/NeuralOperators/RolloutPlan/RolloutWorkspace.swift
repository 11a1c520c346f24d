import Synchronization

/// Every buffer one rollout of a `ConditionedFNO1dPlan` writes, for `batch` samples of `length`
/// points. A rollout takes one from its plan's `WorkspacePool` and gives it back, so that a
/// server's stream of small requests reuses warm buffers instead of allocating ~25 per request.
final class RolloutWorkspace: @unchecked Sendable {
    let batch: Int, length: Int
    let state, next, baseInput, baseOutput, estimate: PlanBuffer
    let base: FNO1dPlan.Workspace
    let cape: CAPE1dPlan.Workspace?

    init(base plan: FNO1dPlan, cape: CAPE1dPlan?, fields: Int, batch: Int, length: Int) {
        (self.batch, self.length) = (batch, length)
        state = PlanBuffer(scratch: batch * fields * length)
        next = PlanBuffer(scratch: batch * fields * length)
        baseInput = PlanBuffer(scratch: batch * plan.inputChannels * length)      // every channel written by the rollout
        baseOutput = PlanBuffer(scratch: batch * plan.configuration.outputChannels * length)
        estimate = PlanBuffer(scratch: batch * fields * length)
        base = FNO1dPlan.Workspace(plan, batch: batch, length: length)
        self.cape = cape.map { CAPE1dPlan.Workspace($0, batch: batch, length: length) }
        plan.writeGrid(into: baseInput.base, batch: batch, length: length)       // the same for every rollout
    }

    /// Floats held.
    var floatCount: Int {
        [state, next, baseInput, baseOutput, estimate].reduce(0) { $0 + $1.count } + base.floatCount + (cape?.floatCount ?? 0)
    }
}

/// Idle `RolloutWorkspace`s by (batch, points), for reuse. Only small ones are kept (at most
/// `maximumFloats` each, `perShape` per shape and `shapes` shapes): for large requests the
/// allocation is a small part of the work, and keeping their buffers would hold memory.
final class WorkspacePool: Sendable {
    static let maximumFloats = 1 << 20, perShape = 2, shapes = 8

    private struct Shape: Hashable {
        var batch: Int, length: Int
    }

    private let idle = Mutex<[Shape: [RolloutWorkspace]]>([:])

    /// An idle workspace of this shape, or a new one from `make`.
    func take(batch: Int, length: Int, make: () -> RolloutWorkspace) -> RolloutWorkspace {
        let shape = Shape(batch: batch, length: length)
        let found = idle.withLock { idle in idle[shape]?.popLast() }
        return found ?? make()
    }

    /// Gives `workspace` back for reuse (or lets it go when the pool is full or it is large).
    func give(_ workspace: RolloutWorkspace) {
        guard workspace.floatCount <= Self.maximumFloats else { return }
        let shape = Shape(batch: workspace.batch, length: workspace.length)
        idle.withLock { idle in
            guard idle[shape] != nil || idle.count < Self.shapes else { return }
            if idle[shape, default: []].count < Self.perShape { idle[shape, default: []].append(workspace) }
        }
    }
}
