import Foundation

/// One progress line per unit of work: `epoch 3/20  … elapsed 12s  ETA 1m08s`.
struct ProgressReporter {
    let total: Int
    let start = Date()

    init(total: Int) {
        self.total = total
    }

    func report(_ done: Int, _ detail: String) {
        let elapsed = Date().timeIntervalSince(start)
        let remaining = elapsed / Double(done) * Double(total - done)
        print("epoch \(done)/\(total)  \(detail)  elapsed \(Self.format(elapsed))  ETA \(Self.format(remaining))")
        fflush(nil)
    }

    static func format(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? String(format: "%dm%02ds", whole / 60, whole % 60) : "\(whole)s"
    }
}
