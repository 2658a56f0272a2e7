// The matrix product: a packed, cache-blocked AVX2+FMA kernel chosen at run time on x86-64
// CPUs that have it, and a portable loop everywhere else. Both follow the rule in
// NeuralKernels.h (one fused multiply-add per product, in order of p, from zero), so they give
// the same bits; `kernelPathsGiveTheSameBits` in the tests checks it.
//
// The blocked kernel is GotoBLAS's design: a block of op(B) (kc × nc) is packed into panels of
// 16 columns and a block of op(A) (mc × kc) into panels of 6 rows, contiguous in the order the
// micro-kernel reads them; the micro-kernel keeps a 6×16 tile of C in twelve AVX registers
// while one A panel (6 KB, from L2) and one B panel (16 KB, in L1) stream by. Splitting k into
// blocks keeps the rule: a tile's running sums are stored after one depth block and loaded
// again before the next, so every element is still one chain of fused multiply-adds.

#include "NeuralKernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// No contraction of a*b + c into an FMA behind the rule's back (the loops below say where
// they fuse, with fmaf or the intrinsic).
#pragma clang fp contract(off)

/// op(X)(i, j) = p[i·rows + j·columns]
typedef struct {
    const float *p;
    ptrdiff_t rows, columns;
} Matrix;

static Matrix operand(const float *p, int transposed, ptrdiff_t height, ptrdiff_t width) {
    // op(X) is height × width; X is stored width × height when transposed.
    Matrix x = {p, transposed ? 1 : width, transposed ? height : 1};
    return x;
}

static void *allocate(size_t bytes) {
    void *p = NULL;
    if (posix_memalign(&p, 64, bytes ? bytes : 64) != 0) abort();
    return p;
}

// MARK: - The portable loop

static void portable_product(Matrix a, Matrix b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float *c, int accumulate) {
    // Rows of op(B) contiguous, so the inner loop runs along memory (and vectorizes on ARM64).
    float *copy = NULL;
    const float *rows = b.p;
    if (b.columns != 1) {
        copy = allocate((size_t)(k * n) * sizeof(float));
        for (ptrdiff_t p = 0; p < k; p++)
            for (ptrdiff_t j = 0; j < n; j++) copy[p * n + j] = b.p[p * b.rows + j * b.columns];
        rows = copy;
    }
    float *sums = allocate((size_t)n * sizeof(float));
    for (ptrdiff_t i = 0; i < m; i++) {
        for (ptrdiff_t j = 0; j < n; j++) sums[j] = 0;
        for (ptrdiff_t p = 0; p < k; p++) {
            const float x = a.p[i * a.rows + p * a.columns];
            const float *row = rows + p * n;
            for (ptrdiff_t j = 0; j < n; j++) sums[j] = fmaf(x, row[j], sums[j]);
        }
        float *out = c + i * n;
        if (accumulate) {
            for (ptrdiff_t j = 0; j < n; j++) out[j] = out[j] + sums[j];
        } else {
            memcpy(out, sums, (size_t)n * sizeof(float));
        }
    }
    free(sums);
    free(copy);
}

// MARK: - The AVX2+FMA kernel

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

enum { tile_rows = 6, tile_columns = 16 };
/// Depth of a block (kc): a B panel of 256 × 16 floats is 16 KB, half of L1.
enum { depth_block = 256 };
/// Rows of op(A) packed at once (mc, a multiple of 6): 120 × 256 floats is 120 KB, in L2.
enum { row_block = 120 };
/// Columns of op(B) packed at once (nc, a multiple of 16): 256 × 2048 floats is 2 MB, in L3.
enum { column_block = 2048 };
/// Packed blocks of up to this many floats (48 KB) live on the stack.
enum { small_packing = 12288 };

/// How a tile's sums start and end.
typedef enum {
    from_zero,      // s = 0, then C = s
    continuing,     // s = C (the running sums of the depth blocks before), then C = s
    adding_to_old,  // s = 0, then C = C + s (a product in one depth block, added to C)
} TileMode;

