import Conversion
import Foundation

/// Progress of a conversion batch on standard error: a redrawn bar on a terminal
/// (`[#####·····] 12/40 files  1.2 GB/4.0 GB  85 MB/s  ETA 31s`), else one line per file.
final class ConversionProgress: @unchecked Sendable {
    private let total: Int
    private let totalBytes: Int
    private let quiet: Bool
    private let terminal = isatty(2) != 0
    private let start = Date()
    private let lock = NSLock()
    private var bytesDone = 0

    init(total: Int, bytes: Int, quiet: Bool) {
        (self.total, totalBytes, self.quiet) = (total, bytes, quiet)
    }

    func update(_ entry: ConversionReport.Entry, finished: Int) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        bytesDone += entry.inputs.map(ConvertCommand.size).reduce(0, +)
        let elapsed = Date().timeIntervalSince(start)
        let rate = Double(bytesDone) / max(elapsed, 1e-3)
        let remaining = rate > 0 ? Double(totalBytes - bytesDone) / rate : 0
        let counts = "\(finished)/\(total) files  \(ConversionReport.size(bytesDone))/\(ConversionReport.size(totalBytes))  "
            + "\(ConversionReport.size(Int(rate)))/s  ETA \(ProgressReporter.format(remaining))"
        if terminal {
            let filled = total > 0 ? finished * 20 / total : 20
            let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: 20 - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(counts)\u{1B}[K".utf8))
        } else {
            let name = URL(fileURLWithPath: entry.inputs.count == 1 ? entry.inputs[0] : entry.output).lastPathComponent
            FileHandle.standardError.write(Data("[\(finished)/\(total)] \(entry.status.rawValue) \(name)  \(counts)\n".utf8))
        }
    }

    func end() {
        if terminal && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
