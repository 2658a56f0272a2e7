// Loss functions: how far predictions are from targets, one number per element (or per row
// for the cross-entropy), then reduced as torch reduces them (`reduction:`: the mean by
// default, the sum, or none), and the gradient with respect to the predictions:
//   MSE  ℓᵢ = (pᵢ − yᵢ)²                                ∂ℓᵢ/∂pᵢ = 2 (pᵢ − yᵢ)
//   BCE  ℓᵢ = −[yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)]         ∂ℓᵢ/∂pᵢ = (pᵢ − yᵢ) / (pᵢ (1 − pᵢ))
//   BCE from logits z (p = σ(z))                        ∂ℓᵢ/∂zᵢ = σ(zᵢ) − yᵢ
//   CE from logits z, class c: ℓ = −log softmax(z)_c     ∂ℓ/∂z = softmax(z) − onehot(c)
// With `.mean` each element's gradient is scaled by 1/n (the cross-entropy with class weights:
// by 1/Σ w[labelᵢ], as torch does).

/// How a loss's per-element values become its result (PyTorch's `reduction=`).
public enum Reduction: Sendable, Hashable {
    /// Their mean (torch's `'mean'`, the default).
    case mean
    /// Their sum (`'sum'`).
    case sum
    /// No reduction: one loss per element (`'none'`), in the input's shape (per row for the cross-entropy).
    case none
}

/// The per-element losses `values` (of the given shape) reduced, with their backward pass:
/// `backward(weight)` adds each element's gradient times `weight(i)`, the upstream gradient
/// that reaches element `i` (already divided by `denominator` for the mean).
private func reduced(
    _ values: [Float], shape: [Int], _ reduction: Reduction, denominator: Float? = nil, name: String, parents: [Tensor],
    file: StaticString, line: UInt, backward: @escaping (_ weight: (Int) -> Float) -> Void
) -> Tensor {
    switch reduction {
    case .mean:
        check(!values.isEmpty, "\(name) of an empty batch: its mean is undefined (use reduction: .sum or .none)", file: file, line: line)
        let n = denominator ?? Float(values.count)
        var total: Float = 0
        for value in values { total += value }
        return Tensor(total / n).recordingGraph(name, parents: parents) { g in
            let scale = g[0] / n
            backward { _ in scale }
        }
    case .sum:
        var total: Float = 0
        for value in values { total += value }
        return Tensor(total).recordingGraph(name, parents: parents) { g in
            let scale = g[0]
            backward { _ in scale }
        }
    case .none:
        return Tensor(uncheckedShape: shape, scalars: values).recordingGraph(name, parents: parents) { g in
            backward { g[$0] }
        }
    }
}

/// The mean squared error `(1/n) Σ (predictedᵢ − expectedᵢ)²` over all `n` scalars (torch's
/// `mse_loss`).
///
/// - Parameters:
///   - predicted: the model's outputs.
///   - expected: the targets, of the same shape.
///   - reduction: `.mean` (the formula above), `.sum`, or `.none` (each squared difference).
public func meanSquaredError(
    predicted: Tensor, expected: Tensor, reduction: Reduction = .mean, file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(predicted.shape == expected.shape,
          "shape mismatch in meanSquaredError: predicted \(predicted.shape), expected \(expected.shape)",
          file: file, line: line)
    let (p, y) = (predicted.scalars, expected.scalars)
    let values = zip(p, y).map { ($0 - $1) * ($0 - $1) }
    return reduced(values, shape: predicted.shape, reduction, name: "meanSquaredError", parents: [predicted, expected],
                   file: file, line: line) { weight in
        predicted.accumulatingGrad { out in
            for i in 0..<p.count { out[i] += 2 * weight(i) * (p[i] - y[i]) }
        }
        expected.accumulatingGrad { out in
            for i in 0..<y.count { out[i] -= 2 * weight(i) * (p[i] - y[i]) }
        }
    }
}

