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
