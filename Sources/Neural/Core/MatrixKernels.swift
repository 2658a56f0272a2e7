// Single-precision matrix multiplication, C = op(A)·op(B) (+ C), in two kernels that give
// the same bits: a register-blocked one for small products (a 4×16 tile of C stays in SIMD
// registers while the k products stream by) and a packed, cache-blocked one for large ones.
//
// The rule both follow, so that results never depend on the machine or the shape's size:
// every element of C is the sum of its k products added one by one in order of p, starting
// from zero, and then (when accumulating) added to C's old value. Swift never fuses a
// multiply and an add, so the bits are the same on every CPU. A system BLAS is faster on
// some shapes but picks its kernel by CPU, and a lesson's checked numbers would then differ
// between machines (README, "Design notes (library)").

/// Products with fewer multiply-adds than this use the small kernel; larger ones pay for
/// packing. Measured on Zen 3: the small kernel is faster up to 128·128·128 and on
/// 32·256·128; the blocked one from 64·128·784 (a 784-input layer) and 256·256·256 up.
let smallProductLimit = 4 * 1024 * 1024

/// `C (m×n) = op(A)·op(B)`, or `C += op(A)·op(B)` when `accumulate`; row-major,
/// `op(A)` is `m×k` (`A` stored `k×m` when `transposeA`), `op(B)` is `k×n` (`B` stored `n×k`
/// when `transposeB`).
func sgemm(
    transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, accumulate: Bool
) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        if !accumulate { c.update(repeating: 0, count: m * n) }
        return
    }
    let aRowStride = transposeA ? 1 : k, aColumnStride = transposeA ? m : 1
    if m * n * k >= smallProductLimit {
        blockedSgemm(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                     b: b, bRowStride: transposeB ? 1 : n, bColumnStride: transposeB ? k : 1,
                     c: c, accumulate: accumulate)
    } else if transposeB {
        // Bᵀ is stored n×k; copy it to k×n so the kernel reads rows of op(B) contiguously.
        let bt = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
        defer { bt.deallocate() }
        for j in 0..<n {
            for p in 0..<k { bt[p * n + j] = b[j * k + p] }
        }
        smallSgemm(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                   b: UnsafePointer(bt), c: c, accumulate: accumulate)
    } else {
        smallSgemm(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                   b: b, c: c, accumulate: accumulate)
    }
}

/// The small-matrix kernel: `A(i, p) = a[i·aRowStride + p·aColumnStride]`, `B` is `k×n`
/// row-major, `C` is `m×n` row-major.
@_optimize(speed)
func smallSgemm(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
    b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, accumulate: Bool
) {
    typealias Vector = SIMD16<Float>
    let width = Vector.scalarCount
    let fullColumns = n - n % width

    @inline(__always) func load(_ p: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }
    @inline(__always) func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
        let total = accumulate ? v + UnsafeRawPointer(p).loadUnaligned(as: Vector.self) : v
        UnsafeMutableRawPointer(p).storeBytes(of: total, as: Vector.self)
    }

    var i = 0
    while i + 4 <= m {
        let a0 = a + i * aRowStride, a1 = a0 + aRowStride, a2 = a1 + aRowStride, a3 = a2 + aRowStride
        var j = 0
        while j < fullColumns {
            var c0 = Vector(), c1 = Vector(), c2 = Vector(), c3 = Vector()
            var pb = b + j
            var offset = 0
            for _ in 0..<k {
                let bv = load(pb)
                c0 += Vector(repeating: a0[offset]) * bv
                c1 += Vector(repeating: a1[offset]) * bv
                c2 += Vector(repeating: a2[offset]) * bv
                c3 += Vector(repeating: a3[offset]) * bv
                pb += n
                offset += aColumnStride
            }
            let pc = c + i * n + j
            store(c0, pc); store(c1, pc + n); store(c2, pc + 2 * n); store(c3, pc + 3 * n)
            j += width
        }
        i += 4
    }
    // Remaining rows, one at a time.
    while i < m {
        let ai = a + i * aRowStride
        var j = 0
        while j < fullColumns {
            var acc = Vector()
            var pb = b + j
            for p in 0..<k {
                acc += Vector(repeating: ai[p * aColumnStride]) * load(pb)
                pb += n
            }
            store(acc, c + i * n + j)
            j += width
        }
        i += 1
    }
    // Remaining columns (fewer than 16): copy them into a zero-padded k×16 panel and run
    // the same tiles on it, keeping only the real columns.
    if fullColumns < n {
        let rest = n - fullColumns
        let panel = UnsafeMutablePointer<Float>.allocate(capacity: k * width)
        defer { panel.deallocate() }
        for p in 0..<k {
            let row = panel + p * width
            row.update(repeating: 0, count: width)
            row.update(from: b + p * n + fullColumns, count: rest)
        }
        var tile = (Vector(), Vector(), Vector(), Vector())
        @inline(__always) func storeRest(_ v: Vector, _ i: Int) {
            let pc = c + i * n + fullColumns
            for j in 0..<rest { pc[j] = accumulate ? pc[j] + v[j] : v[j] }
        }
        var i = 0
        while i + 4 <= m {
            let a0 = a + i * aRowStride, a1 = a0 + aRowStride, a2 = a1 + aRowStride, a3 = a2 + aRowStride
            tile = (Vector(), Vector(), Vector(), Vector())
            var offset = 0
            for p in 0..<k {
                let bv = load(panel + p * width)
                tile.0 += Vector(repeating: a0[offset]) * bv
                tile.1 += Vector(repeating: a1[offset]) * bv
                tile.2 += Vector(repeating: a2[offset]) * bv
                tile.3 += Vector(repeating: a3[offset]) * bv
                offset += aColumnStride
            }
            storeRest(tile.0, i); storeRest(tile.1, i + 1); storeRest(tile.2, i + 2); storeRest(tile.3, i + 3)
            i += 4
        }
        while i < m {
            let ai = a + i * aRowStride
            var acc = Vector()
            for p in 0..<k { acc += Vector(repeating: ai[p * aColumnStride]) * load(panel + p * width) }
            storeRest(acc, i)
            i += 1
        }
    }
}
