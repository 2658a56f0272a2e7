internal import NeuralKernels

/// Adam: steps along a running mean of gradients, scaled by a running root mean square,
/// both corrected for their start at zero, as PyTorch's `torch.optim.Adam` does (with
/// `decoupledWeightDecay`, `torch.optim.AdamW`):
///
///     g ← ∇θ + λθ                   (L2; or, for AdamW, θ ← θ(1 − ηλ) first)
///     m ← m + (1 − β₁)(g − m)       (torch's `lerp`: the same as β₁m + (1 − β₁)g)
///     v ← β₂v + (1 − β₂) g²
///     v̂ ← max(v̂, v)                 (`amsgrad`; else v̂ = v)
///     θ ← θ − η/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
///
/// `t` counts the steps of each parameter, as torch's per-parameter `state["step"]` does:
/// a parameter without a gradient is skipped and its count does not advance. The arithmetic
/// follows torch's kernels operation by operation (bias corrections in double precision, the
/// rest in float), so the two agree to the last bits on most steps. Parameters may come in
/// groups with a weight decay of their own (``ParameterGroup``), as torch's parameter groups.
public class Adam: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// λ for parameters whose group does not set its own.
    public let weightDecay: Float
    /// λ for each parameter, in the order of `parameters` (from its group, else `weightDecay`).
    public let weightDecays: [Float]
    /// Each λ as written, in double precision (see `written`): torch computes `1 − ηλ` from it.
    private let writtenWeightDecays: [Double]
    /// Whether weight decay shrinks the parameters directly (AdamW) instead of adding λθ to the gradient.
    public let decoupledWeightDecay: Bool
    /// Whether to divide by the largest second moment seen so far (torch's `amsgrad`).
    public let amsgrad: Bool
    /// The steps each parameter has taken (torch's `state[p]["step"]`), by parameter.
    public private(set) var stepCounts: [Int]
    private var firstMoment: OptimizerState
    private var secondMoment: OptimizerState
    private var largestSecondMoment: OptimizerState

    /// - Parameters:
    ///   - parameters: the tensors to update.
    ///   - learningRate: η (torch's `lr`).
    ///   - beta1: β₁, the decay of the gradients' running mean (torch's `betas[0]`).
    ///   - beta2: β₂, the decay of the squared gradients' running mean (`betas[1]`).
    ///   - epsilon: ε, added to the denominator (`eps`).
    ///   - weightDecay: λ (`weight_decay`).
    ///   - amsgrad: keep the largest second moment (`amsgrad`).
    ///   - decoupledWeightDecay: AdamW's form of weight decay.
    public convenience init(
        parameters: [Tensor], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0, amsgrad: Bool = false, decoupledWeightDecay: Bool = false
    ) {
        self.init(parameterGroups: [ParameterGroup(parameters)], learningRate: learningRate, beta1: beta1, beta2: beta2,
                  epsilon: epsilon, weightDecay: weightDecay, amsgrad: amsgrad, decoupledWeightDecay: decoupledWeightDecay)
    }

    /// An optimizer whose parameters come in groups with a weight decay of their own, as torch's
    /// `torch.optim.Adam([{"params": ..., "weight_decay": ...}, ...])`.
    ///
    /// - Parameters:
    ///   - parameterGroups: the tensors to update, by group; a group without its own weight
    ///     decay uses `weightDecay`.
    ///   - weightDecay: λ for groups that do not set their own.
    ///   - others: as ``init(parameters:learningRate:beta1:beta2:epsilon:weightDecay:amsgrad:decoupledWeightDecay:)``.
    public init(
        parameterGroups: [ParameterGroup], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0, amsgrad: Bool = false, decoupledWeightDecay: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        (parameters, weightDecays) = ParameterGroup.flatten(parameterGroups, defaultDecay: weightDecay, file: file, line: line)
        writtenWeightDecays = weightDecays.map(written)
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupledWeightDecay = decoupledWeightDecay
        stepCounts = Array(repeating: 0, count: parameters.count)
        firstMoment = OptimizerState(count: parameters.count)
        secondMoment = OptimizerState(count: parameters.count)
        largestSecondMoment = OptimizerState(count: parameters.count)
    }

    public func step() {
        let (lr, b1, b2, eps) = (written(learningRate), written(beta1), written(beta2), epsilon)
        let (amsgrad, decoupled) = (self.amsgrad, decoupledWeightDecay)
        forEachParameter { index, count, p, g in
            stepCounts[index] += 1
            let t = Double(stepCounts[index])
            // AdamW shrinks θ by ηλθ; Adam with L2 adds λθ to the gradient.
            let (shrink, l2): (Float, Float) = decoupled ? (Float(1 - lr * writtenWeightDecays[index]), 0) : (1, weightDecays[index])
            let rule = AdamStep(
                l2: l2, shrink: shrink, weight1: Float(1 - b1), beta2: beta2, weight2: Float(1 - b2),
                stepSize: -Float(lr / (1 - Math.pow(b1, t))), correction2Root: Float((1 - Math.pow(b2, t)).squareRoot()),
                epsilon: eps)
            firstMoment.with(index, count: count) { m, _ in
                secondMoment.with(index, count: count) { v, _ in
                    if amsgrad {
                        largestSecondMoment.with(index, count: count) { vmax, _ in
                            rule.update(count: count, p: p, g: g, m: m, v: v, largest: vmax)
                        }
                    } else {
                        rule.update(count: count, p: p, g: g, m: m, v: v, largest: nil)
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
    public convenience init(
        parameters: [Tensor], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0.01, amsgrad: Bool = false
    ) {
        self.init(parameterGroups: [ParameterGroup(parameters)], learningRate: learningRate, beta1: beta1, beta2: beta2,
                  epsilon: epsilon, weightDecay: weightDecay, amsgrad: amsgrad)
    }

    /// AdamW over groups of parameters, each with its own weight decay or the optimizer's
    /// (torch's `torch.optim.AdamW([{"params": ..., "weight_decay": ...}, ...])`): typically the
    /// weights decayed and the biases not.
    ///
    /// - Parameters: as ``Adam/init(parameterGroups:learningRate:beta1:beta2:epsilon:weightDecay:amsgrad:decoupledWeightDecay:file:line:)``;
    ///   `weightDecay` defaults to 0.01, as in PyTorch.
    public init(
        parameterGroups: [ParameterGroup], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0.01, amsgrad: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        super.init(parameterGroups: parameterGroups, learningRate: learningRate, beta1: beta1, beta2: beta2,
                   epsilon: epsilon, weightDecay: weightDecay, amsgrad: amsgrad, decoupledWeightDecay: true, file: file, line: line)
    }
}

/// One Adam step's constants, and the update of `count` parameters with them (see ``Adam``),
/// optimized even in debug builds so tests that train stay quick. Written with SIMD 16 lanes at
/// a time; the square root is the correctly rounded one, lane by lane (``squareRoots(_:)``), as torch's.
struct AdamStep {
    var l2: Float, shrink: Float, weight1: Float, beta2: Float, weight2: Float
    /// −η / (1 − β₁ᵗ).
    var stepSize: Float
    var correction2Root: Float
    var epsilon: Float

    @_optimize(speed)
    func update(count: Int, p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
                v: UnsafeMutablePointer<Float>, largest: UnsafeMutablePointer<Float>?) {
        typealias V = SIMD16<Float>
        var i = 0
        while i + 16 <= count {
            let pv = shrink * UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
            let d = UnsafeRawPointer(g + i).loadUnaligned(as: V.self) + l2 * pv
            let mv = lerp(UnsafeRawPointer(m + i).loadUnaligned(as: V.self), d, weight1)
            let vv = UnsafeRawPointer(v + i).loadUnaligned(as: V.self) * beta2 + weight2 * d * d
            var denominatorSquare = vv
            if let largest {
                denominatorSquare = pointwiseMax(UnsafeRawPointer(largest + i).loadUnaligned(as: V.self), vv)
                UnsafeMutableRawPointer(largest + i).storeBytes(of: denominatorSquare, as: V.self)
            }
            let denominator = squareRoots(denominatorSquare) / correction2Root + epsilon
            UnsafeMutableRawPointer(m + i).storeBytes(of: mv, as: V.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vv, as: V.self)
            UnsafeMutableRawPointer(p + i).storeBytes(of: pv + stepSize * (mv / denominator), as: V.self)
            i += 16
        }
        while i < count {
            let pi = shrink * p[i]
            let d = g[i] + l2 * pi
            m[i] = lerp(m[i], d, weight1)
            v[i] = v[i] * beta2 + weight2 * d * d
            var denominatorSquare = v[i]
            if let largest {
                largest[i] = Swift.max(largest[i], v[i])
                denominatorSquare = largest[i]
            }
            p[i] = pi + stepSize * (m[i] / (denominatorSquare.squareRoot() / correction2Root + epsilon))
            i += 1
        }
    }
}

/// `a + w(b − a)`, computed as torch's `lerp` computes it: from `a` for a weight under ½,
/// from `b` otherwise, so the result is exact at both ends.
@inline(__always)
func lerp(_ a: Float, _ b: Float, _ weight: Float) -> Float {
    weight < 0.5 ? a + weight * (b - a) : b - (b - a) * (1 - weight)
}

/// The correctly rounded square root of each lane, as one vector instruction (NeuralKernels'
/// `neural_square_roots`): `SIMD16.squareRoot()` calls `sqrtf` once per lane on Linux, which
/// made the whole 784-128-64-10 Adam step 2× slower.
@inline(__always)
func squareRoots(_ x: SIMD16<Float>) -> SIMD16<Float> {
    var lanes = x
    withUnsafeMutableBytes(of: &lanes) { neural_square_roots($0.baseAddress!.assumingMemoryBound(to: Float.self), 16) }
    return lanes
}

@inline(__always)
func lerp(_ a: SIMD16<Float>, _ b: SIMD16<Float>, _ weight: Float) -> SIMD16<Float> {
    weight < 0.5 ? a + weight * (b - a) : b - (b - a) * (1 - weight)
}