/// The binary cross-entropy of probabilities `predicted` (in [0, 1]) against targets
/// `expected` (0 or 1, or any value in between), averaged over all scalars (torch's
/// `binary_cross_entropy`):
/// `−(1/n) Σ [y log p + (1 − y) log(1 − p)]`.
///
/// Like PyTorch, each logarithm is clamped at −100 so a confident mistake costs 100, not ∞.
/// For raw scores, ``binaryCrossEntropy(logits:expected:reduction:file:line:)`` is more accurate.
public func binaryCrossEntropy(
    predicted: Tensor, expected: Tensor, reduction: Reduction = .mean, file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(predicted.shape == expected.shape,
          "shape mismatch in binaryCrossEntropy: predicted \(predicted.shape), expected \(expected.shape)",
          file: file, line: line)
    let (p, y) = (predicted.scalars, expected.scalars)
    let values = zip(p, y).map { p, y in -(y * Swift.max(Math.log(p), -100) + (1 - y) * Swift.max(Math.log(1 - p), -100)) }
    return reduced(values, shape: predicted.shape, reduction, name: "binaryCrossEntropy", parents: [predicted],
                   file: file, line: line) { weight in
        predicted.accumulatingGrad { out in
            for i in 0..<p.count { out[i] += weight(i) * (p[i] - y[i]) / Swift.max(p[i] * (1 - p[i]), 1e-12) }
        }
    }
}

// Written out beside `binaryCrossEntropy(predicted:expected:)`, not on top of it, on purpose:
// the two read side by side in the losses lesson (probabilities vs. logits), and the logit form
// must not go through `σ` (that is the precision it exists to keep).

/// The binary cross-entropy of `σ(logits)` against `expected`, computed from the logits
/// without overflow: `max(z, 0) − z·y + log(1 + e^−|z|)`, averaged (torch's
/// `binary_cross_entropy_with_logits`).
public func binaryCrossEntropy(
    logits: Tensor, expected: Tensor, reduction: Reduction = .mean, file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(logits.shape == expected.shape,
          "shape mismatch in binaryCrossEntropy: logits \(logits.shape), expected \(expected.shape)",
          file: file, line: line)
    let (z, y) = (logits.scalars, expected.scalars)
    let values = zip(z, y).map { z, y in Swift.max(z, 0) - z * y + Math.log1p(Math.exp(-Swift.abs(z))) }
    return reduced(values, shape: logits.shape, reduction, name: "binaryCrossEntropy", parents: [logits],
                   file: file, line: line) { weight in
        logits.accumulatingGrad { out in
            for i in 0..<z.count { out[i] += weight(i) * (sigmoid(z[i]) - y[i]) }
        }
    }
}

