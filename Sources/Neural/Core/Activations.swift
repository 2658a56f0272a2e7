// Activation functions, elementwise unless stated, each with its derivative:
//   relu(x)      = max(0, x)            relu'(x)    = 1 if x > 0, else 0
//   leakyReLU(x) = x if x > 0, else αx  leakyReLU'  = 1 if x > 0, else α
//   sigmoid(x)   = 1 / (1 + e⁻ˣ)        sigmoid'(x) = σ(x)(1 − σ(x))
//   tanh(x)                             tanh'(x)    = 1 − tanh²(x)

/// The rectified linear unit, `max(0, x)`, elementwise.
public func relu(_ x: Tensor) -> Tensor {
    let y = x.applying { Swift.max($0, 0) }
    return y.recordingGraph("relu", parents: [x]) { [ys = y.scalars] g in
        x.chainElementwise(g, output: ys) { x, _ in x > 0 ? 1 : 0 }
    }
}

/// The leaky rectified linear unit: `x` for positive `x`, `negativeSlope · x` otherwise.
public func leakyReLU(_ x: Tensor, negativeSlope: Float = 0.01) -> Tensor {
    let y = x.applying { $0 > 0 ? $0 : negativeSlope * $0 }
    return y.recordingGraph("leakyReLU", parents: [x]) { [ys = y.scalars] g in
        x.chainElementwise(g, output: ys) { x, _ in x > 0 ? 1 : negativeSlope }
    }
}

/// The logistic function `σ(x) = 1 / (1 + e⁻ˣ)`, elementwise, squashing into (0, 1).
public func sigmoid(_ x: Tensor) -> Tensor {
    let y = x.applying(sigmoid)
    return y.recordingGraph("sigmoid", parents: [x]) { [ys = y.scalars] g in
        x.chainElementwise(g, output: ys) { _, y in y * (1 - y) }
    }
}

/// σ(x), computed without overflow for large |x|.
@inline(__always)
func sigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + Math.exp(-x)) }
    let e = Math.exp(x)
    return e / (1 + e)
}

/// The hyperbolic tangent, elementwise, squashing into (−1, 1).
public func tanh(_ x: Tensor) -> Tensor {
    let y = x.applying { Math.tanh($0) }
    return y.recordingGraph("tanh", parents: [x]) { [ys = y.scalars] g in
        x.chainElementwise(g, output: ys) { _, y in 1 - y * y }
    }
}

/// The softmax along `axis` (the last by default): `softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ`, turning
/// scores into probabilities that sum to 1.
///
/// Computed as `e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x)` so large scores do not overflow. Its
/// derivative gives `∂L/∂xᵢ = yᵢ (gᵢ − Σⱼ gⱼ yⱼ)` for the output gradient `g`.
public func softmax(_ x: Tensor, axis: Int = -1, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
    let (outer, size, inner, _) = x.around(axis: axis, "softmax", file: file, line: line)
    let y = x.scalars.withUnsafeBufferPointer { p in
        makeScalars(count: x.count) { out in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * size * inner + i
                    var largest = -Float.infinity
                    for s in 0..<size { largest = Swift.max(largest, p[base + s * inner]) }
                    var total: Float = 0
                    for s in 0..<size {
                        let e = Math.exp(p[base + s * inner] - largest)
                        out[base + s * inner] = e
                        total += e
                    }
                    for s in 0..<size { out[base + s * inner] /= total }
                }
            }
        }
    }
    return Tensor(uncheckedShape: x.shape, scalars: y).recordingGraph("softmax", parents: [x]) { g in
        x.accumulatingGrad { out in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * size * inner + i
                    var dot: Float = 0
                    for s in 0..<size { dot += g[base + s * inner] * y[base + s * inner] }
                    for s in 0..<size {
                        let j = base + s * inner
                        out[j] += y[j] * (g[j] - dot)
                    }
                }
            }
        }
    }
}

// `logSoftmax` repeats `softmax`'s loops on purpose: each reads whole, with its derivative
// under it, and `log(softmax(x))` would lose what the stable form keeps.

/// The logarithm of the softmax along `axis`: `xᵢ − log Σⱼ eˣʲ`, computed stably as
/// `(xᵢ − max x) − log Σⱼ e^(xⱼ − max x)` (torch's `log_softmax`).
///
/// Its derivative gives `∂L/∂xᵢ = gᵢ − softmax(x)ᵢ Σⱼ gⱼ`.
public func logSoftmax(_ x: Tensor, axis: Int = -1, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
    let (outer, size, inner, _) = x.around(axis: axis, "logSoftmax", file: file, line: line)
    let y = x.scalars.withUnsafeBufferPointer { p in
        makeScalars(count: x.count) { out in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * size * inner + i
                    var largest = -Float.infinity
                    for s in 0..<size { largest = Swift.max(largest, p[base + s * inner]) }
                    var total: Float = 0
                    for s in 0..<size { total += Math.exp(p[base + s * inner] - largest) }
                    // (x − max) − log Σ: the shifted score first, so large scores keep their digits.
                    let logTotal = Math.log(total)
                    for s in 0..<size { out[base + s * inner] = (p[base + s * inner] - largest) - logTotal }
                }
            }
        }
    }
    return Tensor(uncheckedShape: x.shape, scalars: y).recordingGraph("logSoftmax", parents: [x]) { g in
        x.accumulatingGrad { out in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * size * inner + i
                    var total: Float = 0
                    for s in 0..<size { total += g[base + s * inner] }
                    for s in 0..<size {
                        let j = base + s * inner
                        out[j] += g[j] - Math.exp(y[j]) * total
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// `max(0, x)` elementwise; see ``relu(_:)``.
    public func relu() -> Tensor { Neural.relu(self) }
    /// σ(x) elementwise; see ``sigmoid(_:)``.
    public func sigmoid() -> Tensor { Neural.sigmoid(self) }
    /// tanh(x) elementwise; see ``tanh(_:)``.
    public func tanh() -> Tensor { Neural.tanh(self) }
}
