import DatasetIO
import Foundation

/// One output to make from one input file (or several, concatenated): what a worker process
/// receives as JSON on standard input.
public struct ConversionJob: Codable, Sendable, Equatable {
    public var inputs: [String]
    public var output: String
    public var options: ConversionOptions

    public init(inputs: [String], output: String, options: ConversionOptions) {
        (self.inputs, self.output, self.options) = (inputs, output, options)
    }

    /// Converts, in this process; `opened` is called once every input's header is read and the
    /// conversion is planned. The output appears complete or not at all.
    public func run(opened: () -> Void = {}) throws -> ConversionOutcome {
        // A concatenation of thousands of files holds one open at a time.
        let datasets = try inputs.map { try NetCDFDataset.open($0, keepOpen: inputs.count == 1) }
        let plan = try ConversionPlan(inputs: datasets, options: options)
        let write: (String) throws -> [String]
        switch options.kind {
        case .hdf5: write = PDEBenchExport(plan: plan).write
        case .vtu: write = VTUExport(plan: plan).write
        default: write = NetCDFConversion(plan: plan, options: options, format: options.kind.netCDFFormat!).write
        }
        opened()
        let notes = try write(output)
        return ConversionOutcome(bytesIn: inputs.map(Self.size).reduce(0, +), bytesOut: Self.size(output), notes: notes)
    }

    static func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// What a finished job reports back.
public struct ConversionOutcome: Codable, Sendable, Equatable {
    public var bytesIn: Int
    public var bytesOut: Int
    public var notes: [String]
}
