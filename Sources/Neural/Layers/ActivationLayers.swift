// The activation functions as modules, to put in a ``Sequential``. Each is the same few lines
// around its function, as `torch.nn.ReLU` and friends are: one readable class per activation.

/// `max(0, x)` as a layer.
public final class ReLU: Module {
    public var isTraining = true
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { relu(input) }
    public var parameters: [Tensor] { [] }
    public var description: String { "ReLU()" }
}

/// The leaky ReLU as a layer.
public final class LeakyReLU: Module {
    public var isTraining = true
    public let negativeSlope: Float
    public init(negativeSlope: Float = 0.01) { self.negativeSlope = negativeSlope }
    public func callAsFunction(_ input: Tensor) -> Tensor { leakyReLU(input, negativeSlope: negativeSlope) }
    public var parameters: [Tensor] { [] }
    public var description: String { "LeakyReLU(negativeSlope: \(NumberFormatting.format(negativeSlope)))" }
}

/// The logistic sigmoid as a layer.
public final class Sigmoid: Module {
    public var isTraining = true
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { sigmoid(input) }
    public var parameters: [Tensor] { [] }
    public var description: String { "Sigmoid()" }
}

/// The hyperbolic tangent as a layer.
public final class Tanh: Module {
    public var isTraining = true
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { tanh(input) }
    public var parameters: [Tensor] { [] }
    public var description: String { "Tanh()" }
}

/// The softmax along the last axis as a layer.
public final class Softmax: Module {
    public var isTraining = true
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { softmax(input) }
    public var parameters: [Tensor] { [] }
    public var description: String { "Softmax()" }
}
