/// A variable's header: where it lives, its type and dimensions, its attributes and its
/// storage (chunks and filters, netCDF-4 only).
public struct NetCDFVariable: Sendable {
    /// The group path ("/" for the root, "/ocean/deep" for a nested group).
    public let group: String
    public let name: String
    public let type: NetCDFType
    public let dimensions: [NetCDFDimension]
    public let attributes: [String: AttributeValue]
    /// Attribute names in file order (what a copy preserves).
    public let attributeNames: [String]
    /// External types of `scale_factor`, `add_offset` and `_FillValue`, where present (they
    /// decide the unpacked type).
    public let packingTypes: [String: NetCDFType]
    /// Chunk lengths, nil when stored contiguously (and for netCDF-3 files).
    public let chunks: [Int]?
    public let deflateLevel: Int
    public let shuffle: Bool
    /// The variable's id in its group.
    let id: Int32

    /// `group/name` without the leading slash for root variables: how `--vars` names it.
    public var path: String { group == "/" ? name : String(group.dropFirst()) + "/" + name }
    public var shape: [Int] { dimensions.map(\.length) }
    public var count: Int { shape.reduce(1, *) }
    /// A coordinate variable: 1-D and named like its dimension (CF §1.2).
    public var isCoordinate: Bool { dimensions.count == 1 && dimensions[0].name == name }

    public func text(_ attribute: String) -> String? { attributes[attribute]?.text }
    public func number(_ attribute: String) -> Double? { attributes[attribute]?.number }
}
