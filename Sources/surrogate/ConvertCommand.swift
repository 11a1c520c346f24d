import ArgumentParser
import Conversion
import DatasetIO
import Foundation

/// `surrogate convert INPUTS… --out DIR`: a batch of netCDF files into netCDF, PDEBench HDF5
/// or VTU, in parallel worker processes, with progress, `--resume` and a closing report.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert netCDF files (classic, 64-bit offset, CDF-5, netCDF-4) in parallel.",
        discussion: """
            Each input becomes OUT/<stem>.nc (or .h5 / .pvd); with --concat all inputs become one output. \
            Outputs appear complete or not at all. A failing file is reported and the batch goes on \
            (unless --fail-fast); the exit status is 1 when any file failed.
            """)

    @Argument(help: "Input files, directories or quoted glob patterns (\"data/*.nc\").") var inputs: [String]
    @Option(help: "Output folder (created if missing).") var out: String
    @Option(help: "Output kind: \(OutputKind.allCases.map(\.rawValue).joined(separator: ", ")).") var to: String = "netcdf4"
    @Option(help: "Variables to keep, comma-separated (group paths like ocean/sst); their coordinates come along.") var vars: String?
    @Option(help: "Index selection dim=start:stop:step or dim=index (repeatable).") var isel: [String] = []
    @Option(help: "Concatenate all inputs along this dimension into one output.") var concat: String?
    @Option(help: "Name of the concatenated output (without extension).") var name: String?
    @Option(help: "Deflate level 0-9 for netCDF-4 outputs (default: keep each variable's).") var deflate: Int?
    @Flag(help: "Shuffle bytes before deflating.") var shuffle = false
    @Option(help: "Chunk lengths: dim/len,dim/len or var:n1,n2,… (repeatable).") var chunks: [String] = []
    @Flag(help: "Remove scale_factor/add_offset packing: write decoded values, NaN where missing.") var unpack = false
    @Option(help: "Worker processes (default: one per core).") var jobs: Int?
    @Flag(help: "Skip inputs whose output already exists.") var resume = false
    @Flag(help: "Stop starting new files after the first failure.") var failFast = false
    @Option(help: "Seconds a file may take to open before its worker is stopped.") var openTimeout: Double = 120
    @Option(help: "Write the report as JSON to this file.") var report: String?
    @Flag(help: "No progress and no per-file table: only the summary line.") var quiet = false

    func run() throws {
        var options = ConversionOptions()
        guard let kind = OutputKind(rawValue: to) else {
            throw ValidationError("--to \(to): expected one of \(OutputKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        options.kind = kind
        options.variables = vars.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        for selection in isel {
            guard let equals = selection.firstIndex(of: "="), equals != selection.startIndex else {
                throw ValidationError("--isel \(selection): expected dim=start:stop:step")
            }
            options.selections[String(selection[..<equals])] = try DimensionSlice(parsing: String(selection[selection.index(after: equals)...]))
        }
        if let deflate, !(0...9).contains(deflate) { throw ValidationError("--deflate \(deflate): expected 0 to 9") }
        if (deflate != nil || shuffle || !chunks.isEmpty) && !(kind == .netcdf4 || kind == .netcdf4Classic) {
            throw ValidationError("--deflate, --shuffle and --chunks apply to netcdf4 outputs only, not --to \(to)")
        }
        (options.concatenate, options.deflateLevel, options.shuffle, options.unpack) = (concat, deflate, shuffle, unpack)
        for spec in chunks { try options.chunks.add(parsing: spec) }
        options.commandLine = (["surrogate"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        if let jobs, jobs < 1 { throw ValidationError("--jobs \(jobs): expected at least 1") }

        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        guard openTimeout > 0 else { throw ValidationError("--open-timeout \(openTimeout): expected a positive number of seconds") }
        var batch = try BatchConversion(patterns: inputs, directory: out, name: name, options: options,
                                        parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                        resume: resume, failFast: failFast)
        batch.openTimeout = openTimeout
        let display = ConversionProgress(total: batch.jobs.count, bytes: batch.jobs.flatMap(\.inputs).map(Self.size).reduce(0, +),
                                         quiet: quiet)
        let result = batch.run(worker: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()) { entry, finished in
            display.update(entry, finished: finished)
        }
        display.end()
        if !quiet { print(result.table) }
        print(result.summary)
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(result).write(to: URL(fileURLWithPath: report), options: .atomic)
        }
        if result.failed { throw ExitCode(1) }
    }

    static func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
}

/// `surrogate convert-worker`: converts the one `ConversionJob` given as JSON on standard input
/// and answers a `WorkerReply` as JSON on standard output (used by `convert`; hidden).
struct ConvertWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert-worker", shouldDisplay: false)

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        var reply: WorkerReply
        do {
            DeflateFilter.install()
            let job = try JSONDecoder().decode(ConversionJob.self, from: input)
            reply = WorkerReply(outcome: try job.run { FileHandle.standardError.write(Data("opened\n".utf8)) }, error: nil)
        } catch {
            reply = WorkerReply(outcome: nil, error: "\(error)")
        }
        FileHandle.standardOutput.write(try JSONEncoder().encode(reply))
        if reply.error != nil { throw ExitCode(1) }
    }
}
