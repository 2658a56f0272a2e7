/// The fraction of predictions equal to the labels.
public func accuracy(predicted: [Int], actual: [Int], file: StaticString = #filePath, line: UInt = #line) -> Float {
    check(predicted.count == actual.count, "\(predicted.count) predictions for \(actual.count) labels", file: file, line: line)
    guard !actual.isEmpty else { return 0 }
    return Float(zip(predicted, actual).filter { $0 == $1 }.count) / Float(actual.count)
}

/// The classes a model's outputs predict: the largest score of each row of a
/// `batch × classes` matrix, or, for one output per row, 1 when it exceeds `threshold`
/// (0.5 for probabilities; use 0 for logits).
public func predictedClasses(_ outputs: Tensor, threshold: Float = 0.5) -> [Int] {
    if outputs.rank == 2 && outputs.shape[1] > 1 { return outputs.argmax(axis: 1) }
    return outputs.scalars.map { $0 > threshold ? 1 : 0 }
}

/// The fraction of rows of `outputs` whose predicted class (see ``predictedClasses(_:threshold:)``)
/// equals the label.
public func accuracy(outputs: Tensor, labels: [Int], threshold: Float = 0.5, file: StaticString = #filePath, line: UInt = #line) -> Float {
    accuracy(predicted: predictedClasses(outputs, threshold: threshold), actual: labels, file: file, line: line)
}

/// Counts of (actual, predicted) class pairs: row = actual class, column = predicted.
public struct ConfusionMatrix: CustomStringConvertible, Sendable {
    /// `counts[actual][predicted]`.
    public private(set) var counts: [[Int]]

    public init(predicted: [Int], actual: [Int], classCount: Int, file: StaticString = #filePath, line: UInt = #line) {
        check(predicted.count == actual.count, "\(predicted.count) predictions for \(actual.count) labels", file: file, line: line)
        counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
        for (p, a) in zip(predicted, actual) {
            check(p >= 0 && p < classCount && a >= 0 && a < classCount, "class out of range 0..<\(classCount)", file: file, line: line)
            counts[a][p] += 1
        }
    }

    /// The fraction on the diagonal.
    public var accuracy: Float {
        let total = counts.joined().reduce(0, +)
        return total == 0 ? 0 : Float(counts.indices.map { counts[$0][$0] }.reduce(0, +)) / Float(total)
    }

    /// A table with the actual class down and the predicted class across.
    public var description: String {
        let width = Swift.max(counts.joined().map { String($0).count }.max() ?? 1, String(counts.count - 1).count)
        func pad(_ s: String) -> String { String(repeating: " ", count: width - s.count) + s }
        var lines = ["actual \\ predicted " + counts.indices.map { pad(String($0)) }.joined(separator: " ")]
        for (a, row) in counts.enumerated() {
            let label = String(a)
            lines.append(String(repeating: " ", count: 18 - label.count) + label + " " + row.map { pad(String($0)) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
