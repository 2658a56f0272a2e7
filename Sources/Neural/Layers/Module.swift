/// A layer or a model: a function of a tensor with trainable parameters (PyTorch's
/// `nn.Module`). Modules are classes, so a model and its optimizer share the parameters.
public protocol Module: AnyObject, CustomStringConvertible {
    /// The output for a batch of inputs.
    func callAsFunction(_ input: Tensor) -> Tensor
    /// The tensors an optimizer updates (empty for layers without parameters).
    var parameters: [Tensor] { get }
    /// Training mode (the default) or evaluation mode; changes what ``Dropout`` does.
    var isTraining: Bool { get set }
}

extension Module {
    /// Switches to training mode.
    public func train() { isTraining = true }
    /// Switches to evaluation mode.
    public func eval() { isTraining = false }
    /// Forgets the gradients of all parameters.
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }
    /// The number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
}