/// The cross-entropy of class scores against class labels, from raw scores (logits), as
/// torch's `cross_entropy` computes it: `−(1/n) Σᵢ log softmax(logitsᵢ)[labelᵢ]`, with
/// `log softmax(z) = (z − max z) − log Σ e^(z − max z)` (stable and precise even for scores
/// of ±10⁴).
///
/// With class `weights` w, row i counts `w[labelᵢ]` times and the mean divides by
/// `Σᵢ w[labelᵢ]`. With `labelSmoothing` ε, the target is `(1 − ε)·onehot + ε/C` over the C
/// classes: the loss is `(1 − ε)·ℓ + (ε/C)·Σ_c w_c (−log softmax(z)_c)`, reduced the same way.
///
/// - Parameters:
///   - logits: a `batch × classes` matrix of scores.
///   - labels: the correct class of each row, in `0..<classes`.
///   - weights: one weight per class (torch's `weight`), or nil for all 1.
///   - labelSmoothing: ε in [0, 1] (torch's `label_smoothing`).
///   - reduction: `.mean`, `.sum`, or `.none` (one loss per row).
public func crossEntropy(
    logits: Tensor, labels: [Int], weights: Tensor? = nil, labelSmoothing: Float = 0, reduction: Reduction = .mean,
    file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(logits.rank == 2, "crossEntropy needs batch × classes logits, got shape \(logits.shape)", file: file, line: line)
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    check(labels.count == batch, "shape mismatch in crossEntropy: logits \(logits.shape), \(labels.count) labels", file: file, line: line)
    if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
        misuse("crossEntropy: label \(labels[bad]) (row \(bad)) is not a class in 0..<\(classes)", file: file, line: line)
    }
    check((0...1).contains(labelSmoothing), "crossEntropy: labelSmoothing must be in 0...1, got \(labelSmoothing)", file: file, line: line)
    let w = weights?.scalars ?? Array(repeating: 1, count: classes)
    check(w.count == classes, "crossEntropy: \(w.count) class weights for \(classes) classes", file: file, line: line)
    let (keep, spread) = (1 - labelSmoothing, labelSmoothing / Float(classes))
    let weightTotal = w.reduce(0, +)

    var probabilities = [Float](repeating: 0, count: logits.count)
    var values = [Float](repeating: 0, count: batch)
    logits.scalars.withPointer { z in
        probabilities.withUnsafeMutableBufferPointer { prob in
            for r in 0..<batch {
                let row = z + r * classes
                var largest = -Float.infinity
                for c in 0..<classes { largest = Swift.max(largest, row[c]) }
                var sum: Float = 0
                for c in 0..<classes {
                    let e = Math.exp(row[c] - largest)
                    prob[r * classes + c] = e
                    sum += e
                }
                let logSum = Math.log(sum)
                // −log softmax(z)[c] = log Σ − (z_c − max): the shifted score first, so large scores keep their digits.
                var loss = keep * w[labels[r]] * (logSum - (row[labels[r]] - largest))
                if labelSmoothing > 0 {
                    var smooth: Float = 0
                    for c in 0..<classes { smooth += w[c] * (logSum - (row[c] - largest)) }
                    loss += spread * smooth
                }
                values[r] = loss
                for c in 0..<classes { prob[r * classes + c] /= sum }
            }
        }
    }
    let denominator = weights == nil ? Float(batch) : labels.reduce(Float(0)) { $0 + w[$1] }
    return reduced(values, shape: [batch], reduction, denominator: denominator, name: "crossEntropy", parents: [logits],
                   file: file, line: line) { weight in
        // ∂/∂z of row r: (1 − ε) w[y](p − onehot(y)) + (ε/C)(p Σw − w).
        probabilities.withPointer { p in
            logits.accumulatingGrad { out in
                for r in 0..<batch {
                    let (scale, label) = (weight(r), labels[r])
                    for c in 0..<classes {
                        var d = keep * w[label] * (p[r * classes + c] - (c == label ? 1 : 0))
                        if labelSmoothing > 0 { d += spread * (p[r * classes + c] * weightTotal - w[c]) }
                        out[r * classes + c] += scale * d
                    }
                }
            }
        }
    }
}

/// The cross-entropy of class scores against labels stored as a tensor of class indices
/// (shape `[batch]` or `[batch, 1]`): each must be a whole number in `0..<classes`.
public func crossEntropy(
    logits: Tensor, labels: Tensor, weights: Tensor? = nil, labelSmoothing: Float = 0, reduction: Reduction = .mean,
    file: StaticString = #filePath, line: UInt = #line
) -> Tensor {
    check(labels.rank == 1 || (labels.rank == 2 && labels.shape[1] == 1),
          "crossEntropy needs labels of shape [batch] or [batch, 1], got \(labels.shape)", file: file, line: line)
    if let bad = labels.scalars.firstIndex(where: { !$0.isFinite || $0 != $0.rounded() || Swift.abs($0) > 1e9 }) {
        misuse("crossEntropy: label \(labels.scalars[bad]) (row \(bad)) is not a class index (a whole number)", file: file, line: line)
    }
    return crossEntropy(logits: logits, labels: labels.scalars.map { Int($0) }, weights: weights, labelSmoothing: labelSmoothing,
                        reduction: reduction, file: file, line: line)
}
