import Foundation
import Testing
import ModelStore
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport

/// The compiled rollout against the model's own: the same frames up to float rounding.
@Suite("Compiled rollout plan of the conditioned FNO")
struct ConditionedFNO1dPlanTests {
    /// Largest |plan − model| over all frames, relative to the largest |model| value.
    func relativeDifference(_ model: ConditionedFNO1d<Float>, _ parameters: ParameterSet<Float>,
                            batch: Int, length: Int, steps: Int, seed: UInt64) -> Float {
        var generator = RandomGenerator(seed: seed)
        let c = model.configuration.fields, p = model.configuration.parameters
        let initial = Tensor<Float>.randomNormal([batch, c, length], using: &generator)
        let lambda = Tensor<Float>.randomUniform([batch, p], low: 0.1, high: 4, using: &generator)
        let reference = model.rollout(initial, pdeParameters: lambda, steps: steps, parameters: parameters)
        let compiled = ConditionedFNO1dPlan(model: model, parameters: parameters).rollout(initial, pdeParameters: lambda, steps: steps)
        #expect(compiled.shape == reference.shape)
        let scale = reference.scalars.map(abs).max() ?? 0
        let difference = zip(compiled.scalars, reference.scalars).map { abs($0 - $1) }.max() ?? .infinity
        #expect(scale > 0)
        return difference / scale
    }

    @Test(arguments: ConditionedFNO1d<Float>.Conditioning.allCases)
    func equalsTheModelsRollout(conditioning: ConditionedFNO1d<Float>.Conditioning) {
        var generator = RandomGenerator(seed: 21)
        // Two fields and two parameters; CAPE's spectral path at 16 or 8 pooled points (its
        // 5 modes need the FFT in the model below 20 points, the gemm above).
        let model = ConditionedFNO1d<Float>(configuration: .init(
            fields: 2, parameters: 2, conditioning: conditioning, base: .init(width: 6, modes: 5, layers: 3, projectionWidth: 16),
            cape: conditioning == .cape ? .init(fields: 2, parameters: 2, width: 8, modes: 5, kernel: 3, pool: 2) : nil))
        let parameters = model.initialParameters(using: &generator)
        for (batch, length) in [(1, 32), (3, 16), (2, 40)] {
            let error = relativeDifference(model, parameters, batch: batch, length: length, steps: 4, seed: UInt64(batch * length))
            #expect(error < 1e-5, "\(conditioning), batch \(batch), \(length) points: relative difference \(error)")
        }
    }

    /// A plan reuses a rollout's buffers for the next rollout of the same shape, also from
    /// several threads at once: every rollout equals a fresh plan's, bit for bit.
    @Test(arguments: ConditionedFNO1d<Float>.Conditioning.allCases)
    func reusedWorkspacesGiveTheSameFrames(conditioning: ConditionedFNO1d<Float>.Conditioning) async {
        var generator = RandomGenerator(seed: 8)
        let model = ConditionedFNO1d<Float>(configuration: .init(
            parameters: 2, conditioning: conditioning, base: .init(width: 6, modes: 4, layers: 2, projectionWidth: 8),
            cape: conditioning == .cape ? .init(parameters: 2, width: 8, modes: 3, kernel: 3, pool: 2) : nil))
        let parameters = model.initialParameters(using: &generator)
        let requests = (0..<12).map { index in
            (initial: Tensor<Float>.randomNormal([2, 1, 16], using: &generator),
             lambda: Tensor<Float>.randomUniform([2, 2], low: 0.1, high: 4, using: &generator), steps: 1 + index % 3)
        }
        let fresh = requests.map {
            ConditionedFNO1dPlan(model: model, parameters: parameters).rollout($0.initial, pdeParameters: $0.lambda, steps: $0.steps).scalars
        }
        let shared = ConditionedFNO1dPlan(model: model, parameters: parameters)
        let sequential = requests.map { shared.rollout($0.initial, pdeParameters: $0.lambda, steps: $0.steps).scalars }
        #expect(sequential == fresh)
        let concurrent = await withTaskGroup(of: (Int, [Float]).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask { (index, shared.rollout(request.initial, pdeParameters: request.lambda, steps: request.steps).scalars) }
            }
            var results = [[Float]](repeating: [], count: requests.count)
            for await (index, frames) in group { results[index] = frames }
            return results
        }
        #expect(concurrent == fresh)
    }

    /// The shipped models, trained weights and all: 20 steps of 128 points, as served.
    @Test(arguments: ["cape-fno-advection", "cape-fno-burgers", "fno-advection"])
    func equalsTheModelsRolloutOnShippedWeights(name: String) throws {
        let directory = PythonPeer.packageRoot.appendingPathComponent("Models/\(name)/1")
        let (model, parameters, _) = try ModelCheckpoint.load(ConditionedFNO1d<Float>.self, from: directory)
        let error = relativeDifference(model, parameters, batch: 2, length: 128, steps: 20, seed: 5)
        #expect(error < 1e-4, "\(name): relative difference \(error) after 20 steps")
    }
}
