import ArgumentParser
import DatasetIO
import Foundation
import ModelStore
import Training

extension DataSplit: ExpressibleByArgument {}

/// `surrogate evaluate MODEL DATA…`: fully autoregressive rollouts from each trajectory's first
/// frame, PDEBench metrics per file (one PDE parameter value per file) as Markdown and JSON,
/// and space-time pictures of truth vs prediction.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a trained model's autoregressive rollouts on PDEBench files, per parameter value.")

    @Argument(help: "The model folder (model.json + weights.safetensors).") var model: String
    @Argument(help: "PDEBench HDF5 files, one parameter value each.") var data: [String]
    @Option(help: "Which trajectories of each file: all, test (PDEBench's first 10 %) or train.") var split = DataSplit.all
    @Option(help: "Also write the table as JSON to this file.") var json: String?
    @Option(help: "Also write the Markdown table to this file.") var markdown: String?
    @Option(help: "Write one SVG picture per data file into this folder.") var pictures: String?
    @Option(help: "Samples drawn per picture.") var pictureSamples = 3

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("name at least one data file") }
        guard pictureSamples >= 1 else { throw ValidationError("--picture-samples must be ≥ 1") }
    }

    func run() throws {
        let evaluation = try RolloutEvaluation(modelDirectory: model)
        var rows = [EvaluationRow]()
        for path in data {
            let (row, truth, prediction) = try evaluation.evaluate(path: path, split: split)
            rows.append(row)
            if let pictures {
                let figure = SpaceTimeFigure(title: "\(row.file): nRMSE \(String(format: "%.4f", row.nRMSE)) (\(model))",
                                             truth: truth, prediction: prediction,
                                             samples: Array(0..<min(pictureSamples, row.samples)))
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".svg"
                try AtomicFile.write(Data(figure.svg.utf8), to: URL(fileURLWithPath: pictures).appendingPathComponent(name))
            }
        }
        let table = EvaluationRow.markdown(rows)
        print(table, terminator: "")
        if let markdown { try AtomicFile.write(Data(table.utf8), to: URL(fileURLWithPath: markdown)) }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(rows), to: URL(fileURLWithPath: json))
        }
    }
}

