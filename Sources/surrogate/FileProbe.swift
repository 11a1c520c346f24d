import ArgumentParser
import DatasetIO
import Foundation

/// Opens untrusted simulation files in a child process first.
///
/// Debian's libhdf5 1.10.8 can crash or loop forever inside the library on some corrupt files
/// (`make fuzz` finds such inputs within minutes; none of them in our code). A crash there
/// would take the whole command down, so commands that read user files first let a child
/// (`surrogate data probe FILE`) open the file, read its metadata and its first sample, and
/// turn a crash or a hang of that child into a one-line error.
enum FileProbe {
    static let timeout: TimeInterval = 30

    static func check(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["data", "probe", path]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2000) }
        let kind = NetCDFSummary.isNetCDF(path) ? "netCDF file (libnetcdf" : "HDF5 file (libhdf5"
        if process.isRunning {
            process.terminate()
            throw CommandFailure("\(path): corrupt \(kind) did not finish parsing it within \(Int(timeout)) s)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").first.map(String.init) ?? ""
        switch (process.terminationReason, process.terminationStatus) {
        case (.exit, 0): return
        case (.exit, _): throw CommandFailure(message.replacingOccurrences(of: "Error: ", with: ""))
        case let (.uncaughtSignal, signal):
            throw CommandFailure("\(path): corrupt \(kind) crashed while parsing it, signal \(signal))")
        @unknown default: throw CommandFailure("\(path): could not be probed")
        }
    }
}

extension DataCommand {
    /// `surrogate data probe FILE`: what `FileProbe` runs in the child.
    struct Probe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a file, read its metadata and first sample (used to isolate libhdf5).", shouldDisplay: false)
        @Argument var file: String

        func run() throws {
            if NetCDFSummary.isNetCDF(file) {
                _ = try NetCDFSummary.lines(NetCDFDataset.open(file))
                return
            }
            let data = try SimulationDataset(path: file)
            _ = data.parameters
            _ = try data.read(samples: 0..<1)
        }
    }
}
