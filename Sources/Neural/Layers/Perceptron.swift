/// Rosenblatt's perceptron: a weighted sum and a threshold, trained by the classic rule.
///
/// `predict(x) = 1 if w·x + b > 0, else 0`; after each example, `w ← w + η (y − ŷ) x`
/// and `b ← b + η (y − ŷ)`: nothing changes when the prediction is right.
public struct Perceptron: CustomStringConvertible, Sendable {
    /// One weight per input.
    public var weights: [Float]
    /// The bias (a negative threshold).
    public var bias: Float

    /// A perceptron with the given weights and bias.
    public init(weights: [Float], bias: Float = 0) {
        self.weights = weights
        self.bias = bias
    }

    /// A perceptron with all-zero weights for `inputCount` inputs.
    public init(inputCount: Int) { self.init(weights: Array(repeating: 0, count: inputCount)) }

    /// The weighted sum `w·x + b`.
    public func weightedSum(_ input: [Float], file: StaticString = #filePath, line: UInt = #line) -> Float {
        check(input.count == weights.count, "shape mismatch in Perceptron: \(input.count) inputs for \(weights.count) weights", file: file, line: line)
        var sum = bias
        for (w, x) in zip(weights, input) { sum += w * x }
        return sum
    }

    /// 1 if `w·x + b > 0`, else 0.
    public func predict(_ input: [Float], file: StaticString = #filePath, line: UInt = #line) -> Float {
        weightedSum(input, file: file, line: line) > 0 ? 1 : 0
    }

    /// Applies the perceptron rule for one example; returns the error `y − ŷ` (0 if right).
    @discardableResult
    public mutating func update(input: [Float], label: Float, learningRate: Float = 1,
                                file: StaticString = #filePath, line: UInt = #line) -> Float {
        let error = label - predict(input, file: file, line: line)
        if error != 0 {
            for i in weights.indices { weights[i] += learningRate * error * input[i] }
            bias += learningRate * error
        }
        return error
    }

    /// Runs the rule over the examples, in order, for up to `epochs` passes, stopping after a
    /// pass without mistakes. Returns the number of mistakes in each pass.
    @discardableResult
    public mutating func train(inputs: [[Float]], labels: [Float], learningRate: Float = 1, epochs: Int = 100,
                               file: StaticString = #filePath, line: UInt = #line) -> [Int] {
        check(inputs.count == labels.count, "\(inputs.count) inputs but \(labels.count) labels", file: file, line: line)
        var mistakes: [Int] = []
        for _ in 0..<epochs {
            var count = 0
            for (x, y) in zip(inputs, labels) where update(input: x, label: y, learningRate: learningRate, file: file, line: line) != 0 {
                count += 1
            }
            mistakes.append(count)
            if count == 0 { break }
        }
        return mistakes
    }

    /// `Perceptron(weights: [0.5000, -0.5000], bias: 0.1000)`.
    public var description: String {
        "Perceptron(weights: [\(weights.map { NumberFormatting.format($0) }.joined(separator: ", "))], bias: \(NumberFormatting.format(bias)))"
    }
}
