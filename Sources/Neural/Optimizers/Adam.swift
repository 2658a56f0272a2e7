/// Adam: steps along a running mean of gradients, scaled by a running root mean square,
/// both corrected for their start at zero, as PyTorch's `torch.optim.Adam` does (with
/// `decoupledWeightDecay`, `torch.optim.AdamW`):
///
///     g ← ∇θ + λθ                   (L2; or, for AdamW, θ ← θ − ηλθ first)
///     m ← β₁m + (1 − β₁) g
///     v ← β₂v + (1 − β₂) g²
///     θ ← θ − η (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
public class Adam: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    /// Whether weight decay shrinks the parameters directly (AdamW) instead of adding λθ to the gradient.
    public let decoupledWeightDecay: Bool
    /// The number of steps taken, t.
    public private(set) var stepCount = 0
    private var firstMoment: OptimizerState
    private var secondMoment: OptimizerState

    /// - Parameters:
    ///   - parameters: the tensors to update.
    ///   - learningRate: η.
    ///   - beta1: β₁, the decay of the gradients' running mean.
    ///   - beta2: β₂, the decay of the squared gradients' running mean.
    ///   - epsilon: ε, added to the denominator.
    ///   - weightDecay: λ.
    ///   - decoupledWeightDecay: AdamW's form of weight decay.
    public init(
        parameters: [Tensor], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = false
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.firstMoment = OptimizerState(count: parameters.count)
        self.secondMoment = OptimizerState(count: parameters.count)
    }

    public func step() {
        stepCount += 1
        let (lr, b1, b2, eps, wd) = (learningRate, beta1, beta2, epsilon, weightDecay)
        let t = Float(stepCount)
        let correction1 = 1 - Math.pow(b1, t)
        let correction2Root = (1 - Math.pow(b2, t)).squareRoot()
        let stepSize = lr / correction1
        let decoupled = decoupledWeightDecay
        forEachParameter { index, p, g in
            firstMoment.with(index, count: p.count) { m, _ in
                secondMoment.with(index, count: p.count) { v, _ in
                    for i in 0..<p.count {
                        var d = g[i]
                        if decoupled { p[i] *= 1 - lr * wd } else { d += wd * p[i] }
                        m[i] = b1 * m[i] + (1 - b1) * d
                        v[i] = b2 * v[i] + (1 - b2) * d * d
                        p[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + eps)
                    }
                }
            }
        }
    }
}

/// Adam with decoupled weight decay (Loshchilov & Hutter), PyTorch's `torch.optim.AdamW`:
/// each step first shrinks every parameter by `η·λ·θ`.
public final class AdamW: Adam {
    /// - Parameters: as ``Adam``; `weightDecay` defaults to 0.01, as in PyTorch.
    public init(
        parameters: [Tensor], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0.01
    ) {
        super.init(parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
                   epsilon: epsilon, weightDecay: weightDecay, decoupledWeightDecay: true)
    }
}
