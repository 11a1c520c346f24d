import DatasetIO
import NeuralOperators
import Foundation
import Simulation
import TestSupport
import Testing
import Training

/// Every model shipped in `Models/<name>/<version>/` against its model card: fresh trajectories
/// (a seed the card's figures never saw) are generated the way the card says, and the rollout
/// nRMSE per parameter value must agree with `metrics.json` within the stated tolerance.
@Suite("Shipped models")
struct ShippedModelTests {
    /// |fresh − card| ≤ relativeTolerance·card + absoluteTolerance, for RMSE, and for nRMSE where
    /// the card marks it stable (advection conserves the norm; Burgers states decay towards a
    /// small mean, where nRMSE is a heavy-tailed ratio that a few trajectories dominate):
    /// 24 fresh trajectories per value against the card's 50, so sampling alone moves the means
    /// by several per cent. The fresh data are fixed by their seed, so the check is deterministic.
    static let relativeTolerance = 0.3
    static let absoluteTolerance = 0.02
    static let freshSamples = 24
    static let freshSeed: UInt64 = 2

    struct Metrics: Decodable {
        struct Generation: Decodable {
            var equation: String
            var parameter: String
            var nx: Int
            var nt: Int
            var t_end: Double
            var mean_offsets: Bool?
        }
        var generation: Generation
        var rows: [EvaluationRow]
        /// Whether nRMSE is a stable statistic for these data (see `relativeTolerance`).
        var stable_nrmse: Bool
    }

    /// `Models/<name>/<version>` folders with their metrics.
    static func shippedModels() throws -> [(folder: URL, metrics: Metrics)] {
        let models = PythonPeer.packageRoot.appendingPathComponent("Models")
        let manager = FileManager.default
        var found = [(URL, Metrics)]()
        for name in try manager.contentsOfDirectory(atPath: models.path).sorted() {
            let modelFolder = models.appendingPathComponent(name)
            guard let versions = try? manager.contentsOfDirectory(atPath: modelFolder.path) else { continue }
            for version in versions.sorted() where Int(version) != nil {
                let folder = modelFolder.appendingPathComponent(version)
                let data = try Data(contentsOf: folder.appendingPathComponent("metrics.json"))
                found.append((folder, try JSONDecoder().decode(Metrics.self, from: data)))
            }
        }
        return found
    }

    @Test func theRepositoryShipsTheCAPEAndPlainModelsWithCardsAndServingConfigs() throws {
        let names = try Self.shippedModels().map { $0.folder.deletingLastPathComponent().lastPathComponent }
        #expect(Set(names).isSuperset(of: ["cape-fno-advection", "cape-fno-burgers", "fno-advection"]), "\(names)")
        for (folder, _) in try Self.shippedModels() {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path))
            let config = folder.deletingLastPathComponent().appendingPathComponent("config.json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: config)) as? [String: Any]
            #expect((json?["input"] as? [[String: Any]])?.map { $0["name"] as? String } == ["initial", "parameters", "steps"])
        }
    }

    @Test(arguments: ["advection", "burgers"])
    func metricsOnFreshDataMatchTheCards(equation: String) throws {
        let models = try Self.shippedModels().filter { $0.metrics.generation.equation == equation }
        guard let generation = models.first?.metrics.generation else { return }
        let folder = try PythonPeer.temporaryDirectory()
        let times = (0..<generation.nt).map { generation.t_end * Double($0) / Double(generation.nt - 1) }
        var files = [Double: String]()
        for value in Set(models.flatMap { $0.metrics.rows.compactMap { $0.parameters[generation.parameter] } }) {
            let pde: PDE = equation == "advection" ? .advection(beta: value) : .burgers(nu: value)
            let path = folder.appendingPathComponent("\(equation)_\(value).h5").path
            let metadata = SimulationMetadata(pde: equation, convention: "-", parameters: pde.attributes, times: times)
            let writer = try PDEBenchWriter(path: path, samples: Self.freshSamples, cells: generation.nx, metadata: metadata)
            try writer.write(try TrajectoryGenerator.generate(pde: pde, samples: Self.freshSamples, cells: generation.nx,
                                                              saveTimes: times, seed: Self.freshSeed,
                                                              meanOffsets: generation.mean_offsets ?? false), at: 0)
            try writer.finish()
            files[value] = path
        }
        for (modelFolder, metrics) in models {
            let evaluation = try RolloutEvaluation(modelDirectory: modelFolder.path)
            for card in metrics.rows {
                let value = card.parameters[generation.parameter]!
                let fresh = try evaluation.evaluate(path: files[value]!).row
                #expect(fresh.seen == card.seen)
                func agrees(_ fresh: Double, _ card: Double) -> Bool {
                    Swift.abs(fresh - card) <= Self.relativeTolerance * card + Self.absoluteTolerance
                }
                let place = "\(modelFolder.lastPathComponent) of \(modelFolder.deletingLastPathComponent().lastPathComponent) at "
                    + "\(generation.parameter) = \(value)"
                #expect(agrees(fresh.rmse, card.rmse), "\(place): fresh RMSE \(fresh.rmse), card \(card.rmse)")
                if metrics.stable_nrmse {
                    #expect(agrees(fresh.nRMSE, card.nRMSE), "\(place): fresh nRMSE \(fresh.nRMSE), card \(card.nRMSE)")
                }
            }
        }
    }
}
