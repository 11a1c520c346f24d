import Foundation
import Serving
import Testing

/// The per-version scheduler on its own, with a model whose answer is known exactly
/// (y = 2x per row): many concurrent requests, batched dynamically, each get their own rows back.
@Suite("Model instance scheduler")
struct ModelInstanceTests {
    /// `x` FP32 [B, 4] → `y` = 2x.
    struct Doubler: ServableModel {
        func infer(_ inputs: [String: InferenceTensor], config: ModelConfig) throws(ServingError) -> [InferenceTensor] {
            let x = inputs["x"]!
            return [InferenceTensor(name: "y", shape: x.shape, floats: x.values(as: Float.self).map { 2 * $0 })]
        }
    }

    static func instance(delayMicroseconds: Int?) throws -> (ModelInstance, InferenceStatistics) {
        let batching = delayMicroseconds.map { #", "dynamic_batching": {"max_queue_delay_microseconds": \#($0)}"# } ?? ""
        let json = #"{"name": "double", "backend": "test", "kind": "doubler", "max_batch_size": 8, "#
            + #""input": [{"name": "x", "data_type": "TYPE_FP32", "dims": [4]}], "#
            + #""output": [{"name": "y", "data_type": "TYPE_FP32", "dims": [4]}]\#(batching)}"#
        let config = try JSONDecoder().decode(ModelConfig.self, from: Data(json.utf8))
        let statistics = InferenceStatistics()
        return (ModelInstance(name: "double", version: 1, config: config, model: Doubler(), statistics: statistics), statistics)
    }

    @Test(arguments: [nil, 0, 200])
    func concurrentRequestsGetTheirOwnRows(delayMicroseconds: Int?) async throws {
        let (instance, statistics) = try Self.instance(delayMicroseconds: delayMicroseconds)
        let requests = 2000
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for index in 0..<requests {
                group.addTask {
                    let rows = 1 + index % 3
                    let x = (0..<(rows * 4)).map { Float(index * 16 + $0) }
                    let input = InferenceTensor(name: "x", shape: [rows, 4], floats: x)
                    guard case .success(let outputs) = await instance.run(["x": input], batchSize: rows, deadline: nil),
                          outputs.count == 1, outputs[0].shape == [rows, 4],
                          outputs[0].values(as: Float.self) == x.map({ 2 * $0 }) else { return 1 }
                    return 0
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        let model = try #require(statistics.snapshot().first)
        let rows = (0..<requests).reduce(0) { $0 + 1 + $1 % 3 }
        #expect(model.batches.reduce(0) { $0 + Int($1.key) * Int($1.value.computeInfer.count) } == rows)
        #expect(model.queue.count == UInt64(requests))
        if delayMicroseconds == nil { #expect(model.batches.keys.max() ?? 0 <= 3, "no merging without dynamic batching") }
    }
}
