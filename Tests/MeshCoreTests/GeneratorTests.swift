import Foundation
import Testing
import MeshCore

/// The 2-D generators: counts, positive orientation, areas against the exact shapes, conforming
/// patches, and the quality summary over them.
@Suite("Mesh generators")
struct GeneratorTests {
    static func area(_ mesh: Mesh) -> Double {
        mesh.cellBlocks.indices.reduce(0) { $0 + mesh.signedMeasures(block: $1).reduce(0, +) }
    }

    /// Edges used by exactly one cell: the boundary. A conforming mesh of a shape with h holes
    /// has as many boundary edges as boundary nodes, and every interior edge is shared by two cells.
    static func edgeUses(_ mesh: Mesh) -> [Int] {
        var uses: [[Int]: Int] = [:]
        for block in mesh.cellBlocks {
            for cell in 0..<block.count {
                let nodes = Array(block[cell])
                for (a, b) in block.type.edges { uses[[min(nodes[a], nodes[b]), max(nodes[a], nodes[b])], default: 0] += 1 }
            }
        }
        return Array(uses.values)
    }

    @Test(arguments: [false, true])
    func rectangleHasItsCountsAndArea(quads: Bool) {
        let mesh = MeshGenerator.rectangle(width: 2, height: 1, nx: 8, ny: 4, quads: quads)
        #expect(mesh.pointCount == 45 && mesh.dimension == 2)
        #expect(mesh.cellBlocks.map(\.type) == [quads ? .quad : .triangle] && mesh.cellCount == (quads ? 32 : 64))
        #expect(abs(Self.area(mesh) - 2) < 1e-12)
        #expect(!mesh.tanglingReport().isTangled)
        #expect(Self.edgeUses(mesh).filter { $0 == 1 }.count == 24 && Self.edgeUses(mesh).allSatisfy { $0 <= 2 })
        #expect(mesh.pointData["distance"]?.count == 45)
    }

    @Test(arguments: [false, true])
    func diskIsPositiveAndCloseToTheCircle(quads: Bool) {
        let mesh = MeshGenerator.disk(radius: 2, n: 16, quads: quads)
        #expect(mesh.pointCount == 17 * 17 && mesh.cellCount == (quads ? 256 : 512))
        let report = mesh.tanglingReport()
        #expect(!report.isTangled && report.checkedCells == mesh.cellCount)
        // 64 boundary chords inscribed in the circle: the area is just below 4π.
        let area = Self.area(mesh)
        #expect(area < 4 * Double.pi && area > 4 * Double.pi * 0.99, "\(area)")
        let radii = (0..<mesh.pointCount).map { (mesh.point($0) * mesh.point($0)).sum().squareRoot() }
        #expect(radii.allSatisfy { $0 <= 2 + 1e-12 } && radii.filter { abs($0 - 2) < 1e-12 }.count == 64)
    }

    @Test(arguments: [false, true])
    func channelWithAHoleIsConformingAndPositive(quads: Bool) {
        let mesh = MeshGenerator.channel(length: 4, height: 1, radius: 0.2, n: 8, quads: quads)
        // O-grid 32 × 4, upstream 4 × 8, downstream 20 × 8 quads.
        #expect(mesh.cellCount == (quads ? 320 : 640))
        #expect(!mesh.tanglingReport().isTangled)
        let area = Self.area(mesh)
        let exact = 4 - Double.pi * 0.04
        #expect(area > exact && area < exact + 0.01, "\(area)")
        // Conforming: every edge is used once (boundary) or twice; the boundary has the outer
        // rectangle's 2 × (32 + 8) edges and the hole's 32.
        let uses = Self.edgeUses(mesh)
        #expect(uses.allSatisfy { $0 == 1 || $0 == 2 })
        #expect(uses.filter { $0 == 1 }.count == 80 + 32)
    }

    @Test func qualitySummaryReportsRangesAndTangling() {
        let mesh = MeshGenerator.rectangle(width: 1, height: 1, nx: 2, ny: 2, quads: true)
        var summary = QualitySummary(mesh)
        #expect(summary == QualitySummary(dimension: 2, cellCount: 4, smallestMeasure: 0.25, largestMeasure: 0.25,
                                          worstAspectRatio: 1, tangledCount: 0))
        // Reflect the centre node through a corner: the cell between them folds.
        let folded = MeshGenerator.folded(mesh)
        let moved = (0..<mesh.pointCount).filter { folded.point($0) != mesh.point($0) }
        #expect(moved.count == 1 && mesh.point(moved[0]) == SIMD3(0.5, 0.5, 0))
        #expect(moved.count == 1 && [SIMD3(1.5, 1.5, 0), SIMD3(-0.5, -0.5, 0), SIMD3(1.5, -0.5, 0), SIMD3(-0.5, 1.5, 0)].contains(folded.point(moved[0])))
        summary = QualitySummary(folded)
        #expect(summary.tangledCount > 0 && summary.smallestMeasure < 0 && summary.worstAspectRatio > 1)
    }
}

/// The unit box: counts, positive volumes summing to 1, and conforming tetrahedra.
@Suite("Box generator")
struct BoxGeneratorTests {
    @Test(arguments: [false, true])
    func boxHasItsCountsAndUnitVolume(tetrahedra: Bool) {
        let mesh = MeshGenerator.box(n: 3, tetrahedra: tetrahedra)
        #expect(mesh.pointCount == 64 && mesh.cellCount == (tetrahedra ? 162 : 27))
        let volumes = mesh.signedMeasures(block: 0)
        #expect(volumes.allSatisfy { $0 > 0 } && abs(volumes.reduce(0, +) - 1) < 1e-12)
        // Conforming: every triangular face is shared by two tetrahedra or lies on the boundary
        // (2 per square, 6 × 9 squares).
        if tetrahedra {
            var faces: [[Int]: Int] = [:]
            for cell in 0..<mesh.cellCount {
                let t = Array(mesh.cellBlocks[0][cell])
                for skip in 0..<4 { faces[t.enumerated().filter { $0.offset != skip }.map(\.element).sorted(), default: 0] += 1 }
            }
            #expect(faces.values.allSatisfy { $0 <= 2 } && faces.values.filter { $0 == 1 }.count == 2 * 6 * 9)
        }
    }
}

/// The folding fixture tangles cells around the moved point.
@Suite("Folded meshes")
struct FoldedMeshTests {
    @Test(arguments: [MeshGenerator.rectangle(nx: 4, ny: 4, quads: false), MeshGenerator.rectangle(nx: 4, ny: 4, quads: true),
                      MeshGenerator.box(n: 2, tetrahedra: true)])
    func foldingTanglesCells(mesh: Mesh) {
        #expect(!mesh.tanglingReport().isTangled)
        let folded = MeshGenerator.folded(mesh)
        #expect(folded.cellBlocks == mesh.cellBlocks && folded.pointCount == mesh.pointCount)
        #expect(folded.tanglingReport().isTangled)
    }
}
