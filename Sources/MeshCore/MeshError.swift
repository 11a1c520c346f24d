/// Why a mesh is not self-consistent (connectivity or data that do not fit its points and cells).
public enum MeshError: Error, CustomStringConvertible, Equatable {
    case connectivityOutOfRange(block: Int, cell: Int, index: Int, pointCount: Int)
    case pointDataLength(name: String, count: Int, pointCount: Int)
    case cellDataBlocks(name: String, arrays: Int, blocks: Int)
    case cellDataLength(name: String, block: Int, count: Int, cellCount: Int)
    case pointSetOutOfRange(name: String, index: Int, pointCount: Int)

    public var description: String {
        switch self {
        case let .connectivityOutOfRange(block, cell, index, pointCount):
            "cell \(cell) of block \(block) refers to point \(index), but the mesh has \(pointCount) points"
        case let .pointDataLength(name, count, pointCount):
            "point data '\(name)' has \(count) tuples for \(pointCount) points"
        case let .cellDataBlocks(name, arrays, blocks):
            "cell data '\(name)' has \(arrays) arrays for \(blocks) cell blocks"
        case let .cellDataLength(name, block, count, cellCount):
            "cell data '\(name)' has \(count) tuples in block \(block), which has \(cellCount) cells"
        case let .pointSetOutOfRange(name, index, pointCount):
            "point set '\(name)' holds point \(index), but the mesh has \(pointCount) points"
        }
    }
}
