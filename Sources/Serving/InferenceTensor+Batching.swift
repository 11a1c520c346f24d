import Foundation

/// Joining requests into one batch and splitting the result, along the first (batch) axis.
extension InferenceTensor {
    /// The bytes of one batch element.
    var bytesPerBatchElement: Int { shape.isEmpty || shape[0] == 0 ? 0 : bytes.count / shape[0] }

    /// `parts` (same name, datatype and shape past the first axis) stacked along the first axis.
    static func concatenated(_ parts: [InferenceTensor]) -> InferenceTensor {
        precondition(!parts.isEmpty, "nothing to concatenate")
        guard parts.count > 1 else { return parts[0] }
        var bytes = Data(capacity: parts.reduce(0) { $0 + $1.bytes.count })
        for part in parts { bytes.append(part.bytes) }
        var shape = parts[0].shape
        shape[0] = parts.reduce(0) { $0 + $1.shape[0] }
        return InferenceTensor(name: parts[0].name, datatype: parts[0].datatype, shape: shape, bytes: bytes)
    }

    /// Rows `range` of the first axis.
    func batchSlice(_ range: Range<Int>) -> InferenceTensor {
        let stride = bytesPerBatchElement
        var shape = self.shape
        shape[0] = range.count
        let start = bytes.startIndex + range.lowerBound * stride
        return InferenceTensor(name: name, datatype: datatype, shape: shape,
                               bytes: Data(bytes[start..<(start + range.count * stride)]))
    }
}
