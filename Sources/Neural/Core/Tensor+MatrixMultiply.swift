// The matrix product and its derivative. For Z = X·W (X: m×k, W: k×n, Z: m×n),
//   ∂L/∂X = ∂L/∂Z · Wᵀ    and    ∂L/∂W = Xᵀ · ∂L/∂Z.

/// The matrix product `x·y` of an `m×k` and a `k×n` matrix (PyTorch's `x @ y`).
///
/// `zᵢⱼ = Σₚ xᵢₚ · yₚⱼ`. As in torch, a vector (rank 1) works too: `[k]·[k×n]` is `[n]`,
/// `[m×k]·[k]` is `[m]`, and `[k]·[k]` is their dot product (a scalar).
public func matmul(_ x: Tensor, _ y: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
    check((1...2).contains(x.rank) && (1...2).contains(y.rank),
          "matmul needs matrices or vectors, got shapes \(x.shape) and \(y.shape)", file: file, line: line)
    if x.rank == 1 || y.rank == 1 {
        let left = x.rank == 1 ? x.reshaped([1, x.count]) : x
        let right = y.rank == 1 ? y.reshaped([y.count, 1]) : y
        check(left.shape[1] == right.shape[0], "shape mismatch in matmul: \(x.shape) × \(y.shape)", file: file, line: line)
        let product = matmul(left, right, file: file, line: line)
        let shape = (x.rank == 2 ? [x.shape[0]] : []) + (y.rank == 2 ? [y.shape[1]] : [])
        return product.reshaped(shape, file: file, line: line)
    }
    check(x.shape[1] == y.shape[0], "shape mismatch in matmul: \(x.shape) × \(y.shape)", file: file, line: line)
    let (m, k, n) = (x.shape[0], x.shape[1], y.shape[1])
    let z = x.scalars.withUnsafeBufferPointer { a in
        y.scalars.withUnsafeBufferPointer { b in
            makeScalars(count: m * n) { c in
                sgemm(m: m, n: n, k: k, a.baseAddress!, b.baseAddress!, c, accumulate: false)
            }
        }
    }
    return Tensor(uncheckedShape: [m, n], scalars: z).recordingGraph("matmul", parents: [x, y]) { g in
        g.withUnsafeBufferPointer { g in
            if x.requiresGrad {
                y.scalars.withUnsafeBufferPointer { b in
                    x.accumulatingGrad { gx in  // ∂L/∂X += G·Wᵀ
                        sgemm(transposeB: true, m: m, n: k, k: n, g.baseAddress!, b.baseAddress!, gx, accumulate: true)
                    }
                }
            }
            if y.requiresGrad {
                x.scalars.withUnsafeBufferPointer { a in
                    y.accumulatingGrad { gy in  // ∂L/∂W += Xᵀ·G
                        sgemm(transposeA: true, m: k, n: n, k: m, a.baseAddress!, g.baseAddress!, gy, accumulate: true)
                    }
                }
            }
        }
    }
}

