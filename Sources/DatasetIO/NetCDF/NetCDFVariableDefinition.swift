/// What `NetCDFWriter.define` creates: a variable of `type` over named dimensions (looked up
/// in its group and then its ancestors), with netCDF-4 storage options.
public struct NetCDFVariableDefinition: Sendable {
    public var group: String
    public var name: String
    public var type: NetCDFType
    public var dimensions: [String]
    /// Chunk lengths (netCDF-4); nil leaves netcdf-c's default.
    public var chunks: [Int]?
    /// 0 for no compression, 1–9 for deflate.
    public var deflateLevel: Int
    public var shuffle: Bool

    public init(group: String = "/", name: String, type: NetCDFType, dimensions: [String],
                chunks: [Int]? = nil, deflateLevel: Int = 0, shuffle: Bool = false) {
        (self.group, self.name, self.type, self.dimensions) = (group, name, type, dimensions)
        (self.chunks, self.deflateLevel, self.shuffle) = (chunks, deflateLevel, shuffle)
    }
}
