// Loss functions: one number saying how far predictions are from targets, averaged over
// the batch, and its gradient with respect to the predictions:
//   MSE = (1/n) Σ (pᵢ − yᵢ)²                       ∂/∂pᵢ = 2 (pᵢ − yᵢ) / n
//   BCE = −(1/n) Σ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)]  ∂/∂pᵢ = (pᵢ − yᵢ) / (pᵢ (1 − pᵢ) n)
//   BCE from logits z (p = σ(z))                   ∂/∂zᵢ = (σ(zᵢ) − yᵢ) / n
//   CE from logits z, class c = −(1/n) Σ log softmax(z)_c   ∂/∂z = (softmax(z) − onehot(c)) / n

/// The mean squared error `(1/n) Σ (predictedᵢ − expectedᵢ)²` over all `n` scalars.
///
/// - Parameters:
///   - predicted: the model's outputs.
///   - expected: the targets, of the same shape.
public func meanSquaredError(
    predicted: Tensor, expected: Tensor, file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(predicted.shape == expected.shape,
          "shape mismatch in meanSquaredError: predicted \(predicted.shape), expected \(expected.shape)",
          file: file, line: line)
    let n = Float(predicted.count)
    var total: Float = 0
    for (p, y) in zip(predicted.scalars, expected.scalars) { total += (p - y) * (p - y) }
    return Tensor(total / n).recordingGraph("meanSquaredError", parents: [predicted, expected]) { g in
        let scale = 2 * g[0] / n
        predicted.accumulatingGrad { out in
            for i in 0..<predicted.count { out[i] += scale * (predicted.scalars[i] - expected.scalars[i]) }
        }
        expected.accumulatingGrad { out in
            for i in 0..<expected.count { out[i] -= scale * (predicted.scalars[i] - expected.scalars[i]) }
        }
    }
}

/// The binary cross-entropy of probabilities `predicted` (in [0, 1]) against targets
/// `expected` (0 or 1, or any value in between), averaged over all scalars:
/// `−(1/n) Σ [y log p + (1 − y) log(1 − p)]`.
///
/// Like PyTorch, each logarithm is clamped at −100 so a confident mistake costs 100, not ∞.
/// For raw scores, ``binaryCrossEntropy(logits:expected:file:line:)`` is more accurate.
public func binaryCrossEntropy(
    predicted: Tensor, expected: Tensor, file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(predicted.shape == expected.shape,
          "shape mismatch in binaryCrossEntropy: predicted \(predicted.shape), expected \(expected.shape)",
          file: file, line: line)
    let n = Float(predicted.count)
    var total: Float = 0
    for (p, y) in zip(predicted.scalars, expected.scalars) {
        total -= y * Swift.max(Math.log(p), -100) + (1 - y) * Swift.max(Math.log(1 - p), -100)
    }
    return Tensor(total / n).recordingGraph("binaryCrossEntropy", parents: [predicted]) { g in
        let scale = g[0] / n
        let count = predicted.count
        predicted.scalars.withPointer { p in
            expected.scalars.withPointer { y in
                predicted.accumulatingGrad { out in
                    for i in 0..<count {
                        out[i] += scale * (p[i] - y[i]) / Swift.max(p[i] * (1 - p[i]), 1e-12)
                    }
                }
            }
        }
    }
}

// Written out beside `binaryCrossEntropy(predicted:expected:)`, not on top of it, on purpose:
// the two read side by side in the losses lesson (probabilities vs. logits), and the logit form
// must not go through `σ` (that is the precision it exists to keep).

/// The binary cross-entropy of `σ(logits)` against `expected`, computed from the logits
/// without overflow: `max(z, 0) − z·y + log(1 + e^−|z|)`, averaged.
public func binaryCrossEntropy(
    logits: Tensor, expected: Tensor, file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(logits.shape == expected.shape,
          "shape mismatch in binaryCrossEntropy: logits \(logits.shape), expected \(expected.shape)",
          file: file, line: line)
    let n = Float(logits.count)
    var total: Float = 0
    for (z, y) in zip(logits.scalars, expected.scalars) {
        total += Swift.max(z, 0) - z * y + Math.log1p(Math.exp(-Swift.abs(z)))
    }
    return Tensor(total / n).recordingGraph("binaryCrossEntropy", parents: [logits]) { g in
        let scale = g[0] / n
        logits.accumulatingGrad { out in
            for i in 0..<logits.count { out[i] += scale * (sigmoid(logits.scalars[i]) - expected.scalars[i]) }
        }
    }
}

/// The cross-entropy of class scores against class labels, from raw scores (logits):
/// `−(1/n) Σᵢ log softmax(logitsᵢ)[labelᵢ]`, computed stably (no NaN even for scores of ±10⁴).
///
/// - Parameters:
///   - logits: a `batch × classes` matrix of scores.
///   - labels: the correct class of each row, in `0..<classes`.
public func crossEntropy(
    logits: Tensor, labels: [Int], file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(logits.rank == 2, "crossEntropy needs batch × classes logits, got shape \(logits.shape)", file: file, line: line)
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    check(labels.count == batch, "shape mismatch in crossEntropy: logits \(logits.shape), \(labels.count) labels", file: file, line: line)
    check(labels.allSatisfy { $0 >= 0 && $0 < classes }, "crossEntropy: labels must be in 0..<\(classes)", file: file, line: line)
    var probabilities = [Float](repeating: 0, count: logits.count)
    var total: Float = 0
    logits.scalars.withUnsafeBufferPointer { z in
        probabilities.withUnsafeMutableBufferPointer { prob in
            for r in 0..<batch {
                let row = z.baseAddress! + r * classes
                var largest = -Float.infinity
                for c in 0..<classes { largest = Swift.max(largest, row[c]) }
                var sum: Float = 0
                for c in 0..<classes {
                    let e = Math.exp(row[c] - largest)
                    prob[r * classes + c] = e
                    sum += e
                }
                total += largest + Math.log(sum) - row[labels[r]]  // −log softmax(z)[label]
                for c in 0..<classes { prob[r * classes + c] /= sum }
            }
        }
    }
    let n = Float(batch)
    return Tensor(total / n).recordingGraph("crossEntropy", parents: [logits]) { g in
        let scale = g[0] / n
        probabilities.withPointer { probabilities in
            logits.accumulatingGrad { out in  // (softmax − onehot) / n
                for i in 0..<batch * classes { out[i] += scale * probabilities[i] }
                for (r, label) in labels.enumerated() { out[r * classes + label] -= scale }
            }
        }
    }
}

/// The cross-entropy of class scores against labels stored as a tensor of class indices
/// (shape `[batch]` or `[batch, 1]`).
public func crossEntropy(
    logits: Tensor, labels: Tensor, file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    crossEntropy(logits: logits, labels: labels.scalars.map { Int($0) }, file: file, line: line)
}
