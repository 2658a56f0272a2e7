/// Stops training when the validation loss has not improved for `patience` epochs, and
/// remembers the best parameters so they can be restored.
///
/// ```swift
/// var stopper = EarlyStopping(patience: 5)
/// for epoch in 1...100 {
///     train(...)
///     if stopper.shouldStop(validationLoss: loss, model: model) { break }
/// }
/// stopper.restoreBest(model)
/// ```
public struct EarlyStopping {
    /// Epochs without improvement before stopping.
    public let patience: Int
    /// The smallest decrease that counts as an improvement.
    public let minimumImprovement: Float
    /// The lowest validation loss seen.
    public private(set) var bestLoss = Float.infinity
    /// The epoch (1-based count of calls) of the best loss.
    public private(set) var bestEpoch = 0
    /// Epochs seen.
    public private(set) var epoch = 0
    private var bestParameters: [[Float]] = []

    public init(patience: Int = 5, minimumImprovement: Float = 0) {
        self.patience = patience
        self.minimumImprovement = minimumImprovement
    }

    /// Records one epoch's validation loss (and, if given, snapshots the model when it is the
    /// best so far); returns true when training should stop.
    public mutating func shouldStop(validationLoss: Float, model: (any Module)? = nil) -> Bool {
        epoch += 1
        if validationLoss < bestLoss - minimumImprovement {
            bestLoss = validationLoss
            bestEpoch = epoch
            if let model { bestParameters = model.parameters.map(\.scalars) }
        }
        return epoch - bestEpoch >= patience
    }

    /// Copies the best snapshot's parameters back into `model`.
    public func restoreBest(_ model: any Module) {
        for (parameter, scalars) in zip(model.parameters, bestParameters) { parameter.scalars = scalars }
    }
}
