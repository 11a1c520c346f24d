import Foundation

/// A batch of conversions run in worker processes (netcdf-c and HDF5 are not thread-safe, so
/// parallelism comes from processes; a crash in one file's worker cannot take the batch down).
/// Each worker is `surrogate convert-worker`, given one `ConversionJob` as JSON on standard
/// input; it answers a `ConversionOutcome` as JSON, or one error line and a non-zero exit.
public struct BatchConversion: Sendable {
    public var jobs: [ConversionJob]
    /// Worker processes at once.
    public var parallelism: Int
    /// Skip jobs whose output exists (outputs are atomic, so an existing one is complete).
    public var resume: Bool
    /// Stop starting jobs after the first failure.
    public var failFast: Bool
    /// Seconds a worker may take to read its inputs' headers (`WorkerProcess`).
    public var openTimeout = 120.0

    /// Plans one job per input file, or a single job over all of them for `--concat`; output
    /// names are `<stem>.<ext>` in `directory` (`name` for a concatenation, default `concat`).
    public init(patterns: [String], directory: String, name: String?, options: ConversionOptions,
                parallelism: Int, resume: Bool, failFast: Bool) throws {
        let files = try InputExpansion.files(patterns)
        guard !files.isEmpty else { throw ConversionError.noInputs(patterns: patterns) }
        let folder = URL(fileURLWithPath: directory)
        func output(_ stem: String) -> String { folder.appendingPathComponent("\(stem).\(options.kind.fileExtension)").path }
        if options.concatenate != nil {
            jobs = [ConversionJob(inputs: files, output: output(name ?? "concat"), options: options)]
        } else {
            jobs = files.map { ConversionJob(inputs: [$0], output: output(URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent), options: options) }
            var owners = [String: String]()
            for job in jobs {
                let output = URL(fileURLWithPath: job.output).standardizedFileURL.path
                if URL(fileURLWithPath: job.inputs[0]).standardizedFileURL.path == output {
                    throw ConversionError.badOption(option: "--out \(directory)", reason: "\(job.inputs[0]) would be overwritten by its own output; choose another folder")
                }
                if let other = owners.updateValue(job.inputs[0], forKey: job.output) {
                    throw ConversionError.badOption(option: "inputs", reason: "\(other) and \(job.inputs[0]) would both write \(job.output)")
                }
            }
        }
        (self.parallelism, self.resume, self.failFast) = (max(1, parallelism), resume, failFast)
    }

    /// Runs every job with `worker` (the `surrogate` executable), calling `progress` after
    /// each finishes (from worker threads, one call at a time).
    public func run(worker: URL, progress: @escaping @Sendable (ConversionReport.Entry, Int) -> Void) -> ConversionReport {
        let state = BatchState(jobs: jobs, failFast: failFast)
        let started = Date()
        let threads = (0..<min(parallelism, jobs.count)).map { _ in
            Thread { [self] in
                while let index = state.next() {
                    let entry = execute(jobs[index], worker: worker)
                    let finished = state.finish(index, entry)
                    progress(entry, finished)
                }
            }
        }
        threads.forEach { $0.stackSize = 1 << 20; $0.start() }
        state.waitUntilDone()
        var report = ConversionReport(entries: state.entries)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private func execute(_ job: ConversionJob, worker: URL) -> ConversionReport.Entry {
        var entry = ConversionReport.Entry(inputs: job.inputs, output: job.output, status: .converted)
        if resume && FileManager.default.fileExists(atPath: job.output) {
            (entry.status, entry.reason) = (.skipped, "output exists (--resume)")
            return entry
        }
        let started = Date()
        do {
            let outcome = try WorkerProcess.run(worker, job: job, openTimeout: openTimeout)
            (entry.bytesIn, entry.bytesOut, entry.notes) = (outcome.bytesIn, outcome.bytesOut, outcome.notes)
        } catch {
            (entry.status, entry.reason) = (.failed, "\(error)")
        }
        entry.seconds = Date().timeIntervalSince(started)
        return entry
    }
}

/// Shared bookkeeping of a running batch: which job is next, the entries so far.
private final class BatchState: @unchecked Sendable {
    private let condition = NSCondition()
    private var nextIndex = 0
    private var running = 0
    private var stopped = false
    private(set) var entries: [ConversionReport.Entry]
    private var finishedCount = 0
    private let failFast: Bool

    init(jobs: [ConversionJob], failFast: Bool) {
        self.failFast = failFast
        entries = jobs.map { ConversionReport.Entry(inputs: $0.inputs, output: $0.output, status: .notRun, reason: "not started: an earlier file failed (--fail-fast)") }
    }

    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, nextIndex < entries.count else { return nil }
        nextIndex += 1
        running += 1
        return nextIndex - 1
    }

    func finish(_ index: Int, _ entry: ConversionReport.Entry) -> Int {
        condition.lock()
        defer { condition.unlock() }
        entries[index] = entry
        if entry.status == .failed && failFast { stopped = true }
        running -= 1
        finishedCount += 1
        condition.broadcast()
        return finishedCount
    }

    func waitUntilDone() {
        condition.lock()
        defer { condition.unlock() }
        while running > 0 || (nextIndex < entries.count && !stopped) { condition.wait() }
    }
}
