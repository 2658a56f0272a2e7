/// Stochastic gradient descent, with optional momentum (classical or Nesterov), dampening and
/// L2 weight decay (per group of parameters, ``ParameterGroup``), computed as PyTorch's
/// `torch.optim.SGD` does:
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
    /// λ for parameters whose group does not set its own.
    public let weightDecay: Float
    /// λ for each parameter, in the order of `parameters` (from its group, else `weightDecay`).
    public let weightDecays: [Float]
    private var velocity: OptimizerState

    /// - Parameters:
    ///   - parameters: the tensors to update (`model.parameters`).
    ///   - learningRate: the step size η (torch's `lr`).
    ///   - momentum: μ; 0 for plain gradient descent (`momentum`).
    ///   - dampening: τ, how much of each new gradient the velocity leaves out (`dampening`).
    ///   - nesterov: look ahead along the velocity (needs momentum > 0 and no dampening).
    ///   - weightDecay: λ, the L2 penalty's coefficient (`weight_decay`).
    public convenience init(
        parameters: [Tensor], learningRate: Float, momentum: Float = 0, dampening: Float = 0, nesterov: Bool = false,
        weightDecay: Float = 0, file: StaticString = #filePath, line: UInt = #line
    ) {
        self.init(parameterGroups: [ParameterGroup(parameters)], learningRate: learningRate, momentum: momentum,
                  dampening: dampening, nesterov: nesterov, weightDecay: weightDecay, file: file, line: line)
    }

    /// An optimizer whose parameters come in groups with a weight decay of their own, as torch's
    /// `torch.optim.SGD([{"params": ..., "weight_decay": ...}, ...])`.
    ///
    /// - Parameters:
    ///   - parameterGroups: the tensors to update, by group; a group without its own weight
    ///     decay uses `weightDecay`.
    ///   - weightDecay: λ for groups that do not set their own.
    ///   - others: as ``init(parameters:learningRate:momentum:dampening:nesterov:weightDecay:file:line:)``.
    public init(
        parameterGroups: [ParameterGroup], learningRate: Float, momentum: Float = 0, dampening: Float = 0,
        nesterov: Bool = false, weightDecay: Float = 0, file: StaticString = #filePath, line: UInt = #line
    ) {
        check(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum needs momentum > 0 and zero dampening",
              file: file, line: line)
        (parameters, weightDecays) = ParameterGroup.flatten(parameterGroups, defaultDecay: weightDecay, file: file, line: line)
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.velocity = OptimizerState(count: parameters.count)
    }

    public func step() {
        let (lr, mu, nesterov) = (learningRate, momentum, self.nesterov)
        let kept = Float(1 - written(dampening))
        forEachParameter { index, count, p, g in
            let wd = weightDecays[index]
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
