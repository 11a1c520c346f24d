import Foundation
import Testing
import Autodiff
import ModelStore
import NeuralNetworks
import TensorCore
import TestSupport

/// Shared checks for the single-input models: finite-difference gradients with respect to the
/// input and chosen parameters, and a checkpoint round trip.
enum ModelChecks {
    /// Gradient-checker failures for `model` (output passed through tanh) with respect to
    /// `input` and the parameters `names`; the other parameters are held constant.
    static func gradientFailures<Model: Layer>(_ model: Model, parameters: ParameterSet<Double>, input: Tensor<Double>,
                                               names: [String]) -> [String] where Model.Scalar == Double {
        GradientChecker(tolerance: 1e-6).check(at: [input] + names.map { parameters[$0]! }, secondOrder: false) { values in
            var variables = parameters.constants().variables
            for (name, value) in zip(names, values.dropFirst()) { variables[name] = value }
            return model(values[0], parameters: Parameters(variables)).tanh()
        }
    }

    /// Saves and reloads `model` through `ModelCheckpoint`; the copy must have the same
    /// configuration and give bit-identical outputs on `input`.
    static func expectCheckpointRoundTrip<Model: Architecture & Layer>(_ model: Model, input: Tensor<Float>) throws
        where Model.Scalar == Float {
        var generator = RandomGenerator(seed: 9)
        let parameters = model.initialParameters(using: &generator)
        let directory = try PythonPeer.temporaryDirectory().appendingPathComponent(Model.architectureID)
        try ModelCheckpoint.save(model, parameters: parameters, to: directory)
        let loaded = try ModelCheckpoint.load(Model.self, from: directory)
        #expect(loaded.model.configuration == model.configuration)
        #expect(loaded.model(input, parameters: loaded.parameters).scalars == model(input, parameters: parameters).scalars)
        try FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }
}
