import ArgumentParser
import DatasetIO
import Foundation
import ModelStore
import Training

extension DataSplit: ExpressibleByArgument {}

/// `surrogate evaluate MODEL DATA…`: fully autoregressive rollouts from each trajectory's first
/// frame, PDEBench metrics per file (one PDE parameter value per file) as Markdown and JSON,
/// space-time pictures of truth vs prediction, and the predicted trajectories as PDEBench files.
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
    @Option(help: ArgumentHelp("Write each file's rollouts into this folder as a PDEBench file of the same name.",
                               discussion: "`tensor` [N, T, X] holds the first frame, then the predicted ones, at the model's resolution."))
    var predictions: String?

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("name at least one data file") }
        guard pictureSamples >= 1 else { throw ValidationError("--picture-samples must be ≥ 1") }
        guard let predictions else { return }
        let names = data.map { URL(fileURLWithPath: $0).lastPathComponent }
        guard Set(names).count == names.count else { throw ValidationError("--predictions needs data files with distinct names") }
        for path in data where URL(fileURLWithPath: predictionPath(for: path)!).resolvingSymlinksInPath()
            == URL(fileURLWithPath: path).resolvingSymlinksInPath() {
            throw ValidationError("--predictions \(predictions) would overwrite the data file \(path)")
        }
    }

    /// Where `--predictions` puts the rollouts of the data file at `path`.
    func predictionPath(for path: String) -> String? {
        predictions.map { URL(fileURLWithPath: $0).appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path }
    }

    func run() throws {
        let evaluation = try RolloutEvaluation(modelDirectory: model)
        if let predictions { try FileManager.default.createDirectory(atPath: predictions, withIntermediateDirectories: true) }
        var rows = [EvaluationRow]()
        for path in data {
            let (row, truth, prediction) = try evaluation.evaluate(path: path, split: split, predictionsPath: predictionPath(for: path))
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