__attribute__((target("avx2,fma")))
static inline void multiply_tile(ptrdiff_t depth, const float *a, const float *b, float *c, ptrdiff_t stride, TileMode mode) {
    __m256 c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
    // The tile's rows of C are written (and maybe read) after the loop: fetch them meanwhile.
    for (int i = 0; i < tile_rows; i++) {
        _mm_prefetch((const char *)(c + i * stride), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + i * stride + 15), _MM_HINT_T0);
    }
    if (mode == continuing) {
        c00 = _mm256_loadu_ps(c + 0 * stride); c01 = _mm256_loadu_ps(c + 0 * stride + 8);
        c10 = _mm256_loadu_ps(c + 1 * stride); c11 = _mm256_loadu_ps(c + 1 * stride + 8);
        c20 = _mm256_loadu_ps(c + 2 * stride); c21 = _mm256_loadu_ps(c + 2 * stride + 8);
        c30 = _mm256_loadu_ps(c + 3 * stride); c31 = _mm256_loadu_ps(c + 3 * stride + 8);
        c40 = _mm256_loadu_ps(c + 4 * stride); c41 = _mm256_loadu_ps(c + 4 * stride + 8);
        c50 = _mm256_loadu_ps(c + 5 * stride); c51 = _mm256_loadu_ps(c + 5 * stride + 8);
    } else {
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = _mm256_setzero_ps();
    }
    for (ptrdiff_t p = 0; p < depth; p++) {
        const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
        __m256 x;
        x = _mm256_broadcast_ss(a + 0); c00 = _mm256_fmadd_ps(x, b0, c00); c01 = _mm256_fmadd_ps(x, b1, c01);
        x = _mm256_broadcast_ss(a + 1); c10 = _mm256_fmadd_ps(x, b0, c10); c11 = _mm256_fmadd_ps(x, b1, c11);
        x = _mm256_broadcast_ss(a + 2); c20 = _mm256_fmadd_ps(x, b0, c20); c21 = _mm256_fmadd_ps(x, b1, c21);
        x = _mm256_broadcast_ss(a + 3); c30 = _mm256_fmadd_ps(x, b0, c30); c31 = _mm256_fmadd_ps(x, b1, c31);
        x = _mm256_broadcast_ss(a + 4); c40 = _mm256_fmadd_ps(x, b0, c40); c41 = _mm256_fmadd_ps(x, b1, c41);
        x = _mm256_broadcast_ss(a + 5); c50 = _mm256_fmadd_ps(x, b0, c50); c51 = _mm256_fmadd_ps(x, b1, c51);
        a += tile_rows;
        b += tile_columns;
    }
    if (mode == adding_to_old) {
        c00 = _mm256_add_ps(_mm256_loadu_ps(c + 0 * stride), c00); c01 = _mm256_add_ps(_mm256_loadu_ps(c + 0 * stride + 8), c01);
        c10 = _mm256_add_ps(_mm256_loadu_ps(c + 1 * stride), c10); c11 = _mm256_add_ps(_mm256_loadu_ps(c + 1 * stride + 8), c11);
        c20 = _mm256_add_ps(_mm256_loadu_ps(c + 2 * stride), c20); c21 = _mm256_add_ps(_mm256_loadu_ps(c + 2 * stride + 8), c21);
        c30 = _mm256_add_ps(_mm256_loadu_ps(c + 3 * stride), c30); c31 = _mm256_add_ps(_mm256_loadu_ps(c + 3 * stride + 8), c31);
        c40 = _mm256_add_ps(_mm256_loadu_ps(c + 4 * stride), c40); c41 = _mm256_add_ps(_mm256_loadu_ps(c + 4 * stride + 8), c41);
        c50 = _mm256_add_ps(_mm256_loadu_ps(c + 5 * stride), c50); c51 = _mm256_add_ps(_mm256_loadu_ps(c + 5 * stride + 8), c51);
    }
    _mm256_storeu_ps(c + 0 * stride, c00); _mm256_storeu_ps(c + 0 * stride + 8, c01);
    _mm256_storeu_ps(c + 1 * stride, c10); _mm256_storeu_ps(c + 1 * stride + 8, c11);
    _mm256_storeu_ps(c + 2 * stride, c20); _mm256_storeu_ps(c + 2 * stride + 8, c21);
    _mm256_storeu_ps(c + 3 * stride, c30); _mm256_storeu_ps(c + 3 * stride + 8, c31);
    _mm256_storeu_ps(c + 4 * stride, c40); _mm256_storeu_ps(c + 4 * stride + 8, c41);
    _mm256_storeu_ps(c + 5 * stride, c50); _mm256_storeu_ps(c + 5 * stride + 8, c51);
}

