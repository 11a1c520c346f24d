/// Matrix products through cblas `?gemm`.
extension Tensor {
    /// How a matrix (the last two axes of a tensor) can be handed to gemm without a copy.
    private struct MatrixOperand {
        var tensor: Tensor
        var transposed: Bool
        var leadingDimension: Int

        /// Row-major (`[r, c]` with strides `[ld, 1]`) or its transpose (strides `[1, ld]`);
        /// anything else is copied to row-major first.
        init(_ tensor: Tensor) {
            let rows = tensor.shape[tensor.rank - 2], columns = tensor.shape[tensor.rank - 1]
            let rowStride = tensor.strides[tensor.rank - 2], columnStride = tensor.strides[tensor.rank - 1]
            if columnStride == 1 || columns == 1, rowStride >= Swift.max(columns, 1) || rows == 1 {
                self.tensor = tensor
                transposed = false
                leadingDimension = rows == 1 ? Swift.max(columns, 1) : rowStride
            } else if rowStride == 1 || rows == 1, columnStride >= Swift.max(rows, 1) || columns == 1 {
                self.tensor = tensor
                transposed = true
                leadingDimension = columns == 1 ? Swift.max(rows, 1) : columnStride
            } else {
                self.tensor = tensor.contiguous()
                transposed = false
                leadingDimension = Swift.max(columns, 1)
            }
        }
    }

    /// Matrix product over the last two axes, `[..., m, k] × [..., k, n] → [..., m, n]`, with
    /// the leading (batch) axes broadcast. Rank-1 operands are treated as a row / column vector.
    public static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        if a.rank == 1 { return matmul(a.unsqueezed(axis: 0), b).squeezed(axis: -2) }
        if b.rank == 1 { return matmul(a, b.unsqueezed(axis: 1)).squeezed(axis: -1) }
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1]
        let n = b.shape[b.rank - 1]
        precondition(b.shape[b.rank - 2] == k, "matmul: shapes \(a.shape) and \(b.shape) do not align")
        let batchShape = broadcastShape(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))

        // A batch of a row-major `a` against one shared `b`: fold the batch into the rows.
        if b.rank == 2 || b.shape.dropLast(2).allSatisfy({ $0 == 1 }), a.isContiguous,
           Array(a.shape.dropLast(2)) == batchShape {
            let rows = batchShape.reduce(1, *) * m
            let folded = matmul2D(a.reshaped([rows, k]), b.reshaped([k, n]))
            return folded.reshaped(batchShape + [m, n])
        }

        let x = MatrixOperand(a.expanded(to: batchShape + [m, k]))
        let y = MatrixOperand(b.expanded(to: batchShape + [k, n]))
        let batchCount = batchShape.reduce(1, *)
        return Tensor(shape: batchShape + [m, n]) { output in
            if k == 0 { output.initialize(repeating: 0); return }
            var batch = 0
            let batchRank = batchShape.count
            StridedLoop.forEachRow(shape: batchShape, strides: Array(x.tensor.strides.prefix(batchRank)),
                                   offset: x.tensor.offset, strides: Array(y.tensor.strides.prefix(batchRank)),
                                   offset: y.tensor.offset) { xStart, yStart, length, xStep, yStep in
                for index in 0..<length {
                    Scalar.gemm(transposeA: x.transposed, transposeB: y.transposed, m: m, n: n, k: k, alpha: 1,
                                a: x.tensor.storage.base + xStart + index * xStep, lda: x.leadingDimension,
                                b: y.tensor.storage.base + yStart + index * yStep, ldb: y.leadingDimension,
                                beta: 0, c: output.baseAddress! + batch * m * n, ldc: Swift.max(n, 1))
                    batch += 1
                }
            }
            precondition(batch == batchCount)
        }
    }

    /// `a b + bias` for matrices `a: [m, k]`, `b: [k, n]` and `bias: [n]`: the bias rows are
    /// written into the output and gemm accumulates onto them (β = 1).
    public static func matmul(_ a: Tensor, _ b: Tensor, adding bias: Tensor) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2 && bias.shape == [b.shape[1]],
                     "matmul adding bias: \(a.shape) × \(b.shape) + \(bias.shape)")
        return matmul2D(a, b, bias: bias)
    }

    private static func matmul2D(_ a: Tensor, _ b: Tensor, bias: Tensor? = nil) -> Tensor {
        let m = a.shape[0], k = a.shape[1], n = b.shape[1]
        precondition(b.shape[0] == k, "matmul: shapes \(a.shape) and \(b.shape) do not align")
        let x = MatrixOperand(a), y = MatrixOperand(b)
        return Tensor(shape: [m, n]) { output in
            if let bias {
                bias.withUnsafeBufferPointer { row in
                    for i in 0..<m { (output.baseAddress! + i * n).update(from: row.baseAddress!, count: n) }
                }
            }
            if k == 0 || m == 0 || n == 0 {
                if bias == nil { output.initialize(repeating: 0) }
                return
            }
            Scalar.gemm(transposeA: x.transposed, transposeB: y.transposed, m: m, n: n, k: k, alpha: 1,
                        a: x.tensor.storage.base + x.tensor.offset, lda: x.leadingDimension,
                        b: y.tensor.storage.base + y.tensor.offset, ldb: y.leadingDimension,
                        beta: bias == nil ? 0 : 1, c: output.baseAddress!, ldc: n)
        }
    }
}
