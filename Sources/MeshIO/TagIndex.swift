/// Maps the tags a file gives its nodes or elements to 0-based positions: the order in which
/// the file lists them, or, with `renumber`, tag − 1 when the tags are exactly 1…n in any order
/// (so a mesh keeps the node numbering of a file that lists its nodes by entity).
struct TagIndex {
    private var dense: [Int] = []
    private var sparse: [Int: Int] = [:]
    /// The tags are exactly 1…count and positions are tag − 1.
    private(set) var isContiguous = false

    /// Throws the first tag that appears twice.
    init(tags: [Int], renumber: Bool) throws(TagError) {
        let (low, high) = (tags.min() ?? 1, tags.max() ?? 0)
        if low >= 0, high <= 4 * tags.count + 1024 {
            dense = Array(repeating: -1, count: high + 1)
            for (position, tag) in tags.enumerated() {
                guard dense[tag] < 0 else { throw TagError(tag: tag) }
                dense[tag] = position
            }
            isContiguous = renumber && low == 1 && high == tags.count
            if isContiguous { for tag in 1..<(high + 1) { dense[tag] = tag - 1 } }
        } else {
            for (position, tag) in tags.enumerated() {
                guard sparse.updateValue(position, forKey: tag) == nil else { throw TagError(tag: tag) }
            }
        }
    }

    struct TagError: Error { var tag: Int }

    /// The position of `tag`, or nil when the file never defined it.
    func position(_ tag: Int) -> Int? {
        if !dense.isEmpty || sparse.isEmpty {
            guard tag >= 0, tag < dense.count, dense[tag] >= 0 else { return nil }
            return dense[tag]
        }
        return sparse[tag]
    }
}
