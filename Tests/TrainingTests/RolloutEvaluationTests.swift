import Foundation
import NeuralOperators
import TensorCore
import Testing
import Training

/// `RolloutEvaluation` against metrics computed by hand from a rollout, and the picture.
@Suite("RolloutEvaluation")
struct RolloutEvaluationTests {
    @Test func rowsMatchTheMetricsOfAnExplicitRolloutAndMarkSeenParameters() throws {
        let folder = try TrainingFixtures.folder()
        let files = [try TrainingFixtures.advectionFile(beta: 0.5, in: folder), try TrainingFixtures.advectionFile(beta: 2, in: folder)]
        let configuration = try TrainingFixtures.configuration(files: [files[0]], output: folder.appendingPathComponent("model"),
                                                               epochs: 2)
        let trainer = try RolloutTrainer<FNO1d<Float>>(configuration: configuration, corpus: try TrajectoryCorpus(configuration.data, requireParameters: true))
        try trainer.train()

        let evaluation = try RolloutEvaluation(modelDirectory: configuration.output)
        let (row, truth, prediction) = try evaluation.evaluate(path: files[1])
        #expect(row.seen == false && row.extrapolated == true && row.samples == 12 && row.parameters == ["beta": 2])
        let seen = try evaluation.evaluate(path: files[0]).row
        #expect(seen.seen && seen.extrapolated == false)

        // The prediction is the model's own rollout (through its compiled plan: equal up to
        // rounding), and the row holds its metrics.
        let fields = try TrajectoryCorpus(.init(files: [files[1]], validationFraction: 0), requireParameters: true).training
        let steps = fields.fields.shape[1] - 1
        let manual = trainer.model.rollout(fields.fields.sliced(axis: 1, 0..<1).squeezed(axis: 1), pdeParameters: fields.parameters,
                                           steps: steps, parameters: trainer.parameters)
        #expect(manual.shape == prediction.shape)
        #expect(zip(manual.scalars, prediction.scalars).allSatisfy { abs($0 - $1) <= 1e-5 * (1 + abs($0)) })
        let metrics = PDEBenchMetrics(prediction: prediction, truth: fields.fields.sliced(axis: 1, 1..<(steps + 1)))
        #expect(row.nRMSE == metrics.nRMSE && row.rmse == metrics.rmse && row.maxError == metrics.maxError)
        let manualMetrics = PDEBenchMetrics(prediction: manual, truth: fields.fields.sliced(axis: 1, 1..<(steps + 1)))
        #expect(abs(manualMetrics.nRMSE - row.nRMSE) <= 1e-5 * row.nRMSE)
        #expect(truth.shape == [12, steps, 1, 32])

        let table = EvaluationRow.markdown([row])
        #expect(table.contains("| advection_2.0.h5 | beta = 2.0 | no, extrapolated | 12 | \(String(format: "%.4f", row.nRMSE)) |"))
        #expect(table.hasSuffix("\nextrapolated: a parameter value lies outside the range of the values the model was trained on.\n"))

        let svg = SpaceTimeFigure(title: "a < b", truth: truth, prediction: prediction, samples: [0, 1]).svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("a &lt; b"))
        #expect(svg.components(separatedBy: "data:image/png;base64,").count == 7)
    }

    @Test func extrapolationIsJudgedPerParameterAgainstTheTrainingRange() {
        let trained: [[Double]] = [[0.2, 1], [4, 1], [0.7, 3]]
        #expect(RolloutEvaluation.isOutside([1, 2], of: trained) == false)      // inside both ranges, not a training pair
        #expect(RolloutEvaluation.isOutside([4, 3], of: trained) == false)      // on the edges
        #expect(RolloutEvaluation.isOutside([7, 2], of: trained) == true)
        #expect(RolloutEvaluation.isOutside([1, 0.5], of: trained) == true)
        #expect(RolloutEvaluation.isOutside([1], of: trained) == nil)
        #expect(RolloutEvaluation.isOutside([1, 2], of: []) == nil)
    }

    @Test func aFileWithOtherParametersIsRefused() throws {
        let folder = try TrainingFixtures.folder()
        let file = try TrainingFixtures.advectionFile(beta: 1, in: folder)
        let other = try TrainingFixtures.advectionFile(beta: 1, in: folder, name: "nu.h5", parameterName: "Nu")
        let configuration = try TrainingFixtures.configuration(files: [file], output: folder.appendingPathComponent("m"), epochs: 2)
        try RolloutTrainer<FNO1d<Float>>(configuration: configuration, corpus: try TrajectoryCorpus(configuration.data, requireParameters: true)).train()
        let evaluation = try RolloutEvaluation(modelDirectory: configuration.output)
        #expect(throws: TrainingError.incompatibleData(path: other, reason: #"has parameters ["Nu"]; the model was trained on ["beta"]"#)) {
            _ = try evaluation.evaluate(path: other)
        }
    }
}
