import Foundation
import ModelStore
import NeuralNetworks
import NeuralOperators
import Serving
import TensorCore
import TestSupport
import Testing

/// The repository and the inference service on a small CAPE-FNO saved as a rollout model.
@Suite("Model repository and inference service")
struct ModelRepositoryTests {
    static let config = """
        {"name": "NAME", "backend": "surrogate", "kind": "rollout1d", "max_batch_size": 8,
         "input": [{"name": "initial", "data_type": "TYPE_FP32", "dims": [16]},
                   {"name": "parameters", "data_type": "TYPE_FP32", "dims": [1]},
                   {"name": "steps", "data_type": "TYPE_INT32", "dims": [1]}],
         "output": [{"name": "rollout", "data_type": "TYPE_FP32", "dims": [-1, 16]}],
         "parameters": {"max_steps": "50"}}
        """

    /// A repository with model `name` in the given versions; returns it and the in-process model.
    static func repository(name: String = "cape", versions: [String] = ["1"]) throws
        -> (root: URL, model: ConditionedFNO1d<Float>, parameters: ParameterSet<Float>) {
        let root = try PythonPeer.temporaryDirectory()
        let model = ConditionedFNO1d<Float>(configuration: .init(conditioning: .cape, base: .init(width: 6, modes: 4, layers: 2),
                                                                 cape: .init(width: 8, modes: 2)))
        var generator = RandomGenerator(seed: 3)
        let parameters = model.initialParameters(using: &generator)
        for version in versions {
            try ModelCheckpoint.save(model, parameters: parameters, to: root.appendingPathComponent("\(name)/\(version)"),
                                     metadata: ["parameter_names": "beta"])
        }
        try Data(config.replacingOccurrences(of: "NAME", with: name).utf8).write(to: root.appendingPathComponent("\(name)/config.json"))
        return (root, model, parameters)
    }

    static func request(batch: Int, steps: Int32, using generator: inout RandomGenerator) -> (InferenceRequest, Tensor<Float>, Tensor<Float>) {
        let initial = Tensor<Float>.randomNormal([batch, 16], using: &generator)
        let lambda = Tensor<Float>.randomUniform([batch, 1], low: 0.1, high: 2, using: &generator)
        let request = InferenceRequest(inputs: [
            InferenceTensor(name: "initial", shape: [batch, 16], floats: initial.scalars),
            InferenceTensor(name: "parameters", shape: [batch, 1], floats: lambda.scalars),
            InferenceTensor(name: "steps", shape: [batch, 1], int32s: Array(repeating: steps, count: batch)),
        ])
        return (request, initial, lambda)
    }

    @Test func inferenceEqualsTheInProcessRollout() async throws {
        let (root, model, parameters) = try Self.repository(versions: ["1", "3", "0", "07"])
        let repository = ModelRepository(root: root)
        #expect(await repository.loadAll().isEmpty)
        #expect(await repository.index().map { "\($0.name)/\($0.version)/\($0.state)" } == ["cape/1/READY", "cape/3/READY"])
        let service = InferenceService(repository: repository)
        var generator = RandomGenerator(seed: 1)
        let (request, initial, lambda) = Self.request(batch: 3, steps: 4, using: &generator)
        let response = try await service.infer(model: "cape", version: nil, request: request)
        #expect(response.modelVersion == "3" && response.outputs.map(\.name) == ["rollout"])
        #expect(response.outputs[0].shape == [3, 4, 16])
        // The server runs the model's compiled plan: bit for bit the plan's frames, and the
        // model's own up to rounding.
        let values = response.outputs[0].values(as: Float.self)
        let compiled = ConditionedFNO1dPlan(model: model, parameters: parameters)
            .rollout(initial.reshaped([3, 1, 16]), pdeParameters: lambda, steps: 4)
        #expect(values == compiled.scalars)
        let expected = model.rollout(initial.reshaped([3, 1, 16]), pdeParameters: lambda, steps: 4, parameters: parameters).scalars
        #expect(zip(values, expected).allSatisfy { abs($0 - $1) <= 1e-5 * (1 + abs($1)) })

        let metadata = try await service.modelMetadata("cape", version: "1")
        #expect(metadata["versions"] as? [String] == ["1", "3"])
        #expect((metadata["inputs"] as? [[String: Any]])?.first?["shape"] as? [Int] == [-1, 16])
    }

