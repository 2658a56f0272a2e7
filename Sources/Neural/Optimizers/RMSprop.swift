internal import NeuralKernels

/// RMSprop: divides each step by a running root mean square of recent gradients, as
/// PyTorch's `torch.optim.RMSprop` does:
///
///     g ← ∇θ + λθ                    (λ per group of parameters, ``ParameterGroup``)
///     s ← αs + (1 − α) g²
///     ḡ ← ḡ + (1 − α)(g − ḡ)          (`centered`: a running mean of the gradients)
///     d ← √(s − ḡ²) + ε  (centered)   or   √s + ε
///     b ← μb + g / d;  θ ← θ − η b     (`momentum` μ > 0)   or   θ ← θ − η g / d
public final class RMSprop: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let alpha: Float
    public let epsilon: Float
    /// λ for parameters whose group does not set its own.
    public let weightDecay: Float
    /// λ for each parameter, in the order of `parameters` (from its group, else `weightDecay`).
    public let weightDecays: [Float]
    public let momentum: Float
    /// Whether the denominator is the gradients' running variance rather than their running mean square.
    public let centered: Bool
    private var squareAverage: OptimizerState
    private var gradientAverage: OptimizerState
    private var momentumBuffer: OptimizerState

    /// - Parameters:
    ///   - parameters: the tensors to update.
    ///   - learningRate: η (torch's `lr`).
    ///   - alpha: α, the decay of the running average of squared gradients (`alpha`).
    ///   - epsilon: ε, added to the denominator (`eps`).
    ///   - weightDecay: λ, L2 (`weight_decay`).
    ///   - momentum: μ (`momentum`).
    ///   - centered: divide by the running variance (`centered`).
    public convenience init(
        parameters: [Tensor], learningRate: Float = 0.01, alpha: Float = 0.99, epsilon: Float = 1e-8, weightDecay: Float = 0,
        momentum: Float = 0, centered: Bool = false
    ) {
        self.init(parameterGroups: [ParameterGroup(parameters)], learningRate: learningRate, alpha: alpha, epsilon: epsilon,
                  weightDecay: weightDecay, momentum: momentum, centered: centered)
    }

    /// An optimizer whose parameters come in groups with a weight decay of their own, as torch's
    /// `torch.optim.RMSprop([{"params": ..., "weight_decay": ...}, ...])`.
    ///
    /// - Parameters:
    ///   - parameterGroups: the tensors to update, by group; a group without its own weight
    ///     decay uses `weightDecay`.
    ///   - weightDecay: λ for groups that do not set their own.
    ///   - others: as ``init(parameters:learningRate:alpha:epsilon:weightDecay:momentum:centered:)``.
    public init(
        parameterGroups: [ParameterGroup], learningRate: Float = 0.01, alpha: Float = 0.99, epsilon: Float = 1e-8,
        weightDecay: Float = 0, momentum: Float = 0, centered: Bool = false, file: StaticString = #filePath, line: UInt = #line
    ) {
        (parameters, weightDecays) = ParameterGroup.flatten(parameterGroups, defaultDecay: weightDecay, file: file, line: line)
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        squareAverage = OptimizerState(count: parameters.count)
        gradientAverage = OptimizerState(count: parameters.count)
        momentumBuffer = OptimizerState(count: parameters.count)
    }

    public func step() {
        let (lr, alpha, eps, mu) = (learningRate, alpha, epsilon, momentum)
        let weight = Float(1 - written(alpha))
        forEachParameter { index, count, p, g in
            let wd = weightDecays[index]
            squareAverage.with(index, count: count) { s, _ in
                for i in 0..<count { s[i] = s[i] * alpha + weight * (g[i] + wd * p[i]) * (g[i] + wd * p[i]) }
            }
            var denominators = [Float](repeating: 0, count: count)
            squareAverage.with(index, count: count) { s, _ in
                if centered {
                    gradientAverage.with(index, count: count) { a, _ in
                        for i in 0..<count {
                            a[i] = lerp(a[i], g[i] + wd * p[i], weight)
                            denominators[i] = s[i] + -1 * a[i] * a[i]
                        }
                    }
                } else {
                    for i in 0..<count { denominators[i] = s[i] }
                }
            }
            // √ of them all at once, vectorized (see `squareRoots` in Adam.swift), then + ε.
            denominators.withUnsafeMutableBufferPointer { neural_square_roots($0.baseAddress!, count) }
            for i in 0..<count { denominators[i] = denominators[i] + eps }
            if mu > 0 {
                momentumBuffer.with(index, count: count) { b, _ in
                    for i in 0..<count {
                        b[i] = b[i] * mu + (g[i] + wd * p[i]) / denominators[i]
                        p[i] = p[i] + -lr * b[i]
                    }
                }
            } else {
                for i in 0..<count { p[i] = p[i] + -lr * ((g[i] + wd * p[i]) / denominators[i]) }
            }
        }
    }
}
