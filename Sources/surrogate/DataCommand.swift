import ArgumentParser
import CVectorMath
import DatasetIO
import Foundation
import TensorCore

/// `surrogate data info|scan FILE`: what a simulation file holds, and a streaming pass over it.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Inspect and stream simulation files (PDEBench HDF5 layouts; netCDF for info).",
        subcommands: [Info.self, Scan.self, Probe.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the layout, shapes, coordinates and parameters of a file (or a netCDF file's variables, decoded).")
        @Argument(help: "An HDF5 file in a PDEBench layout, or a netCDF file.") var file: String

        func run() throws {
            try FileProbe.check(file)
            if NetCDFSummary.isNetCDF(file) {
                try NetCDFSummary.lines(NetCDFDataset.open(file)).forEach { print($0) }
                return
            }
            let data = try SimulationDataset(path: file)
            print("\(file): \(data.layout.rawValue)")
            print("  samples \(data.sampleCount), frames \(data.timeCount), grid \(data.spatialShape), channels \(data.channels)")
            for axis in ["x", "y", "z"] {
                if let values = data.coordinates[axis], let first = values.first, let last = values.last {
                    print("  \(axis): \(values.count) points, \(first) … \(last)")
                }
            }
            if let times = data.times, let last = times.last { print("  t: \(times.count) frames, \(times[0]) … \(last)") }
            print("  parameters: " + data.parameters.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))
            for (name, value) in data.attributes.sorted(by: { $0.key < $1.key }) where value.text != nil {
                print("  \(name): \(value)")
            }
            print("  split (10 % test): train \(data.samples(in: .train)), test \(data.samples(in: .test))")
        }
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stream every sample batch by batch (bounded memory) and report throughput and value range.")
        @Argument(help: "An HDF5 file in a PDEBench layout.") var file: String
        @Option(help: "Samples per read.") var batchSize = 64
        @Option(help: "Keep every n-th frame.") var timeStride = 1
        @Option(help: "Keep every n-th point along each spatial axis.") var spaceStride = 1

        func validate() throws {
            guard batchSize > 0, timeStride > 0, spaceStride > 0 else {
                throw ValidationError("--batch-size, --time-stride and --space-stride must be positive")
            }
        }

        func run() throws {
            try FileProbe.check(file)
            let data = try SimulationDataset(path: file)
            let start = Date()
            var (values, low, high, sum) = (0, Float.infinity, -Float.infinity, 0.0)
            try data.forEachBatch(in: .all, batchSize: batchSize, timeStride: timeStride, spaceStride: spaceStride) { batch, _ in
                batch.withUnsafeBufferPointer { buffer in
                    var (batchLow, batchHigh, batchSum) = (Float(0), Float(0), 0.0)
                    vm_statistics_f32(buffer.baseAddress, buffer.count, &batchLow, &batchHigh, &batchSum)
                    (low, high, sum) = (Swift.min(low, batchLow), Swift.max(high, batchHigh), sum + batchSum)
                    values += buffer.count
                }
            }
            let seconds = Date().timeIntervalSince(start)
            let megabytes = Double(values * 4) / 1e6
            var usage = rusage()
            getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
            print(String(format: "scan samples=%d values=%d seconds=%.3f mb_per_second=%.1f peak_rss_mb=%.1f min=%g max=%g mean=%g",
                         data.sampleCount, values, seconds, megabytes / seconds, Double(usage.ru_maxrss) / 1024,
                         low, high, sum / Double(max(values, 1))))
        }
    }
}
