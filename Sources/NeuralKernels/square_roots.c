// Correctly rounded square roots of many floats at once, for the optimizers. In C because
// Swift's `Float.squareRoot()` on Linux keeps C's errno rule (a `sqrtss`, then a call to
// `sqrtf` for a negative input), which stops the compiler from using the vector instruction;
// `__builtin_elementwise_sqrt` has no errno, so this loop becomes `sqrtps` (SSE, AVX) or
// `fsqrt` (NEON). IEEE square roots are exactly rounded on every CPU: the same bits everywhere.

#include "NeuralKernels.h"

void neural_square_roots(float *values, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) values[i] = __builtin_elementwise_sqrt(values[i]);
}
