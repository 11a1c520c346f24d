import Foundation

/// Runs the `surrogate` executable built beside the tests (`.build/<configuration>/surrogate`).
public enum SurrogateExecutable {
    /// The executable of the configuration the tests were built in.
    public static var url: URL {
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        return PythonPeer.packageRoot.appendingPathComponent(".build/\(configuration)/surrogate")
    }

    public static func run(_ arguments: [String]) throws -> ProcessRunner.Result {
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw PythonPeer.Failure(description: "no executable at \(url.path): build the package first")
        }
        return try ProcessRunner.run(url, arguments)
    }
}