/// A tile at the edge of C (fewer than 6 rows or 16 columns): through a padded copy.
__attribute__((target("avx2,fma")))
static void multiply_edge_tile(ptrdiff_t depth, const float *a, const float *b, float *c, ptrdiff_t stride,
                               ptrdiff_t rows, ptrdiff_t columns, TileMode mode) {
    float edge[tile_rows * tile_columns] __attribute__((aligned(32))) = {0};
    if (mode != from_zero) {
        for (ptrdiff_t i = 0; i < rows; i++) memcpy(edge + i * tile_columns, c + i * stride, (size_t)columns * sizeof(float));
    }
    multiply_tile(depth, a, b, edge, tile_columns, mode);
    for (ptrdiff_t i = 0; i < rows; i++) memcpy(c + i * stride, edge + i * tile_columns, (size_t)columns * sizeof(float));
}

/// op(B)[p0 ..< p0+depth, j0 ..< j0+width] as panels of 16 columns, zero-padded.
static void pack_b(Matrix b, ptrdiff_t p0, ptrdiff_t depth, ptrdiff_t j0, ptrdiff_t width, float *out) {
    for (ptrdiff_t panel = 0; panel * tile_columns < width; panel++) {
        const ptrdiff_t first = j0 + panel * tile_columns;
        const ptrdiff_t columns = width - panel * tile_columns < tile_columns ? width - panel * tile_columns : tile_columns;
        for (ptrdiff_t p = 0; p < depth; p++, out += tile_columns) {
            const float *source = b.p + (p0 + p) * b.rows + first * b.columns;
            if (b.columns == 1) {
                memcpy(out, source, (size_t)columns * sizeof(float));
            } else {
                for (ptrdiff_t j = 0; j < columns; j++) out[j] = source[j * b.columns];
            }
            for (ptrdiff_t j = columns; j < tile_columns; j++) out[j] = 0;
        }
    }
}

/// op(A)[i0 ..< i0+height, p0 ..< p0+depth] as panels of 6 rows, zero-padded.
static void pack_a(Matrix a, ptrdiff_t i0, ptrdiff_t height, ptrdiff_t p0, ptrdiff_t depth, float *out) {
    for (ptrdiff_t panel = 0; panel * tile_rows < height; panel++) {
        const ptrdiff_t first = i0 + panel * tile_rows;
        const ptrdiff_t rows = height - panel * tile_rows < tile_rows ? height - panel * tile_rows : tile_rows;
        if (rows < tile_rows) memset(out, 0, (size_t)(depth * tile_rows) * sizeof(float));
        // Row by row: each row of op(A) is read along memory when A is not transposed.
        for (ptrdiff_t i = 0; i < rows; i++) {
            const float *source = a.p + (first + i) * a.rows + p0 * a.columns;
            for (ptrdiff_t p = 0; p < depth; p++) out[p * tile_rows + i] = source[p * a.columns];
        }
        out += depth * tile_rows;
    }
}

static ptrdiff_t min(ptrdiff_t x, ptrdiff_t y) { return x < y ? x : y; }
static ptrdiff_t round_up(ptrdiff_t x, ptrdiff_t multiple) { return (x + multiple - 1) / multiple * multiple; }

