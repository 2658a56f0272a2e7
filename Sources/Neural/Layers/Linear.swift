/// How a ``Linear`` layer's weights start.
public enum Initialization: Sendable, Equatable {
    /// Xavier (Glorot) uniform: `U(−a, a)`, `a = √(6 / (in + out))`; suits sigmoid and tanh.
    case xavier
    /// He (Kaiming) normal: `N(0, 2 / in)`; suits ReLU.
    case he
}

/// A fully connected layer: `y = x·W + b` for a batch `x` of row vectors.
///
/// `W` has shape `[inputSize, outputSize]` (PyTorch stores its transpose, `[out, in]`, and
/// computes `x·Wᵀ + b`: the same function), `b` has shape `[outputSize]`.
public final class Linear: Module {
    /// The weight matrix `W`, `inputSize × outputSize`.
    public let weight: Tensor
    /// The bias vector `b`, or nil for a layer without bias.
    public let bias: Tensor?
    public var isTraining = true

    /// A layer with random weights and zero biases.
    ///
    /// - Parameters:
    ///   - inputSize: features per input row.
    ///   - outputSize: features per output row.
    ///   - bias: whether the layer adds a bias.
    ///   - initialization: how the weights are drawn (Xavier by default).
    ///   - generator: the random source.
    public init(
        inputSize: Int, outputSize: Int, bias: Bool = true, initialization: Initialization = .xavier,
        using generator: inout SeededGenerator
    ) {
        let w: Tensor
        switch initialization {
        case .xavier:
            let a = (6 / Float(inputSize + outputSize)).squareRoot()
            w = Tensor.randomUniform([inputSize, outputSize], in: -a...a, using: &generator)
        case .he:
            w = Tensor.randomNormal([inputSize, outputSize], standardDeviation: (2 / Float(inputSize)).squareRoot(), using: &generator)
        }
        w.requiresGrad = true
        self.weight = w
        self.bias = bias ? Tensor.zeros([outputSize], requiresGrad: true) : nil
    }

    /// A layer with random weights from ``defaultGenerator``.
    public convenience init(inputSize: Int, outputSize: Int, bias: Bool = true, initialization: Initialization = .xavier) {
        self.init(inputSize: inputSize, outputSize: outputSize, bias: bias, initialization: initialization, using: &defaultGenerator)
    }

    /// A layer with the given weights (`inputSize × outputSize`) and biases. The layer keeps
    /// copies (its parameters, which require gradients); the tensors passed in are left as they are.
    public init(weight: Tensor, bias: Tensor?, file: StaticString = #filePath, line: UInt = #line) {
        check(weight.rank == 2, "Linear needs a weight matrix, got shape \(weight.shape)", file: file, line: line)
        if let bias {
            check(bias.count == weight.shape[1], "bias of shape \(bias.shape) for weight \(weight.shape)", file: file, line: line)
        }
        self.weight = Tensor(shape: weight.shape, scalars: weight.scalars, requiresGrad: true)
        self.bias = bias.map { Tensor(shape: $0.shape, scalars: $0.scalars, requiresGrad: true) }
    }

    public var inputSize: Int { weight.shape[0] }
    public var outputSize: Int { weight.shape[1] }

    /// `x·W + b`.
    public func callAsFunction(_ input: Tensor) -> Tensor { forward(input) }

    /// `x·W + b`, with the caller's location for a shape mismatch.
    public func forward(_ input: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        check(input.rank >= 1 && input.shape.last == inputSize,
              "shape mismatch in \(self): input of shape \(input.shape), expected [..., \(inputSize)]", file: file, line: line)
        return linear(input, weight: weight, bias: bias, file: file, line: line)
    }

    public var parameters: [Tensor] { bias.map { [weight, $0] } ?? [weight] }

    public var description: String {
        "Linear(inputSize: \(inputSize), outputSize: \(outputSize)\(bias == nil ? ", bias: false" : ""))"
    }
}
