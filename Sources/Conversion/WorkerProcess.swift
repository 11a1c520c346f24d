import Foundation

/// Runs one job in a child `surrogate convert-worker` process and decodes its answer: a
/// `WorkerReply` as JSON on standard output. The worker says `opened` on standard error once
/// it has read the headers; a worker silent for longer than `openTimeout` is stopped (corrupt
/// headers can make the C libraries loop, and a named pipe blocks the open forever), while the
/// data phase, which grows with the file, has no limit.
enum WorkerProcess {
    /// What the worker writes to standard error when the headers are read.
    static let openedSignal = "opened"

    static func run(_ executable: URL, job: ConversionJob, openTimeout: Double) throws -> ConversionOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["convert-worker"]
        let (input, output, signals) = (Pipe(), Pipe(), Pipe())
        (process.standardInput, process.standardOutput, process.standardError) = (input, output, signals)
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: JSONEncoder().encode(job))
        try input.fileHandleForWriting.close()

        let answer = Answer()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { answer.set(output.fileHandleForReading.readDataToEndOfFile()) }
        let opened = DispatchSemaphore(value: 0)
        DispatchQueue.global().async(group: group) {
            var seen = Data()
            while true {
                let chunk = signals.fileHandleForReading.availableData
                seen += chunk
                if chunk.isEmpty || String(decoding: seen, as: UTF8.self).contains(openedSignal) { break }
            }
            opened.signal()
        }
        if opened.wait(timeout: .now() + openTimeout) == .timedOut {
            process.terminate()
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            process.waitUntilExit()
            group.wait()
            throw WorkerFailure(description: String(format: "no header read after %.0f s (a corrupt header can make libnetcdf/libhdf5 loop; a named pipe never opens); stopped, no output was written", openTimeout))
        }
        process.waitUntilExit()
        group.wait()
        if let reply = try? JSONDecoder().decode(WorkerReply.self, from: answer.data) {
            if let error = reply.error { throw WorkerFailure(description: error) }
            if let outcome = reply.outcome { return outcome }
        }
        if process.terminationReason == .uncaughtSignal {
            throw WorkerFailure(description: "the converter crashed (signal \(process.terminationStatus)) on this file; no output was written")
        }
        throw WorkerFailure(description: "the converter exited with status \(process.terminationStatus) without an answer")
    }
}

/// The worker's standard output, collected on another thread.
private final class Answer: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()
    func set(_ data: Data) { lock.withLock { bytes = data } }
    var data: Data { lock.withLock { bytes } }
}

/// What `convert-worker` prints: the outcome, or the one-line error.
public struct WorkerReply: Codable, Sendable {
    public var outcome: ConversionOutcome?
    public var error: String?

    public init(outcome: ConversionOutcome?, error: String?) {
        (self.outcome, self.error) = (outcome, error)
    }
}

struct WorkerFailure: Error, CustomStringConvertible {
    let description: String
}
