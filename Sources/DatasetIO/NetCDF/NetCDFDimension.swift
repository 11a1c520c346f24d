/// A dimension as a variable sees it: its name, its current length and whether it is
/// unlimited (a record dimension that grows as data are appended).
public struct NetCDFDimension: Hashable, Sendable {
    public let name: String
    public let length: Int
    public let isUnlimited: Bool
    /// The group that defines it ("/" for the root).
    public let group: String
}
