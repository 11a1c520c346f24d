import DatasetIO
import Foundation
import TensorCore

extension RolloutEvaluation {
    /// Writes a rollout as a 1-D PDEBench file at `path` (temporary name, then renamed):
    /// `tensor` [N, T, X] holds each trajectory's first frame followed by its `prediction`
    /// [N, T − 1, 1, X], at the points and times the model ran on (the source's coordinates
    /// and times taken with the model's strides); the source's parameters, PDE and convention
    /// are copied.
    func writePredictions(first: Tensor<Float>, prediction: Tensor<Float>, source: SimulationDataset, to path: String) throws {
        guard prediction.rank == 4, prediction.shape[2] == 1 else {
            throw TrainingError.incompatibleData(path: source.path, reason: "predictions are written as 1-D files of one field; "
                + "this model predicts \(prediction.shape[2]) fields")
        }
        let frames = Tensor.concatenate([first, prediction], axis: 1).squeezed(axis: 2).copied()
        let (count, frameCount, cells) = (frames.shape[0], frames.shape[1], frames.shape[2])
        let times = source.times.map { times in stride(from: 0, to: times.count, by: timeStride).map { times[$0] } }
        let metadata = SimulationMetadata(
            pde: source.attributes["pde"]?.text ?? "unknown",
            convention: source.attributes["convention"]?.text ?? "",
            parameters: source.parameters, domain: Self.domain(of: source),
            times: Array((times ?? (0..<frameCount).map(Double.init)).prefix(frameCount)))
        let points = source.coordinates["x"].map { x in stride(from: 0, to: x.count, by: spaceStride).map { x[$0] } }
        let writer = try PDEBenchWriter(path: path, samples: count, cells: cells, metadata: metadata,
                                        coordinates: points?.count == cells ? points : nil)
        try writer.write(frames, at: 0)
        try writer.finish()
    }

    /// [x_min, x_max] from the attributes, else from cell-centred coordinates, else [0, L].
    private static func domain(of source: SimulationDataset) -> ClosedRange<Double> {
        if let low = source.attributes["x_min"]?.number, let high = source.attributes["x_max"]?.number, high > low { return low...high }
        let length = source.domainLength
        if let x = source.coordinates["x"], x.count >= 2 {
            let low = x[0] - length / Double(2 * x.count)
            return low...(low + length)
        }
        return 0...length
    }
}
