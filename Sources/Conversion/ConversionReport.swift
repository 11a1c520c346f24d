import Foundation

/// The closing report of a batch: one entry per planned output, in input order, so that two
/// runs over the same files report the same way.
public struct ConversionReport: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        case converted, skipped, failed
        /// Not started because an earlier file failed under `--fail-fast`.
        case notRun = "not run"
    }

    public struct Entry: Codable, Sendable {
        public var inputs: [String]
        public var output: String
        public var status: Status
        public var bytesIn = 0
        public var bytesOut = 0
        public var seconds = 0.0
        /// The one-line error for a failed file, or why it was skipped.
        public var reason: String?
        public var notes: [String] = []
    }

    public var entries: [Entry]
    public var seconds = 0.0

    public func count(_ status: Status) -> Int { entries.filter { $0.status == status }.count }
    public var failed: Bool { count(.failed) > 0 }

    /// `converted 18, skipped 1, failed 1 (2.0 GB in, 1.1 GB out, 41.3 s)`.
    public var summary: String {
        let done = entries.filter { $0.status == .converted }
        let moved = String(format: "%@ in, %@ out, %.1f s", Self.size(done.map(\.bytesIn).reduce(0, +)),
                           Self.size(done.map(\.bytesOut).reduce(0, +)), seconds)
        var parts = ["converted \(count(.converted))", "skipped \(count(.skipped))", "failed \(count(.failed))"]
        if count(.notRun) > 0 { parts.append("not run \(count(.notRun))") }
        return parts.joined(separator: ", ") + " (\(moved))"
    }

    /// One line per entry: status, input → output, sizes and time, then reason and notes.
    public var table: String {
        entries.map { entry in
            let input = entry.inputs.count == 1 ? entry.inputs[0] : "\(entry.inputs.count) files"
            var line = "\(entry.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(input) → \(entry.output)"
            if entry.status == .converted {
                line += String(format: "  %@ → %@  %.2f s", Self.size(entry.bytesIn), Self.size(entry.bytesOut), entry.seconds)
            }
            if let reason = entry.reason { line += "  \(reason)" }
            return ([line] + entry.notes.map { "          note: \($0)" }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    public static func size(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        return String(format: "%.1f kB", value / 1e3)
    }
}
