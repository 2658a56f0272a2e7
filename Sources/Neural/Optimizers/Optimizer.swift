/// Updates parameters from their gradients (PyTorch's `torch.optim.Optimizer`).
///
/// ```swift
/// let optimizer = Adam(parameters: model.parameters, learningRate: 0.001)
/// for batch in loader {
///     optimizer.zeroGrad()
///     let loss = crossEntropy(logits: model(batch.inputs), labels: batch.targets)
///     loss.backward()
///     optimizer.step()
/// }
/// ```
///
/// Each optimizer (`SGD`, `RMSprop`, `Adam`, `AdamW`) is written out whole in its own file: its
/// initializer names torch's hyperparameters one by one and its `step()` is the update rule as
/// the optimizers lesson writes it, so they look alike by design.
public protocol Optimizer: AnyObject {
    /// The tensors this optimizer updates.
    var parameters: [Tensor] { get }
    /// The step size.
    var learningRate: Float { get set }
    /// Updates every parameter that has a gradient.
    func step()
}

extension Optimizer {
    /// Forgets the gradients of all parameters (call before each `backward()`).
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }

    /// Calls `update(index, count, p, g)` with the scalars and gradient of each parameter that
    /// has a gradient. (Raw pointers, not buffer pointers, so the loops vectorize: buffer
    /// pointers check their bounds even in optimized builds.)
    func forEachParameter(
        _ update: (_ index: Int, _ count: Int, _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>) -> Void
    ) {
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.gradScalars, grad.count > 0 else { continue }
            grad.withUnsafeBufferPointer { g in
                parameter.scalars.withUnsafeMutableBufferPointer { p in update(index, p.count, p.baseAddress!, g.baseAddress!) }
            }
        }
    }
}

/// Parameters that share a weight decay, as one entry of the list of parameter groups a
/// PyTorch optimizer takes:
///
/// ```swift
/// // torch.optim.AdamW([{"params": weights, "weight_decay": 0.3}, {"params": biases, "weight_decay": 0}], lr=1e-3)
/// let weights = model.parameters.filter { $0.rank == 2 }, biases = model.parameters.filter { $0.rank == 1 }
/// let optimizer = AdamW(parameterGroups: [.init(weights, weightDecay: 0.3), .init(biases, weightDecay: 0)],
///                       learningRate: 1e-3)
/// ```
///
/// The usual use: weight decay for the weight matrices only, as the penalty λ/2 · Σw² is
/// written; biases and other vectors are left alone. Only the weight decay can differ between
/// groups here (torch lets every hyperparameter differ).
public struct ParameterGroup {
    /// The tensors of this group.
    public var parameters: [Tensor]
    /// λ for this group's parameters, or nil for the optimizer's own `weightDecay`.
    public var weightDecay: Float?

    /// - Parameters:
    ///   - parameters: the tensors of this group.
    ///   - weightDecay: λ for them (torch's group `"weight_decay"`), or nil for the optimizer's.
    public init(_ parameters: [Tensor], weightDecay: Float? = nil) {
        self.parameters = parameters
        self.weightDecay = weightDecay
    }

    /// Every group's parameters in order, with the weight decay of each (the group's, else
    /// `defaultDecay`). A tensor in two groups stops the program, as torch raises.
    static func flatten(
        _ groups: [ParameterGroup], defaultDecay: Float, file: StaticString, line: UInt
    ) -> (parameters: [Tensor], weightDecays: [Float]) {
        var parameters: [Tensor] = [], decays: [Float] = []
        var seen = Set<ObjectIdentifier>()
        for group in groups {
            for parameter in group.parameters {
                check(seen.insert(ObjectIdentifier(parameter)).inserted,
                      "a parameter of shape \(parameter.shape) appears in more than one parameter group", file: file, line: line)
                parameters.append(parameter)
                decays.append(group.weightDecay ?? defaultDecay)
            }
        }
        return (parameters, decays)
    }
}

/// A hyperparameter as its author wrote it, in double precision: `0.99` gives the double
/// 0.99, not 0.99000000953… (the float nearest 0.99, widened). PyTorch's hyperparameters are
/// Python floats (doubles), and it computes `1 − α`, `1 − ηλ` and the bias corrections in
/// double before rounding them to float; doing the same from the written value gives the same
/// float (`1 − 0.99` rounds to 0.0099999998 from the double, to 0.0099999905 from the float).
func written(_ value: Float) -> Double { Double(value.description) ?? Double(value) }

/// Per-parameter state buffers (velocity, moments), created as zeros on first use.
struct OptimizerState {
    private var buffers: [[Float]?]

    init(count: Int) { buffers = Array(repeating: nil, count: count) }

    /// Gives `body` the buffer for parameter `index`; `isNew` is true the first time.
    mutating func with(_ index: Int, count: Int, _ body: (UnsafeMutablePointer<Float>, _ isNew: Bool) -> Void) {
        let isNew = buffers[index] == nil
        var buffer = buffers[index] ?? Array(repeating: 0, count: count)
        buffers[index] = nil
        buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, isNew) }
        buffers[index] = buffer
    }
}