__attribute__((target("avx2,fma")))
static void blocked_product(Matrix a, Matrix b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float *c, int accumulate) {
    // Added to C in one step at the end when the depth takes more than one block (C's old
    // value must come last, after every product); within one block the tiles add it themselves.
    const int scratch = accumulate && k > depth_block;
    float *sums = scratch ? allocate((size_t)(m * n) * sizeof(float)) : c;
    const ptrdiff_t most_depth = min(depth_block, k);
    const ptrdiff_t a_size = min(row_block, round_up(m, tile_rows)) * most_depth;
    const ptrdiff_t b_size = most_depth * min(column_block, round_up(n, tile_columns));
    // Small products (a network's layers, mostly) pack on the stack: an allocation would
    // cost as much as the product.
    float on_stack[small_packing] __attribute__((aligned(64)));
    const int small = round_up(a_size, 16) + b_size <= small_packing;
    float *packed_a = small ? on_stack : allocate((size_t)a_size * sizeof(float));
    float *packed_b = small ? on_stack + round_up(a_size, 16) : allocate((size_t)b_size * sizeof(float));

    for (ptrdiff_t jc = 0; jc < n; jc += column_block) {
        const ptrdiff_t nc = min(column_block, n - jc);
        for (ptrdiff_t pc = 0; pc < k; pc += depth_block) {
            const ptrdiff_t kc = min(depth_block, k - pc);
            const TileMode mode = pc > 0 ? continuing : (accumulate && !scratch ? adding_to_old : from_zero);
            pack_b(b, pc, kc, jc, nc, packed_b);
            for (ptrdiff_t ic = 0; ic < m; ic += row_block) {
                const ptrdiff_t mc = min(row_block, m - ic);
                pack_a(a, ic, mc, pc, kc, packed_a);
                for (ptrdiff_t jr = 0; jr < nc; jr += tile_columns) {
                    const float *panel_b = packed_b + jr * kc;
                    const ptrdiff_t columns = min(tile_columns, nc - jr);
                    for (ptrdiff_t ir = 0; ir < mc; ir += tile_rows) {
                        const float *panel_a = packed_a + ir * kc;
                        const ptrdiff_t rows = min(tile_rows, mc - ir);
                        float *tile = sums + (ic + ir) * n + jc + jr;
                        if (rows == tile_rows && columns == tile_columns) {
                            multiply_tile(kc, panel_a, panel_b, tile, n, mode);
                        } else {
                            multiply_edge_tile(kc, panel_a, panel_b, tile, n, rows, columns, mode);
                        }
                    }
                }
            }
        }
    }
    if (!small) {
        free(packed_a);
        free(packed_b);
    }
    if (scratch) {
        for (ptrdiff_t index = 0; index < m * n; index++) c[index] = c[index] + sums[index];
        free(sums);
    }
}

static int cpu_has_avx2_and_fma(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int fma = (ecx >> 12) & 1, xsave_enabled = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
    if (!(fma && xsave_enabled && avx)) return 0;
    unsigned low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 6) != 6) return 0;  // the OS saves the AVX registers
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx >> 5) & 1;
}
#endif

// MARK: - Choosing the path

/// 0: not chosen yet, 1: portable, 2: AVX2+FMA. Written once; a race writes the same value.
static volatile int chosen_path = 0;

static int path(void) {
    int chosen = chosen_path;
    if (chosen == 0) {
        const char *forced = getenv("NEURAL_KERNEL");
        chosen = 1;
#if defined(__x86_64__)
        if (!(forced && strcmp(forced, "portable") == 0) && cpu_has_avx2_and_fma()) chosen = 2;
#else
        (void)forced;
#endif
        chosen_path = chosen;
    }
    return chosen;
}

const char *neural_sgemm_path(void) { return path() == 2 ? "avx2+fma" : "portable"; }

static int trivial(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float *c, int accumulate) {
    if (m == 0 || n == 0) return 1;
    if (k == 0) {
        if (!accumulate) memset(c, 0, (size_t)(m * n) * sizeof(float));
        return 1;
    }
    return 0;
}

void neural_sgemm_portable(int transpose_a, int transpose_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                           const float *a, const float *b, float *c, int accumulate) {
    if (trivial(m, n, k, c, accumulate)) return;
    portable_product(operand(a, transpose_a, m, k), operand(b, transpose_b, k, n), m, n, k, c, accumulate);
}

void neural_sgemm(int transpose_a, int transpose_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                  const float *a, const float *b, float *c, int accumulate) {
    if (trivial(m, n, k, c, accumulate)) return;
    const Matrix x = operand(a, transpose_a, m, k), y = operand(b, transpose_b, k, n);
#if defined(__x86_64__)
    if (path() == 2) {
        blocked_product(x, y, m, n, k, c, accumulate);
        return;
    }
#endif
    portable_product(x, y, m, n, k, c, accumulate);
}
