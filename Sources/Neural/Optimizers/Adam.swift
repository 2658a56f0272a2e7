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
        // AdamW shrinks θ by ηλθ; Adam with L2 adds λθ to the gradient.
        let (shrink, l2): (Float, Float) = decoupled ? (1 - lr * wd, 0) : (1, wd)
        forEachParameter { index, count, p, g in
            firstMoment.with(index, count: count) { m, _ in
                secondMoment.with(index, count: count) { v, _ in
                    adamUpdate(count: count, p: p, g: g, m: m, v: v, beta1: b1, beta2: b2, l2: l2, shrink: shrink,
                               stepSize: stepSize, correction2Root: correction2Root, epsilon: eps)
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

/// √x for each lane, from IEEE arithmetic only (so it vectorizes): three Newton steps
/// `y ← y (3 − x y²) / 2` refine the classic bit-level estimate of `1/√x` to float precision,
/// then `√x = x · (1/√x)`; `√0 = 0`.
@inline(__always)
func squareRoot(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let bits = SIMD16<UInt32>(repeating: 0x5F37_5A86) &- (unsafeBitCast(x, to: SIMD16<UInt32>.self) &>> 1)
    var y = unsafeBitCast(bits, to: SIMD16<Float>.self)
    let half = 0.5 * x
    for _ in 0..<3 { y = y * (1.5 - half * y * y) }
    return x * y
}

/// One Adam update of `count` parameters (see ``Adam``), optimized even in debug builds so
/// tests that train stay quick.
@_optimize(speed)
func adamUpdate(
    count: Int, p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
    v: UnsafeMutablePointer<Float>, beta1 b1: Float, beta2 b2: Float, l2: Float, shrink: Float,
    stepSize: Float, correction2Root: Float, epsilon eps: Float
) {
        // 16 parameters at a time (written out with SIMD: the compiler does not
        // vectorize this loop by itself, because on Linux a square root may set
        // errno), then the rest one by one.
        typealias V = SIMD16<Float>
        var i = 0
        while i + 16 <= count {
            let pv = UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
            let d = UnsafeRawPointer(g + i).loadUnaligned(as: V.self) + l2 * pv
            let mv = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: V.self) + (1 - b1) * d
            let vv = b2 * UnsafeRawPointer(v + i).loadUnaligned(as: V.self) + (1 - b2) * d * d
            let updated = shrink * pv - stepSize * mv / (squareRoot(vv) / correction2Root + eps)
            UnsafeMutableRawPointer(m + i).storeBytes(of: mv, as: V.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vv, as: V.self)
            UnsafeMutableRawPointer(p + i).storeBytes(of: updated, as: V.self)
            i += 16
        }
        while i < count {
            let d = g[i] + l2 * p[i]
            m[i] = b1 * m[i] + (1 - b1) * d
            v[i] = b2 * v[i] + (1 - b2) * d * d
            p[i] = shrink * p[i] - stepSize * m[i] / (v[i].squareRoot() / correction2Root + eps)
            i += 1
        }
}