/// The affine map `x·w + b` of a batch of row vectors (what a ``Linear`` layer computes),
/// as one operation: `x` is `batch×in`, `w` is `in×out`, `b` has `out` scalars.
///
/// `∂L/∂x = G·wᵀ`, `∂L/∂w = xᵀ·G`, `∂L/∂b = Σ over the batch of G`.
public func linear(_ x: Tensor, weight w: Tensor, bias b: Tensor?, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
    check(w.rank == 2, "linear needs a weight matrix, got shape \(w.shape)", file: file, line: line)
    check(x.rank >= 1 && x.shape.last == w.shape[0],
          "shape mismatch in linear: input of shape \(x.shape), expected [..., \(w.shape[0])]", file: file, line: line)
    if x.rank != 2 {
        // A vector, or a batch with more axes ([..., in]): as rows of a matrix, then back (as torch does).
        let rows = x.reshaped([-1, w.shape[0]], file: file, line: line)
        let outputShape = Array(x.shape.dropLast()) + [w.shape[1]]
        return linear(rows, weight: w, bias: b, file: file, line: line).reshaped(outputShape, file: file, line: line)
    }
    check(x.shape[1] == w.shape[0], "shape mismatch in matmul: \(x.shape) × \(w.shape)", file: file, line: line)
    let (m, k, n) = (x.shape[0], x.shape[1], w.shape[1])
    if let b { check(b.count == n, "bias of shape \(b.shape) for \(n) outputs", file: file, line: line) }
    let z = x.scalars.withUnsafeBufferPointer { a in
        w.scalars.withUnsafeBufferPointer { pw in
            makeScalars(count: m * n) { c in
                if let b {
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<m { (c + i * n).update(from: pb.baseAddress!, count: n) }
                    }
                }
                sgemm(m: m, n: n, k: k, a.baseAddress!, pw.baseAddress!, c, accumulate: b != nil)
            }
        }
    }
    let parents = b.map { [x, w, $0] } ?? [x, w]
    return Tensor(uncheckedShape: [m, n], scalars: z).recordingGraph("linear", parents: parents) { g in
        g.withUnsafeBufferPointer { g in
            if x.requiresGrad {
                w.scalars.withUnsafeBufferPointer { pw in
                    x.accumulatingGrad { gx in
                        sgemm(transposeB: true, m: m, n: k, k: n, g.baseAddress!, pw.baseAddress!, gx, accumulate: true)
                    }
                }
            }
            if w.requiresGrad {
                x.scalars.withUnsafeBufferPointer { a in
                    w.accumulatingGrad { gw in
                        sgemm(transposeA: true, m: k, n: n, k: m, a.baseAddress!, g.baseAddress!, gw, accumulate: true)
                    }
                }
            }
            if let b, b.requiresGrad {
                b.accumulatingGrad { gb in
                    for i in 0..<m {
                        let row = g.baseAddress! + i * n
                        for j in 0..<n { gb[j] += row[j] }
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// The matrix product `self·other`.
    public func matmul(_ other: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        Neural.matmul(self, other, file: file, line: line)
    }

    /// The transpose of a matrix: `(xᵀ)ᵢⱼ = xⱼᵢ`; its gradient is the transposed gradient.
    public func transposed(file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        check(rank == 2, "transposed() needs a matrix, got shape \(shape)", file: file, line: line)
        let (rows, columns) = (shape[0], shape[1])
        let t = scalars.withUnsafeBufferPointer { p in
            makeScalars(count: count) { out in
                for i in 0..<rows { for j in 0..<columns { out[j * rows + i] = p[i * columns + j] } }
            }
        }
        return Tensor(uncheckedShape: [columns, rows], scalars: t).recordingGraph("transpose", parents: [self]) { g in
            self.accumulatingGrad { out in
                for i in 0..<rows { for j in 0..<columns { out[i * columns + j] += g[j * rows + i] } }
            }
        }
    }

    /// The same scalars with another shape of the same count; one axis may be `-1` (inferred).
    public func reshaped(_ newShape: [Int], file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        var target = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            check(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)", file: file, line: line)
            target[unknown] = count / known
        }
        check(target.reduce(1, *) == count && target.allSatisfy { $0 >= 0 },
              "cannot reshape \(shape) to \(newShape)", file: file, line: line)
        return Tensor(uncheckedShape: target, scalars: scalars).recordingGraph("reshape", parents: [self]) { g in
            self.accumulateGrad(g)
        }
    }

    /// The rows at `indices` of a matrix (or the leading-axis slices of any tensor), as a new
    /// tensor; used to make mini-batches. Not recorded for gradients.
    public func rows(at indices: [Int], file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        check(rank >= 1, "rows(at:) needs at least one axis, got a scalar", file: file, line: line)
        let width = shape[0] == 0 ? 0 : count / shape[0]
        let selected = scalars.withUnsafeBufferPointer { p in
            makeScalars(count: indices.count * width) { out in
                for (r, index) in indices.enumerated() {
                    check(index >= 0 && index < shape[0], "row \(index) out of range for shape \(shape)", file: file, line: line)
                    (out + r * width).update(from: p.baseAddress! + index * width, count: width)
                }
            }
        }
        return Tensor(uncheckedShape: [indices.count] + shape.dropFirst(), scalars: selected)
    }
}
