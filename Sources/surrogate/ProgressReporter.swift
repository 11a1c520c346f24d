import Foundation

/// One progress line per unit of work: `epoch 3/20  … elapsed 12s  ETA 1m08s`. A resumed run
/// passes the units done before it started, so the ETA uses this run's pace only.
struct ProgressReporter {
    let total: Int
    let first: Int
    let start = Date()

    init(total: Int, startingAt first: Int = 0) {
        (self.total, self.first) = (total, first)
    }

    func report(_ done: Int, _ detail: String) {
        let elapsed = Date().timeIntervalSince(start)
        let remaining = elapsed / Double(max(done - first, 1)) * Double(total - done)
        print("epoch \(done)/\(total)  \(detail)  elapsed \(Self.format(elapsed))  ETA \(Self.format(remaining))")
        fflush(nil)
    }

    static func format(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? String(format: "%dm%02ds", whole / 60, whole % 60) : "\(whole)s"
    }
}
