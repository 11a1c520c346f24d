import Testing
import MeshCore

/// Signed measures against exact values, aspect ratios, and the tangling report.
@Suite("Mesh quality")
struct QualityTests {
    /// One cell of `type` on the unit reference cell (corners of the unit square, cube, …).
    static func unitCell(_ type: CellType) -> Mesh {
        let corners: [[Double]] = switch type {
        case .triangle: [[0, 0, 0], [1, 0, 0], [0, 1, 0]]
        case .quad: [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]]
        case .tetra: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
        case .hexahedron: [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1]]
        case .wedge: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [0, 1, 1]]
        case .pyramid: [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0.5, 0.5, 1]]
        default: [[0, 0, 0], [1, 0, 0]]
        }
        return Mesh(dimension: 3, points: corners.flatMap { $0 },
                    cellBlocks: [CellBlock(type: type, connectivity: Array(corners.indices))])
    }

    @Test(arguments: [(CellType.triangle, 0.5), (.quad, 1), (.tetra, 1.0 / 6), (.hexahedron, 1), (.wedge, 0.5),
                      (.pyramid, 1.0 / 3), (.line, 1)])
    func unitCellsHaveTheirExactMeasure(type: CellType, expected: Double) {
        let measure = Self.unitCell(type).signedMeasures(block: 0)[0]
        #expect(abs(measure - expected) < 1e-15, "\(type): \(measure)")
    }

    @Test func measureIsExactForADistortedHexahedron() {
        // x ↦ (x, y, z(1 + x y)): volume ∫∫ (1 + x y) = 1.25, a trilinear map, so 2×2×2 Gauss is exact.
        let corners: [[Double]] = [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [1, 1, 2], [0, 1, 1]]
        let mesh = Mesh(dimension: 3, points: corners.flatMap { $0 }, cellBlocks: [CellBlock(type: .hexahedron, connectivity: Array(0..<8))])
        #expect(abs(mesh.signedMeasures(block: 0)[0] - 1.25) < 1e-14)
    }

    @Test func quadraticCellsAreMeasuredByTheirCorners() {
        var mesh = Self.unitCell(.triangle)
        mesh.points += [0.5, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0]
        mesh.cellBlocks = [CellBlock(type: .triangle6, connectivity: Array(0..<6))]
        #expect(mesh.signedMeasures(block: 0) == [0.5])
    }

    @Test(arguments: [CellType.triangle, .quad, .tetra, .hexahedron, .wedge, .pyramid])
    func mirroredCellIsReportedAsTangled(type: CellType) {
        var mesh = Self.unitCell(type)
        for i in 0..<mesh.pointCount { mesh.points[3 * i] = -mesh.points[3 * i] }  // x ↦ −x inverts every cell
        let report = mesh.tanglingReport()
        #expect(report.isTangled && report.tangled == [.init(block: 0, cell: 0, measure: mesh.signedMeasures(block: 0)[0])])
        #expect(report.tangled[0].measure < 0)
        #expect(!Self.unitCell(type).tanglingReport().isTangled)
    }

    @Test func tanglingReportFindsTheOneInvertedTriangleAndIgnoresBoundaryLines() {
        // Two triangles of the unit square; the second lists its corners clockwise.
        let mesh = Mesh(dimension: 2, points: [0, 0, 1, 0, 1, 1, 0, 1],
                        cellBlocks: [CellBlock(type: .line, connectivity: [0, 1]),
                                     CellBlock(type: .triangle, connectivity: [0, 1, 2, 0, 3, 2])])
        let report = mesh.tanglingReport()
        #expect(report.checkedCells == 2)
        #expect(report.tangled == [.init(block: 1, cell: 1, measure: -0.5)])
        #expect(report.smallestMeasure == -0.5)
    }

    @Test func aspectRatioIsLongestOverShortestEdge() {
        let square = Self.unitCell(.quad)
        #expect(square.aspectRatios(block: 0) == [1])
        let mesh = Mesh(dimension: 2, points: [0, 0, 4, 0, 4, 1, 0, 1], cellBlocks: [CellBlock(type: .quad, connectivity: [0, 1, 2, 3])])
        #expect(mesh.aspectRatios(block: 0) == [4])
    }

    @Test func validateNamesTheBadIndexAndTheShortData() {
        var mesh = Self.unitCell(.triangle)
        mesh.cellBlocks[0].connectivity[2] = 7
        #expect(throws: MeshError.connectivityOutOfRange(block: 0, cell: 0, index: 7, pointCount: 3)) { try mesh.validate() }
        mesh = Self.unitCell(.triangle)
        mesh.cellData["m"] = [DataArray(doubles: [1, 2])]
        #expect(throws: MeshError.cellDataLength(name: "m", block: 0, count: 2, cellCount: 1)) { try mesh.validate() }
    }

    @Test func signaturesMatchNodeCounts() {
        let counts: [CellType: Int] = [.vertex: 1, .line: 2, .triangle: 3, .quad: 4, .tetra: 4, .hexahedron: 8, .wedge: 6,
                                       .pyramid: 5, .line3: 3, .triangle6: 6, .quad8: 8, .quad9: 9, .tetra10: 10,
                                       .hexahedron20: 20, .hexahedron27: 27]
        for type in CellType.allCases { #expect(type.nodeCount == counts[type], "\(type)") }
    }

    @Test func nodeCountsAgreeWithTheSignatures() {
        for type in CellType.allCases { #expect(type.nodeCount == type.nodeSignatures.count, "\(type)") }
    }
}
