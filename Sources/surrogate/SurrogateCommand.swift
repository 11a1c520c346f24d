import ArgumentParser
import Foundation
import TensorCore

@main
struct SurrogateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surrogate",
        abstract: "Train learned surrogates of PDE simulations and serve them.",
        subcommands: [DemoCommand.self, SimulateCommand.self, TrainCommand.self, EvaluateCommand.self, DataCommand.self, MeshCommand.self, InfoCommand.self, BenchStepsCommand.self,
                      ServeCommand.self, ConvertCommand.self, ConvertWorkerCommand.self])

    /// Without a subcommand: the help text.
    mutating func run() async throws {
        throw CleanExit.helpRequest(self)
    }

    static func main() async {
        BLASKernel.selectBestKernel()
        MemoryTuning.keepFreedBuffers()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
