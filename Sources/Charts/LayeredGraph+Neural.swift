import Neural

// Diagrams of the library's networks and scalar graphs. With Charts+Tensor.swift, the only
// files of Charts that import Neural (the runner's test fixture links Charts against a tiny
// Neural and leaves both out).

extension LayeredGraph {
    /// The diagram of a network of `Linear` layers: a circle per neuron, each connection drawn
    /// thicker for a larger weight, blue when negative and red when positive, each neuron
    /// with its bias, and the activation that follows a layer named under it.
    ///
    /// ```swift
    /// show(LayeredGraph(title: "The trained network", network: model))
    /// ```
    ///
    /// - Parameters:
    ///   - network: a `Sequential` of `Linear` layers and activations; other modules are named only.
    ///   - layerNames: a caption per layer of neurons (default: "inputs", "hidden layer, Tanh", "output").
    ///   - neuronNames: the neurons' names by layer (default: x₁, x₂, …; h₁, h₂, …; ŷ).
    ///   - details: more lines under each neuron, by layer and neuron (a value, an error signal δ).
    ///   - weightLabels: whether each connection shows its weight's value (readable for a few neurons only).
    public init(
        title: String, network: Sequential, layerNames: [String] = [], neuronNames: [[String]] = [],
        details: [[[String]]] = [], weightLabels: Bool = true
    ) {
        let linears = network.layers.compactMap { $0 as? Linear }
        let sizes = (linears.first.map { [$0.inputSize] } ?? []) + linears.map(\.outputSize)
        // The module after each Linear layer, when it is not another Linear layer: its activation.
        var activations: [String?] = []
        for (k, module) in network.layers.enumerated() where module is Linear {
            let next = network.layers.element(k + 1)
            activations.append(next.flatMap { $0 is Linear ? nil : String($0.description.prefix { $0 != "(" }) })
        }
        let names = sizes.indices.map { layer in
            layerNames.element(layer) ?? (LayeredGraph.defaultLayerName(layer: layer, sizes: sizes)
                + (layer > 0 ? activations.element(layer - 1).flatMap { $0 }.map { ", " + $0 } ?? "" : ""))
        }
        self.init(title: title, network: sizes, weights: linears.map { $0.weight.rows },
                  biases: linears.map { $0.bias?.scalars ?? [] }, layerNames: names, neuronNames: neuronNames,
                  details: details, weightLabels: weightLabels)
    }

    /// The computational graph that computed `output` with the library's scalar `Value`: a
    /// box per value, with its label and the operation that made it, its data and (after
    /// `backward()`) its gradient; arrows run from each operand to the result.
    ///
    /// ```swift
    /// let a = Value(2, label: "a"), b = Value(-3, label: "b")
    /// let c = a * b; c.label = "c"
    /// c.backward()
    /// show(LayeredGraph(title: "c = a·b", graphOf: c))
    /// ```
    ///
    /// - Parameters:
    ///   - output: the value at the right end.
    ///   - gradients: whether each box shows `grad` as well as `data`.
    public init(title: String, graphOf output: Value, gradients: Bool = true) {
        self.init(title: title, computing: output, inputs: \.parents) { value in
            let symbol = value.operation == "*" ? "×" : value.operation
            let label = value.label.isEmpty ? (symbol.isEmpty ? NumberFormatting.format(value.data) : symbol)
                : symbol.isEmpty ? value.label : "\(value.label) (\(symbol))"
            let details = ["data " + NumberFormatting.format(value.data)] + (gradients ? ["grad " + NumberFormatting.format(value.grad)] : [])
            return Node(label: label, details: details, color: value.parents.isEmpty ? 0 : nil)
        }
    }
}
