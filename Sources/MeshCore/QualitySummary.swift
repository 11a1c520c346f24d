/// A one-glance quality summary over the cells of a mesh's highest topological dimension:
/// the range of signed measures, the worst aspect ratio, and how many cells are tangled
/// (signed measure ≤ 0).
public struct QualitySummary: Equatable, Sendable {
    /// The topological dimension summarised (0 when the mesh has no cells).
    public var dimension: Int
    public var cellCount: Int
    public var smallestMeasure: Double
    public var largestMeasure: Double
    /// Longest over shortest edge, the largest over the cells (1 when no cell has edges).
    public var worstAspectRatio: Double
    public var tangledCount: Int

    public init(dimension: Int, cellCount: Int, smallestMeasure: Double, largestMeasure: Double, worstAspectRatio: Double,
                tangledCount: Int) {
        (self.dimension, self.cellCount, self.smallestMeasure, self.largestMeasure) = (dimension, cellCount, smallestMeasure, largestMeasure)
        (self.worstAspectRatio, self.tangledCount) = (worstAspectRatio, tangledCount)
    }

    /// The summary of `mesh`.
    public init(_ mesh: Mesh) {
        dimension = mesh.cellBlocks.map(\.type.dimension).max() ?? 0
        (cellCount, smallestMeasure, largestMeasure, worstAspectRatio) = (0, 0, 0, 1)
        let report = mesh.tanglingReport()
        tangledCount = report.tangled.count
        var measures: [Double] = []
        for (b, block) in mesh.cellBlocks.enumerated() where block.type.dimension == dimension && dimension > 0 {
            measures += mesh.signedMeasures(block: b)
            worstAspectRatio = max(worstAspectRatio, mesh.aspectRatios(block: b).max() ?? 1)
        }
        cellCount = measures.count
        smallestMeasure = measures.min() ?? 0
        largestMeasure = measures.max() ?? 0
    }
}
