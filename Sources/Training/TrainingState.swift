import Foundation
import ModelStore
import NeuralNetworks
import TensorCore

/// Everything a run needs to continue exactly where it stopped, in one safetensors file written
/// atomically after each epoch: parameters (`parameters.<name>`), the moments of both Adam
/// optimisers (`adam.m.<name>`, `warmup.v.<name>`, …), and as metadata the configuration, the
/// completed epochs, the optimiser step counts and the history.
struct TrainingState {
    static let fileName = "training-state.safetensors"

    var configuration: TrainingConfiguration
    var parameters: ParameterSet<Float>
    var adamStep: Int
    var adamMoments: [String: Tensor<Float>]
    var warmupStep: Int
    var warmupMoments: [String: Tensor<Float>]
    var history: [EpochRecord]

    func write(to url: URL) throws {
        var tensors = [String: Tensor<Float>]()
        for (name, tensor) in parameters.tensors { tensors["parameters." + name] = tensor }
        for (name, tensor) in adamMoments { tensors["adam." + name] = tensor }
        for (name, tensor) in warmupMoments { tensors["warmup." + name] = tensor }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let metadata = [
            "configuration": String(decoding: try encoder.encode(configuration), as: UTF8.self),
            "history": String(decoding: try encoder.encode(history), as: UTF8.self),
            "adam_step": "\(adamStep)", "warmup_step": "\(warmupStep)",
        ]
        try AtomicFile.write(try Safetensors.encode(tensors, metadata: metadata), to: url)
    }

    static func read(from url: URL) throws -> TrainingState {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw TrainingError.nothingToResume(path: url.path) }
        let contents = try Safetensors.decode(data, as: Float.self, path: url.path)
        func fail(_ reason: String) -> TrainingError { .resumeMismatch(path: url.path, reason: reason) }
        let decoder = JSONDecoder()
        guard let configuration = contents.metadata["configuration"].flatMap({ try? decoder.decode(TrainingConfiguration.self, from: Data($0.utf8)) }),
              let history = contents.metadata["history"].flatMap({ try? decoder.decode([EpochRecord].self, from: Data($0.utf8)) }),
              let adamStep = contents.metadata["adam_step"].flatMap(Int.init),
              let warmupStep = contents.metadata["warmup_step"].flatMap(Int.init) else {
            throw fail("its metadata lacks the configuration, history or optimiser steps")
        }
        func group(_ prefix: String) -> [String: Tensor<Float>] {
            var result = [String: Tensor<Float>]()
            for (name, tensor) in contents.tensors where name.hasPrefix(prefix) { result[String(name.dropFirst(prefix.count))] = tensor }
            return result
        }
        return TrainingState(configuration: configuration, parameters: ParameterSet(group("parameters.")),
                             adamStep: adamStep, adamMoments: group("adam."), warmupStep: warmupStep,
                             warmupMoments: group("warmup."), history: history)
    }
}
