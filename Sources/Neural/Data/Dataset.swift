/// Examples and their targets: `features` is `count × featureCount`; `targets` is `[count]`
/// (class indices) or `[count, k]` (values, or 0/1 labels for a binary classifier).
public struct Dataset: CustomStringConvertible {
    public var features: Tensor
    public var targets: Tensor

    /// A data set; both tensors must have one row per example.
    public init(features: Tensor, targets: Tensor, file: StaticString = #filePath, line: UInt = #line) {
        check(features.rank >= 1 && targets.rank >= 1 && features.shape[0] == targets.shape[0],
              "Dataset needs one target row per example: features \(features.shape), targets \(targets.shape)",
              file: file, line: line)
        self.features = features
        self.targets = targets
    }

    /// The number of examples.
    public var count: Int { features.shape[0] }

    /// The targets as class indices.
    public var labels: [Int] { targets.scalars.map { Int($0) } }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(features: features.rows(at: indices), targets: targets.rows(at: indices))
    }

    /// A random split into training and test sets; `trainingFraction` of the examples
    /// (rounded down) go to training.
    public func split(trainingFraction: Float, seed: UInt64 = 0) -> (training: Dataset, test: Dataset) {
        var generator = SeededGenerator(seed: seed)
        let order = generator.permutation(count)
        let n = Int(Float(count) * trainingFraction)
        return (subset(Array(order[..<n])), subset(Array(order[n...])))
    }

    /// A random split into training, validation and test sets (the rest after the first two).
    public func split(
        trainingFraction: Float, validationFraction: Float, seed: UInt64 = 0
    ) -> (training: Dataset, validation: Dataset, test: Dataset) {
        var generator = SeededGenerator(seed: seed)
        let order = generator.permutation(count)
        let a = Int(Float(count) * trainingFraction)
        let b = a + Int(Float(count) * validationFraction)
        return (subset(Array(order[..<a])), subset(Array(order[a..<b])), subset(Array(order[b...])))
    }

    public var description: String {
        "Dataset(count: \(count), features: \(Array(features.shape.dropFirst())), targets: \(Array(targets.shape.dropFirst())))"
    }
}

/// Mini-batches of a data set, reshuffled on every pass (PyTorch's `DataLoader`).
///
/// ```swift
/// let loader = DataLoader(training, batchSize: 32, seed: 0)
/// for epoch in 1...10 {
///     for batch in loader { ... batch.inputs ... batch.targets ... }
/// }
/// ```
public final class DataLoader: Sequence {
    /// One mini-batch.
    public struct Batch {
        public let inputs: Tensor
        public let targets: Tensor
        /// The targets as class indices.
        public var labels: [Int] { targets.scalars.map { Int($0) } }
    }

    public let dataset: Dataset
    public let batchSize: Int
    public let shuffle: Bool
    /// Whether a last batch smaller than `batchSize` is skipped.
    public let dropLast: Bool
    private var generator: SeededGenerator

    public init(_ dataset: Dataset, batchSize: Int, shuffle: Bool = true, dropLast: Bool = false, seed: UInt64 = 0,
                file: StaticString = #filePath, line: UInt = #line) {
        check(batchSize > 0, "batchSize must be positive", file: file, line: line)
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.generator = SeededGenerator(seed: seed)
    }

    /// The number of batches per pass.
    public var batchCount: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    public func makeIterator() -> AnyIterator<Batch> {
        let order = shuffle ? generator.permutation(dataset.count) : Array(0..<dataset.count)
        let (dataset, batchSize, batches) = (self.dataset, self.batchSize, self.batchCount)
        var index = 0
        return AnyIterator {
            guard index < batches else { return nil }
            let start = index * batchSize
            let rows = Array(order[start..<Swift.min(start + batchSize, order.count)])
            index += 1
            return Batch(inputs: dataset.features.rows(at: rows), targets: dataset.targets.rows(at: rows))
        }
    }
}
