import Foundation

/// Runs the interop peers (h5py, safetensors, …) from the test virtual environment that
/// `make test` creates under `.venv/`. `SURROGATE_PYTHON` overrides the interpreter.
public enum PythonPeer {
    /// The package root, found from this file's location.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static var interpreter: String {
        ProcessInfo.processInfo.environment["SURROGATE_PYTHON"] ?? packageRoot.appendingPathComponent(".venv/bin/python").path
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `script` with `arguments`; returns standard output, or throws with standard error.
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: interpreter) else {
            throw Failure(description: "no Python at \(interpreter): run `make test`, which creates the .venv with the peers")
        }
        let result = try ProcessRunner.run(URL(fileURLWithPath: interpreter), ["-c", script] + arguments)
        guard result.status == 0 else { throw Failure(description: "python exited \(result.status): \(result.errors)") }
        return result.output
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("surrogate-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
