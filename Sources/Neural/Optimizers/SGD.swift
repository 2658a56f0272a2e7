/// Stochastic gradient descent, with optional momentum (classical or Nesterov) and L2
/// weight decay, computed as PyTorch's `torch.optim.SGD` does:
///
///     g ← ∇θ + λθ                  (weight decay λ)
///     v ← μv + g                   (momentum μ; v = g on the first step)
///     g ← g + μv  (Nesterov)   or   g ← v
///     θ ← θ − η g
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var velocity: OptimizerState

    /// - Parameters:
    ///   - parameters: the tensors to update (`model.parameters`).
    ///   - learningRate: the step size η.
    ///   - momentum: μ; 0 for plain gradient descent.
    ///   - nesterov: look ahead along the velocity (needs momentum > 0).
    ///   - weightDecay: λ, the L2 penalty's coefficient.
    public init(
        parameters: [Tensor], learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        check(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0", file: file, line: line)
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.velocity = OptimizerState(count: parameters.count)
    }

    public func step() {
        let (lr, mu, wd, nesterov) = (learningRate, momentum, weightDecay, self.nesterov)
        forEachParameter { index, count, p, g in
            if mu == 0 {
                for i in 0..<count { p[i] -= lr * (g[i] + wd * p[i]) }
                return
            }
            velocity.with(index, count: count) { v, isNew in
                let keep: Float = isNew ? 0 : mu  // the first step starts the velocity at d
                let look: Float = nesterov ? mu : 0
                for i in 0..<count {
                    let d = g[i] + wd * p[i]
                    v[i] = keep * v[i] + d
                    p[i] -= lr * (nesterov ? d + look * v[i] : v[i])
                }
            }
        }
    }
}
