/// Modules applied one after another: `Sequential(a, b, c)(x) = c(b(a(x)))`.
public final class Sequential: Module {
    /// The modules, in order.
    public let layers: [any Module]

    public init(_ layers: any Module...) { self.layers = layers }
    public init(_ layers: [any Module]) { self.layers = layers }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        var x = input
        for layer in layers { x = layer(x) }
        return x
    }

    public var parameters: [Tensor] { layers.flatMap(\.parameters) }

    public var isTraining: Bool {
        get { layers.first?.isTraining ?? true }
        set { for layer in layers { layer.isTraining = newValue } }
    }

    /// One line per layer, numbered as in PyTorch.
    public var description: String {
        let lines = layers.enumerated().map { i, layer in
            "  (\(i)): " + layer.description.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
        }
        return "Sequential(\n" + lines.joined(separator: "\n") + "\n)"
    }
}
