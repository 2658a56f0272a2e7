// The matrix product Neural multiplies with, in C because it chooses its code by CPU at run
// time (Swift cannot compile one function for AVX2 and FMA and the rest for any x86-64).
//
// The rule every path follows, so that results are the same bits on every machine: each
// element of C is s = fma(a[i][k-1], b[k-1][j], ... fma(a[i][1], b[1][j], fma(a[i][0], b[0][j], 0))),
// one fused multiply-add per product, in order of p, from zero; when accumulating, C's old
// value is then added to s (c = c + s). A fused multiply-add is exactly rounded, so the AVX2
// kernel, the portable loop (C's fmaf: the CPU's instruction or glibc's exact software one)
// and an ARM64 build agree bit for bit.
#ifndef NEURAL_KERNELS_H
#define NEURAL_KERNELS_H

#include <stddef.h>

/// `C (m×n) = op(A)·op(B)`, or `C += op(A)·op(B)` when `accumulate`; all row-major.
/// `op(A)` is `m×k` (`A` stored `k×m` when `transpose_a`), `op(B)` is `k×n` (`B` stored
/// `n×k` when `transpose_b`). `C` must not overlap `A` or `B`.
void neural_sgemm(int transpose_a, int transpose_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                  const float *a, const float *b, float *c, int accumulate);

/// The same product through the portable loop, whatever the CPU (for tests that compare
/// the two paths bit for bit).
void neural_sgemm_portable(int transpose_a, int transpose_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                           const float *a, const float *b, float *c, int accumulate);

/// Which path `neural_sgemm` takes on this machine: "avx2+fma" or "portable".
/// `NEURAL_KERNEL=portable` in the environment forces the portable one.
const char *neural_sgemm_path(void);

/// Replaces each of `count` floats with its correctly rounded square root (vectorized).
void neural_square_roots(float *values, ptrdiff_t count);

#endif
