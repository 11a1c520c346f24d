/// The cells whose signed measure is zero or negative (inverted or collapsed), among the cells
/// of the mesh's highest topological dimension.
public struct TanglingReport: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        public var block: Int
        public var cell: Int
        public var measure: Double

        public init(block: Int, cell: Int, measure: Double) {
            (self.block, self.cell, self.measure) = (block, cell, measure)
        }
    }

    public var tangled: [Cell] = []
    public var checkedCells = 0
    /// The smallest signed measure seen (nil when no cell was checked).
    public var smallestMeasure: Double?

    public var isTangled: Bool { !tangled.isEmpty }
}
