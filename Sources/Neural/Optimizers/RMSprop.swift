/// RMSprop: divides each step by a running root mean square of recent gradients, as
/// PyTorch's `torch.optim.RMSprop` does:
///
///     g ← ∇θ + λθ
///     s ← αs + (1 − α) g²
///     θ ← θ − η g / (√s + ε)
public final class RMSprop: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let alpha: Float
    public let epsilon: Float
    public let weightDecay: Float
    private var squareAverage: OptimizerState

    /// - Parameters:
    ///   - parameters: the tensors to update.
    ///   - learningRate: η.
    ///   - alpha: α, the decay of the running average of squared gradients.
    ///   - epsilon: ε, added to the denominator.
    ///   - weightDecay: λ (L2).
    public init(parameters: [Tensor], learningRate: Float = 0.01, alpha: Float = 0.99, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.squareAverage = OptimizerState(count: parameters.count)
    }

    public func step() {
        let (lr, alpha, eps, wd) = (learningRate, alpha, epsilon, weightDecay)
        forEachParameter { index, count, p, g in
            squareAverage.with(index, count: count) { s, _ in
                for i in 0..<count {
                    let d = g[i] + wd * p[i]
                    s[i] = alpha * s[i] + (1 - alpha) * d * d
                    p[i] -= lr * d / (s[i].squareRoot() + eps)
                }
            }
        }
    }
}
