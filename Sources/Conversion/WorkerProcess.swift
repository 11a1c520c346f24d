import Foundation

/// Runs one job in a child `surrogate convert-worker` process and decodes its answer: a
/// `WorkerReply` as JSON on standard output.
enum WorkerProcess {
    static func run(_ executable: URL, job: ConversionJob) throws -> ConversionOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["convert-worker"]
        let (input, output) = (Pipe(), Pipe())
        (process.standardInput, process.standardOutput, process.standardError) = (input, output, FileHandle.nullDevice)
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: JSONEncoder().encode(job))
        try input.fileHandleForWriting.close()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if let reply = try? JSONDecoder().decode(WorkerReply.self, from: answer) {
            if let error = reply.error { throw WorkerFailure(description: error) }
            if let outcome = reply.outcome { return outcome }
        }
        if process.terminationReason == .uncaughtSignal {
            throw WorkerFailure(description: "the converter crashed (signal \(process.terminationStatus)) reading it, a fault of libnetcdf/libhdf5 on a corrupt file; no output was written")
        }
        throw WorkerFailure(description: "the converter exited with status \(process.terminationStatus) without an answer")
    }
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
