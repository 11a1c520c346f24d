import ArgumentParser
import Foundation
import TensorCore

@main
struct SurrogateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surrogate",
        abstract: "Train learned surrogates of PDE simulations and serve them.",
        subcommands: [DemoCommand.self, SimulateCommand.self, TrainCommand.self, EvaluateCommand.self, DataCommand.self, InfoCommand.self, BenchStepsCommand.self])

    static func main() {
        BLASKernel.selectBestKernel()
        MemoryTuning.keepFreedBuffers()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
