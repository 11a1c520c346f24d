import Foundation

/// Runs the `surrogate` executable built beside the tests (`.build/<configuration>/surrogate`).
public enum SurrogateExecutable {
    public struct Result {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    /// The executable of the configuration the tests were built in.
    public static var url: URL {
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        return PythonPeer.packageRoot.appendingPathComponent(".build/\(configuration)/surrogate")
    }

    public static func run(_ arguments: [String]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw PythonPeer.Failure(description: "no executable at \(url.path): build the package first")
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                      errors: String(decoding: err, as: UTF8.self))
    }
}
