/// Everything that says how one job converts its input files (shared by all jobs of a batch).
public struct ConversionOptions: Sendable, Codable, Equatable {
    public var kind: OutputKind = .netcdf4
    /// Variables to keep (paths like `ocean/sst`); empty keeps all. Coordinate variables of
    /// their dimensions, and those their `coordinates` and `bounds` attributes name, come along.
    public var variables: [String] = []
    /// Index selections by dimension name.
    public var selections: [String: DimensionSlice] = [:]
    /// Concatenate all inputs along this dimension into one output.
    public var concatenate: String?
    /// Deflate level for netCDF-4 outputs; nil keeps each variable's own.
    public var deflateLevel: Int?
    public var shuffle = false
    public var chunks = ChunkSpecification()
    /// Remove `scale_factor`/`add_offset` packing (values written decoded, NaN where missing).
    public var unpack = false
    /// The command line, recorded in the output's `history` attribute.
    public var commandLine = ""

    public init() {}
}