    @Test func badRequestsAreRefusedWithTheirReason() async throws {
        let (root, _, _) = try Self.repository()
        let repository = ModelRepository(root: root)
        try await repository.load("cape")
        let service = InferenceService(repository: repository)
        var generator = RandomGenerator(seed: 2)
        func message(_ request: InferenceRequest, model: String = "cape", version: String? = nil) async -> String {
            do { _ = try await service.infer(model: model, version: version, request: request) } catch { return "\(error.httpStatus) \(error.message)" }
            return "no error"
        }
        let (good, _, _) = Self.request(batch: 2, steps: 3, using: &generator)
        var wrongType = good
        wrongType.inputs[2] = InferenceTensor(name: "steps", shape: [2, 1], floats: [3, 3])
        var wrongShape = good
        wrongShape.inputs[0] = InferenceTensor(name: "initial", shape: [2, 12], floats: Array(repeating: 0, count: 24))
        var tooManySteps = good
        tooManySteps.inputs[2] = InferenceTensor(name: "steps", shape: [2, 1], int32s: [51, 51])
        var mixedSteps = good
        mixedSteps.inputs[2] = InferenceTensor(name: "steps", shape: [2, 1], int32s: [2, 3])
        var unknownOutput = good
        unknownOutput.outputs = [.init(name: "velocity", binary: nil)]
        let (tooBig, _, _) = Self.request(batch: 9, steps: 1, using: &generator)
        var nan = good
        nan.inputs[0] = InferenceTensor(name: "initial", shape: [2, 16], floats: [.nan] + Array(repeating: 0, count: 31))
        let cases: [(InferenceRequest, String, String?, String)] = [
            (wrongType, "cape", nil, "400 input 'steps' has datatype FP32, the model expects INT32"),
            (wrongShape, "cape", nil, "400 input 'initial' has shape [2, 12], the model expects [-1, 16]"),
            (tooManySteps, "cape", nil, "400 input 'steps' must hold one value in 1…50 for the whole batch, got [51]"),
            (mixedSteps, "cape", nil, "400 input 'steps' must hold one value in 1…50 for the whole batch, got [2, 3]"),
            (unknownOutput, "cape", nil, "400 model 'cape' has no output 'velocity'"),
            (tooBig, "cape", nil, "400 input 'initial': batch size must be 1…8, shape [9, 16]"),
            (nan, "cape", nil, "400 inputs 'initial' and 'parameters' must be finite"),
            (good, "other", nil, "404 model 'other' is not loaded"),
            (good, "cape", "2", "404 model 'cape' has no version '2'"),
            (good, "../cape", nil, "400 invalid model name '../cape'"),
            (good, "", nil, "400 invalid model name ''"),
            (good, "..", nil, "400 invalid model name '..'"),
        ]
        for (request, model, version, expected) in cases {
            let actual = await message(request, model: model, version: version)
            #expect(actual.hasPrefix(expected), "\(actual)")
        }
    }

    @Test func failedReloadKeepsTheOldModelAndUnloadLetsHeldRequestsFinish() async throws {
        let (root, _, _) = try Self.repository()
        let repository = ModelRepository(root: root)
        try await repository.load("cape")
        try Data("{ broken".utf8).write(to: root.appendingPathComponent("cape/config.json"))
        await #expect(throws: ServingError.self) { try await repository.load("cape") }
        #expect(await repository.isReady("cape", version: nil))

        let held = try await repository.resolve("cape", version: "1")
        try await repository.unload("cape")
        #expect(await !repository.isReady("cape", version: nil))
        var generator = RandomGenerator(seed: 4)
        let (request, _, _) = Self.request(batch: 1, steps: 2, using: &generator)
        let inputs = Dictionary(uniqueKeysWithValues: request.inputs.map { ($0.name, $0) })
        #expect(try await held.model.run(inputs, batchSize: 1, deadline: nil).get().first?.shape == [1, 2, 16])
        let entry = await repository.index().first
        #expect(entry?.state == "UNAVAILABLE" && entry?.reason == "unloaded", "\(String(describing: entry))")
        await #expect(throws: ServingError(.notFound, "model 'cape' is not loaded")) { try await repository.unload("cape") }
    }
}
