// Single-precision matrix multiplication, C = op(A)·op(B) (+ C), through the C module
// NeuralKernels: an AVX2+FMA kernel chosen at run time where the CPU has it, and a portable
// loop elsewhere. Both follow one rule (Sources/NeuralKernels/include/NeuralKernels.h): every
// element of C is one chain of fused multiply-adds over its k products, in order, from zero,
// and then (when accumulating) added to C's old value. A fused multiply-add is exactly
// rounded, so the bits are the same on every CPU, for every shape, whatever the build's
// flags: a lesson's checked numbers do not depend on the machine (README, "Design notes
// (library)"). A system BLAS picks its kernel, and so its rounding, by CPU.

internal import NeuralKernels

/// `C (m×n) = op(A)·op(B)`, or `C += op(A)·op(B)` when `accumulate`; row-major,
/// `op(A)` is `m×k` (`A` stored `k×m` when `transposeA`), `op(B)` is `k×n` (`B` stored `n×k`
/// when `transposeB`).
@inline(__always)
func sgemm(
    transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, accumulate: Bool
) {
    neural_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, a, b, c, accumulate ? 1 : 0)
}

/// The same product through the portable loop on any CPU (the tests compare the two paths).
func portableSgemm(
    transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, accumulate: Bool
) {
    neural_sgemm_portable(transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, a, b, c, accumulate ? 1 : 0)
}

/// Which path the matrix product takes on this machine: `"avx2+fma"` or `"portable"`
/// (`NEURAL_KERNEL=portable` in the environment forces the portable one).
public var matrixKernelPath: String { String(cString: neural_sgemm_path()) }
