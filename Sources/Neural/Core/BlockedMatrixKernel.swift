// The matrix product for large shapes, blocked for the caches as GotoBLAS does: a block of
// op(B) (`depthBlock × columnBlock`) is packed into 16-column panels and a block of op(A)
// (`rowBlock × depthBlock`) into 6-row panels, contiguous in the order the micro-kernel reads
// them; the micro-kernel then keeps a 6×16 tile of C in SIMD registers while one A panel
// (3 KB, from L2) and one B panel (8 KB, in L1) stream by. The block sizes are standard,
// checked by measuring on an AMD EPYC (Zen 3, AVX2): kc = 128 and 256 were within noise.
//
// Splitting k into blocks must not change the bits (MatrixKernels.swift, "The rule"): each
// tile's running sums are stored after one depth block and loaded again before the next, so
// every element is still the sum of its products in order of p, from zero. When the product
// is added to C, the running sums live in a scratch matrix and are added to C at the end.

private typealias Vector = SIMD16<Float>
private let tileRows = 6
private let tileColumns = Vector.scalarCount
/// Depth of a block (kc): a B panel of `depthBlock × 16` floats is 8 KB.
private let depthBlock = 128
/// Rows of op(A) packed at once (mc, a multiple of 6): 96 × 128 floats is 48 KB, in L2.
private let rowBlock = 96
/// Columns of op(B) packed at once (nc, a multiple of 16): 128 × 512 floats is 256 KB.
private let columnBlock = 512

/// `C (m×n) = op(A)·op(B)` (or `+=` when `accumulate`) with
/// `op(A)(i, p) = a[i·aRowStride + p·aColumnStride]` and
/// `op(B)(p, j) = b[p·bRowStride + j·bColumnStride]`; `C` is row-major.
@_optimize(speed)
func blockedSgemm(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
    b: UnsafePointer<Float>, bRowStride: Int, bColumnStride: Int,
    c: UnsafeMutablePointer<Float>, accumulate: Bool
) {
    let sums = accumulate ? UnsafeMutablePointer<Float>.allocate(capacity: m * n) : c
    let packedA = UnsafeMutablePointer<Float>.allocate(capacity: rowBlock * depthBlock)
    let packedB = UnsafeMutablePointer<Float>.allocate(capacity: depthBlock * columnBlock)
    defer {
        packedA.deallocate()
        packedB.deallocate()
        if accumulate {
            for index in 0..<m * n { c[index] += sums[index] }
            sums.deallocate()
        }
    }

    for jc in stride(from: 0, to: n, by: columnBlock) {
        let nc = min(columnBlock, n - jc)
        let columnPanels = (nc + tileColumns - 1) / tileColumns
        for pc in stride(from: 0, to: k, by: depthBlock) {
            let kc = min(depthBlock, k - pc)
            // Packing B (below) and A (further down) mirror each other: columns of 16, rows of 6.
            // op(B)[pc..<pc+kc, jc..<jc+nc] as panels of 16 columns, zero-padded.
            for panel in 0..<columnPanels {
                let out = packedB + panel * kc * tileColumns
                let j0 = jc + panel * tileColumns
                let width = min(tileColumns, n - j0)
                for p in 0..<kc {
                    let row = out + p * tileColumns
                    let source = b + (pc + p) * bRowStride + j0 * bColumnStride
                    if bColumnStride == 1 {
                        row.update(from: source, count: width)
                    } else {
                        for j in 0..<width { row[j] = source[j * bColumnStride] }
                    }
                    if width < tileColumns { (row + width).update(repeating: 0, count: tileColumns - width) }
                }
            }
            for ic in stride(from: 0, to: m, by: rowBlock) {
                let mc = min(rowBlock, m - ic)
                let rowPanels = (mc + tileRows - 1) / tileRows
                // op(A)[ic..<ic+mc, pc..<pc+kc] as panels of 6 rows, zero-padded.
                for panel in 0..<rowPanels {
                    let out = packedA + panel * kc * tileRows
                    let i0 = ic + panel * tileRows
                    let height = min(tileRows, m - i0)
                    for p in 0..<kc {
                        let column = out + p * tileRows
                        let source = a + i0 * aRowStride + (pc + p) * aColumnStride
                        for i in 0..<height { column[i] = source[i * aRowStride] }
                        for i in height..<tileRows { column[i] = 0 }
                    }
                }
                for columnPanel in 0..<columnPanels {
                    let j0 = jc + columnPanel * tileColumns
                    for rowPanel in 0..<rowPanels {
                        let i0 = ic + rowPanel * tileRows
                        multiplyTile(
                            depth: kc, a: packedA + rowPanel * kc * tileRows, b: packedB + columnPanel * kc * tileColumns,
                            c: sums + i0 * n + j0, rowStride: n,
                            rows: min(tileRows, m - i0), columns: min(tileColumns, n - j0), continuing: pc > 0)
                    }
                }
            }
        }
    }
}

/// One 6×16 tile: `C = Σₚ aₚ·bₚ` over `depth` packed steps, starting from zero, or from the
/// tile's stored running sums when `continuing`. Only `rows × columns` of the tile are real.
@inline(__always)
private func multiplyTile(
    depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, rowStride: Int, rows: Int, columns: Int, continuing: Bool
) {
    let full = rows == tileRows && columns == tileColumns
    withUnsafeTemporaryAllocation(of: Float.self, capacity: tileRows * tileColumns) { edge in
        let edge = edge.baseAddress!
        // Where the tile's running sums are read and written: C itself, or a padded copy.
        let tile = full ? c : edge
        let stride = full ? rowStride : tileColumns
        if !full && continuing {
            for i in 0..<rows { (edge + i * tileColumns).update(from: c + i * rowStride, count: columns) }
        }
        @inline(__always) func load(_ i: Int) -> Vector {
            continuing ? UnsafeRawPointer(tile + i * stride).loadUnaligned(as: Vector.self) : Vector()
        }
        var c0 = load(0), c1 = load(1), c2 = load(2), c3 = load(3), c4 = load(4), c5 = load(5)
        var pa = a, pb = b
        for _ in 0..<depth {
            let bv = UnsafeRawPointer(pb).loadUnaligned(as: Vector.self)
            c0 += Vector(repeating: pa[0]) * bv
            c1 += Vector(repeating: pa[1]) * bv
            c2 += Vector(repeating: pa[2]) * bv
            c3 += Vector(repeating: pa[3]) * bv
            c4 += Vector(repeating: pa[4]) * bv
            c5 += Vector(repeating: pa[5]) * bv
            pa += tileRows
            pb += tileColumns
        }
        @inline(__always) func store(_ v: Vector, _ i: Int) {
            UnsafeMutableRawPointer(tile + i * stride).storeBytes(of: v, as: Vector.self)
        }
        store(c0, 0); store(c1, 1); store(c2, 2); store(c3, 3); store(c4, 4); store(c5, 5)
        if !full {
            for i in 0..<rows { (c + i * rowStride).update(from: edge + i * tileColumns, count: columns) }
        }
    }
}
