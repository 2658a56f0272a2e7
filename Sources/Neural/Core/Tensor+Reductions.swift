// Reductions. A sum passes its gradient unchanged to every element it summed
// (∂(Σxᵢ)/∂xᵢ = 1); a mean passes 1/n of it; a maximum passes it to the largest element only.

extension Tensor {
    /// The sum of all scalars, as a scalar tensor.
    public func sum() -> Tensor {
        var total: Float = 0
        scalars.withUnsafeBufferPointer { p in for x in p { total += x } }
        let count = self.count
        return Tensor(total).recordingGraph("sum", parents: [self]) { g in
            self.accumulateGrad([Float](repeating: g[0], count: count))  // ∂/∂xᵢ = 1
        }
    }

    /// The mean of all scalars, as a scalar tensor: `(1/n) Σ xᵢ`.
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Splits the shape around `axis` into (product of the axes before, its size, product after).
    func around(axis: Int, _ name: String, file: StaticString, line: UInt) -> (outer: Int, size: Int, inner: Int, axis: Int) {
        let axis = axis < 0 ? axis + rank : axis
        check(axis >= 0 && axis < rank, "\(name): axis out of range for shape \(shape)", file: file, line: line)
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *), axis)
    }

    func reducedShape(_ axis: Int, keeping: Bool) -> [Int] {
        var s = shape
        if keeping { s[axis] = 1 } else { s.remove(at: axis) }
        return s
    }

    /// Sums along one axis (negative counts from the end), removing it unless `keepingDimension`.
    ///
    /// For a `batch×features` matrix, `sum(axis: 0)` sums over the batch.
    public func sum(axis: Int, keepingDimension: Bool = false, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let (outer, size, inner, axis) = around(axis: axis, "sum", file: file, line: line)
        let result = scalars.withUnsafeBufferPointer { p in
            makeScalars(count: outer * inner) { out in
                out.update(repeating: 0, count: outer * inner)
                for o in 0..<outer {
                    for s in 0..<size {
                        let row = p.baseAddress! + (o * size + s) * inner
                        for i in 0..<inner { out[o * inner + i] += row[i] }
                    }
                }
            }
        }
        return Tensor(uncheckedShape: reducedShape(axis, keeping: keepingDimension), scalars: result)
            .recordingGraph("sum", parents: [self]) { g in
                self.accumulatingGrad { out in  // each summed element gets the sum's gradient
                    for o in 0..<outer { for s in 0..<size { for i in 0..<inner {
                        out[(o * size + s) * inner + i] += g[o * inner + i]
                    } } }
                }
            }
    }

    /// The mean along one axis: the sum divided by the axis's size.
    public func mean(axis: Int, keepingDimension: Bool = false, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let size = shape[around(axis: axis, "mean", file: file, line: line).axis]
        return sum(axis: axis, keepingDimension: keepingDimension, file: file, line: line) * (1 / Float(Swift.max(size, 1)))
    }

    /// The maximum along one axis, and where it is, as torch's `x.max(dim)` gives them:
    /// `x.max(axis: 1).values` and `.indices` (the first largest element's position along the
    /// axis). The gradient flows to that element.
    public func max(
        axis: Int, keepingDimension: Bool = false, file: StaticString = #filePath, line: UInt = #line
    ) -> (values: Tensor, indices: [Int]) {
        let (outer, size, inner, axis) = around(axis: axis, "max", file: file, line: line)
        check(size > 0, "max of an empty axis", file: file, line: line)
        let winners = argmax(axis: axis, file: file, line: line)
        let values = winners.enumerated().map { index, s in
            scalars[((index / inner) * size + s) * inner + index % inner]
        }
        _ = outer
        let maxima = Tensor(uncheckedShape: reducedShape(axis, keeping: keepingDimension), scalars: values)
            .recordingGraph("max", parents: [self]) { g in
                self.accumulatingGrad { out in
                    for (index, s) in winners.enumerated() {
                        out[((index / inner) * size + s) * inner + index % inner] += g[index]
                    }
                }
            }
        return (maxima, winners)
    }

    /// The index of the largest element along `axis` (the first one on ties), for each
    /// position of the other axes: for `batch×classes` scores, the predicted classes.
    public func argmax(axis: Int = -1, file: StaticString = #filePath, line: UInt = #line) -> [Int] {
        let (outer, size, inner, _) = around(axis: axis, "argmax", file: file, line: line)
        var result = [Int](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                var best = 0
                var bestValue = -Float.infinity
                for s in 0..<size {
                    let v = scalars[(o * size + s) * inner + i]
                    if v > bestValue || (s == 0) { best = s; bestValue = v }
                }
                result[o * inner + i] = best
            }
        }
        return result
    }
}
