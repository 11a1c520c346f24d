import ArgumentParser
import DatasetIO
import Foundation
import Simulation
import TensorCore

/// `surrogate simulate advection|burgers|reacdiff …`: PDEBench-format training data from the
/// finite-volume generators, generated in chunks on all cores and written atomically.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate 1-D PDEBench-format HDF5 data (advection, Burgers, reaction–diffusion).",
        discussion: """
        Equations (periodic x ∈ (0, 1), cell centres): advection u_t + β u_x = 0; Burgers
        u_t + (u²/2)_x = (ν/π) u_xx (PDEBench's ν/π convention); reaction–diffusion
        u_t = ν u_xx + ρ u(1 − u). Frames are saved at t = 0, Δt, …, t-end.
        """)

    enum Equation: String, ExpressibleByArgument, CaseIterable {
        case advection, burgers, reacdiff
    }

    @Argument(help: "advection, burgers or reacdiff.") var equation: Equation
    @Option(help: "Advection speed β.") var beta: Double?
    @Option(help: "Viscosity ν (Burgers: κ = ν/π) or diffusivity (reacdiff).") var nu: Double?
    @Option(help: "Reaction rate ρ (reacdiff).") var rho: Double?
    @Option(help: "Number of trajectories.") var samples = 100
    @Option(help: "Grid cells.") var nx = 1024
    @Option(help: "Saved frames, including t = 0.") var nt = 201
    @Option(help: "Final time (default 2 for advection/Burgers, 1 for reacdiff).") var tEnd: Double?
    @Option(help: "Random seed of the initial conditions.") var seed: UInt64 = 0
    @Flag(help: "Add PDEBench's constant for the modes not drawn, so that states keep a nonzero mean.") var meanOffsets = false
    @Option(help: "Samples generated and written per chunk.") var chunk = 64
    @Option(help: "Output HDF5 file.") var out: String

    var pde: PDE {
        get throws {
            func require(_ value: Double?, _ flag: String) throws -> Double {
                guard let value else { throw ValidationError("\(equation.rawValue) needs --\(flag)") }
                return value
            }
            func forbid(_ value: Double?, _ flag: String) throws {
                if value != nil { throw ValidationError("--\(flag) does not apply to \(equation.rawValue)") }
            }
            switch equation {
            case .advection:
                try forbid(nu, "nu"); try forbid(rho, "rho")
                return .advection(beta: try require(beta, "beta"))
            case .burgers:
                try forbid(beta, "beta"); try forbid(rho, "rho")
                return .burgers(nu: try require(nu, "nu"))
            case .reacdiff:
                try forbid(beta, "beta")
                return .reactionDiffusion(nu: try require(nu, "nu"), rho: try require(rho, "rho"))
            }
        }
    }

    func validate() throws {
        guard samples > 0, nx >= 4, nt >= 2, chunk > 0 else {
            throw ValidationError("--samples and --chunk must be positive, --nx at least 4, --nt at least 2")
        }
        if let tEnd, !(tEnd > 0) { throw ValidationError("--t-end must be positive") }
        do { try pde.validate() } catch let error as SimulationError { throw ValidationError("\(error)") }
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder) else {
            throw ValidationError("cannot write into \(folder) (for --out \(out))")
        }
    }

    func run() throws {
        let pde = try pde
        let end = tEnd ?? (equation == .reacdiff ? 1 : 2)
        let times = (0..<nt).map { end * Double($0) / Double(nt - 1) }
        let conventions: [Equation: String] = [
            .advection: "u_t + beta u_x = 0",
            .burgers: "u_t + (u^2/2)_x = (Nu/pi) u_xx",
            .reacdiff: "u_t = Nu u_xx + rho u (1 - u)",
        ]
        let metadata = SimulationMetadata(pde: equation == .reacdiff ? "reaction-diffusion" : equation.rawValue,
                                          convention: conventions[equation]!, parameters: pde.attributes, times: times)
        let writer = try PDEBenchWriter(path: out, samples: samples, cells: nx, metadata: metadata)
        let start = Date()
        var done = 0
        while done < samples {
            let count = Swift.min(chunk, samples - done)
            let block = try TrajectoryGenerator.generate(pde: pde, samples: count, cells: nx, saveTimes: times, seed: seed,
                                                         firstSample: done, meanOffsets: meanOffsets)
            try writer.write(block, at: done)
            done += count
            let elapsed = Date().timeIntervalSince(start)
            let eta = elapsed / Double(done) * Double(samples - done)
            print(String(format: "simulated %d/%d samples (%.0f %%)  elapsed %@  ETA %@", done, samples,
                         100 * Double(done) / Double(samples), ProgressReporter.format(elapsed), ProgressReporter.format(eta)))
            fflush(nil)
        }
        try writer.finish()
        print("wrote \(out): tensor [\(samples), \(nt), \(nx)] float32, \(pde.attributes.map { "\($0.name)=\($0.value)" }.joined(separator: " "))")
    }
}
