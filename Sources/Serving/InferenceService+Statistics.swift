import Foundation

extension InferenceService {
    /// The statistics of `name` (and `version`), or of every model when `name` is nil; a named
    /// model must be loaded (Triton answers 400 for one that is not).
    public func statistics(model name: String?, version: String?) async throws(ServingError) -> [InferenceStatistics.Model] {
        guard let name else { return repository.statistics.snapshot() }
        let resolved = try await repository.resolve(name, version: version)
        let served = await repository.index().filter { $0.name == name && $0.state == "READY" }.map(\.version)
        let versions = version == nil ? served : ["\(resolved.version)"]
        return repository.statistics.snapshot(name: name).filter { versions.contains($0.version) }
    }

    /// `GET v2/models[/<m>[/versions/<v>]]/stats` as Triton writes it.
    public func statisticsJSON(model name: String?, version: String?) async throws(ServingError) -> [String: Any] {
        func duration(_ d: InferenceStatistics.Duration) -> [String: Any] { ["count": d.count, "ns": d.nanoseconds] }
        let models = try await statistics(model: name, version: version).map { model -> [String: Any] in
            ["name": model.name, "version": model.version, "last_inference": model.lastInference,
             "inference_count": model.inferenceCount, "execution_count": model.executionCount,
             "inference_stats": ["success": duration(model.success), "fail": duration(model.fail), "queue": duration(model.queue),
                                 "compute_input": duration(model.computeInput), "compute_infer": duration(model.computeInfer),
                                 "compute_output": duration(model.computeOutput),
                                 "cache_hit": duration(.init()), "cache_miss": duration(.init())],
             "batch_stats": model.batches.keys.sorted().map { size -> [String: Any] in
                 let entry = model.batches[size]!
                 return ["batch_size": size, "compute_input": duration(entry.computeInput),
                         "compute_infer": duration(entry.computeInfer), "compute_output": duration(entry.computeOutput)]
             }]
        }
        return ["model_stats": models]
    }
}
