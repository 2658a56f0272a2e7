/// Stochastic gradient descent, with optional momentum (classical or Nesterov), dampening and
/// L2 weight decay, computed as PyTorch's `torch.optim.SGD` does:
///
///     g ← ∇θ + λθ                  (weight decay λ)
///     v ← μv + (1 − τ) g           (momentum μ, dampening τ; v = g on the first step)
///     g ← g + μv  (Nesterov)   or   g ← v
///     θ ← θ − η g
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var velocity: OptimizerState

    /// - Parameters:
    ///   - parameters: the tensors to update (`model.parameters`).
    ///   - learningRate: the step size η (torch's `lr`).
    ///   - momentum: μ; 0 for plain gradient descent (`momentum`).
    ///   - dampening: τ, how much of each new gradient the velocity leaves out (`dampening`).
    ///   - nesterov: look ahead along the velocity (needs momentum > 0 and no dampening).
    ///   - weightDecay: λ, the L2 penalty's coefficient (`weight_decay`).
    public init(
        parameters: [Tensor], learningRate: Float, momentum: Float = 0, dampening: Float = 0, nesterov: Bool = false,
        weightDecay: Float = 0, file: StaticString = #filePath, line: UInt = #line
    ) {
        check(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum needs momentum > 0 and zero dampening",
              file: file, line: line)
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.velocity = OptimizerState(count: parameters.count)
    }

    public func step() {
        let (lr, mu, wd, nesterov) = (learningRate, momentum, weightDecay, self.nesterov)
        let kept = Float(1 - written(dampening))
        forEachParameter { index, count, p, g in
            if mu == 0 {
                for i in 0..<count { p[i] = p[i] + -lr * (g[i] + wd * p[i]) }
                return
            }
            velocity.with(index, count: count) { v, isNew in
                for i in 0..<count {
                    let d = g[i] + wd * p[i]
                    v[i] = isNew ? d : v[i] * mu + kept * d  // the first step starts the velocity at d
                    p[i] = p[i] + -lr * (nesterov ? d + mu * v[i] : v[i])
                }
            }
        }
    }
}
