/// Dropout: in training mode, zeroes each input with probability `p` and scales the rest
/// by `1/(1 − p)` so the expected value is unchanged; in evaluation mode, the identity.
///
/// `y = x · m / (1 − p)` with `mᵢ ~ Bernoulli(1 − p)`, so `∂y/∂x = m / (1 − p)`.
public final class Dropout: Module {
    /// The probability of zeroing an input.
    public let probability: Float
    public var isTraining = true
    private var generator: SeededGenerator

    public init(probability: Float = 0.5, seed: UInt64 = 0, file: StaticString = #filePath, line: UInt = #line) {
        check(probability >= 0 && probability < 1, "Dropout probability must be in [0, 1), got \(probability)", file: file, line: line)
        self.probability = probability
        self.generator = SeededGenerator(seed: seed)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard isTraining && probability > 0 else { return input }
        let scale = 1 / (1 - probability)
        let mask = (0..<input.count).map { _ in generator.nextUniform() < probability ? Float(0) : scale }
        return input * Tensor(uncheckedShape: input.shape, scalars: mask)
    }

    public var parameters: [Tensor] { [] }
    public var description: String { "Dropout(probability: \(NumberFormatting.format(probability)))" }
}
