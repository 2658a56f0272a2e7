/// A diagram of nodes in layers, left to right, joined by edges: a network's neurons and
/// their connections, or a computational graph's values and the operations between them.
///
/// The diagram holds only data: each node says its layer and what it shows, and the order of
/// `nodes` is the order, top to bottom, within a layer. Two initializers build the common
/// diagrams: ``init(title:network:weights:biases:layerNames:neuronNames:details:weightLabels:)``
/// for a network, ``init(title:computing:inputs:describe:)`` for the graph that computed a value.
///
/// ```swift
/// show(LayeredGraph(title: "The XOR network", network: [2, 2, 1],
///                   weights: [[[1, -1], [1, -1]], [[1], [1]]], biases: [[-0.5, 1.5], [-1.5]]))
/// ```
public struct LayeredGraph: Chart, Hashable {
    /// How a node is drawn: a circle (a neuron) or a box (a value with its details).
    public enum Shape: String, Hashable, Sendable, Codable { case circle, box }

    /// One node: a label, a few lines of details (a value, a gradient, a bias), its layer.
    public struct Node: Hashable, Sendable, Codable {
        public var label: String
        public var details: [String]
        /// The column, counted from 0 at the left.
        public var layer: Int
        public var shape: Shape
        /// The palette color of its outline (nil: the text color).
        public var color: Int?

        /// - Parameters:
        ///   - label: the node's name, shown first ("x₁", "tanh", "w1").
        ///   - details: further lines, shown under the label ("data 0.9562", "grad 0.0856").
        ///   - layer: its column, from 0 at the left.
        ///   - shape: `.circle` for a neuron, `.box` for a value.
        ///   - color: the palette color of its outline.
        public init(label: String, details: [String] = [], layer: Int = 0, shape: Shape = .box, color: Int? = nil) {
            self.label = label
            self.details = details
            self.layer = max(0, layer)
            self.shape = shape
            self.color = color
        }
    }

    /// A connection from one node to another, by their indices in `nodes`.
    public struct Edge: Hashable, Sendable, Codable {
        public var from: Int
        public var to: Int
        /// A connection's weight: drawn thicker the larger its size, blue when negative, red when positive.
        public var weight: Float?
        /// A short text on the edge, near its start (a weight's value).
        public var label: String

        public init(from: Int, to: Int, weight: Float? = nil, label: String = "") {
            self.from = from
            self.to = to
            self.weight = weight.map(rounded)
            self.label = label
        }
    }

    public var title: String
    public var nodes: [Node]
    public var edges: [Edge]
    /// A caption under each layer ("inputs", "hidden layer", "output"), by layer.
    public var layerLabels: [String]
    /// Whether edges end in arrowheads (the direction values flow).
    public var arrows: Bool

    /// - Parameters:
    ///   - nodes: every node, with its layer; within a layer, drawn top to bottom in this order.
    ///   - edges: connections between nodes, by index; an edge to a missing node is dropped.
    ///   - layerLabels: a caption under each layer.
    ///   - arrows: whether edges end in arrowheads.
    public init(title: String, nodes: [Node], edges: [Edge], layerLabels: [String] = [], arrows: Bool = false) {
        self.title = title
        self.nodes = nodes
        self.edges = edges.filter { nodes.indices.contains($0.from) && nodes.indices.contains($0.to) && $0.from != $0.to }
        self.layerLabels = layerLabels
        self.arrows = arrows
    }

    public var anyChart: AnyChart { .layeredGraph(self) }
}

// MARK: Networks

extension LayeredGraph {
    /// A network diagram: a circle per neuron, layer by layer from the inputs to the outputs,
    /// each neuron joined to every neuron of the next layer.
    ///
    /// - Parameters:
    ///   - layerSizes: neurons per layer, inputs first: `[2, 2, 1]` for two inputs, two hidden
    ///     neurons and one output.
    ///   - weights: for each layer of connections, its weight matrix as the library stores it,
    ///     `weights[l][i][j]` from neuron `i` of layer `l` to neuron `j` of layer `l + 1`. With
    ///     weights, connections are drawn thicker for larger weights, blue for negative ones
    ///     and red for positive ones. Empty: plain connections.
    ///   - biases: for each layer after the inputs, the neurons' biases, shown under them as `b = …`.
    ///   - layerNames: a caption per layer (default: "inputs", "hidden layer", "output").
    ///   - neuronNames: the neurons' names by layer (default: x₁, x₂, …; h₁, h₂, …; ŷ).
    ///   - details: more lines under each neuron, by layer and neuron (a value, an error signal δ).
    ///   - weightLabels: whether each connection shows its weight's value.
    public init(
        title: String, network layerSizes: [Int], weights: [[[Float]]] = [], biases: [[Float]] = [],
        layerNames: [String] = [], neuronNames: [[String]] = [], details: [[[String]]] = [], weightLabels: Bool = true
    ) {
        let sizes = layerSizes.map { max(0, $0) }
        var nodes: [Node] = []
        var first: [Int] = []
        for (layer, size) in sizes.enumerated() {
            first.append(nodes.count)
            for neuron in 0..<size {
                let name = neuronNames.element(layer)?.element(neuron)
                    ?? Self.defaultNeuronName(layer: layer, neuron: neuron, sizes: sizes)
                var lines: [String] = []
                if layer > 0, let bias = biases.element(layer - 1)?.element(neuron) { lines.append("b = " + formatShort(bias)) }
                lines += details.element(layer)?.element(neuron) ?? []
                nodes.append(Node(label: name, details: lines, layer: layer, shape: .circle, color: layer == 0 ? 0 : nil))
            }
        }
        var edges: [Edge] = []
        for layer in sizes.indices.dropLast() {
            for i in 0..<sizes[layer] {
                for j in 0..<sizes[layer + 1] {
                    let weight = weights.element(layer)?.element(i)?.element(j)
                    edges.append(Edge(from: first[layer] + i, to: first[layer + 1] + j, weight: weight,
                                      label: weightLabels ? weight.map(formatShort) ?? "" : ""))
                }
            }
        }
        let names = sizes.indices.map { layerNames.element($0) ?? Self.defaultLayerName(layer: $0, sizes: sizes) }
        self.init(title: title, nodes: nodes, edges: edges, layerLabels: names)
    }

    /// "inputs", "hidden layer" (numbered when there are several), "output" or "outputs".
    static func defaultLayerName(layer: Int, sizes: [Int]) -> String {
        if layer == 0 { return "inputs" }
        if layer == sizes.count - 1 { return sizes[layer] == 1 ? "output" : "outputs" }
        return sizes.count == 3 ? "hidden layer" : "hidden layer \(layer)"
    }

    static func defaultNeuronName(layer: Int, neuron: Int, sizes: [Int]) -> String {
        let index = sizes[layer] == 1 ? "" : subscriptDigits(neuron + 1)
        if layer == 0 { return "x" + (sizes[layer] == 1 ? "" : index) }
        if layer == sizes.count - 1 { return "ŷ" + index }
        return "h" + index
    }
}

// MARK: Computational graphs

extension LayeredGraph {
    /// The graph that computed `output`: every vertex reachable through `inputs`, each drawn
    /// as `describe` says, with an arrow from each input to what was computed from it.
    ///
    /// A vertex sits one layer right of its deepest input; a vertex computed from nothing (an
    /// input, a weight, a constant) sits just left of the first vertex that uses it, so it
    /// enters the drawing where it enters the computation. A vertex used twice is drawn once.
    ///
    /// - Parameters:
    ///   - output: the value at the right end of the graph.
    ///   - inputs: the vertices a vertex was computed from (micrograd's `_prev`, `Value.parents`).
    ///   - describe: how to draw a vertex: its label and details (the layer is computed).
    public init<Vertex: AnyObject>(
        title: String, computing output: Vertex, inputs: (Vertex) -> [Vertex], describe: (Vertex) -> Node
    ) {
        // Depth-first, inputs before the vertex computed from them: a topological order.
        var order: [Vertex] = []
        var index: [ObjectIdentifier: Int] = [:]
        var stack: [(Vertex, [Vertex], Int)] = [(output, inputs(output), 0)]
        index[ObjectIdentifier(output)] = -1
        while let (vertex, parents, next) = stack.popLast() {
            if next < parents.count {
                stack.append((vertex, parents, next + 1))
                let parent = parents[next]
                if index[ObjectIdentifier(parent)] == nil {
                    index[ObjectIdentifier(parent)] = -1
                    stack.append((parent, inputs(parent), 0))
                }
            } else {
                index[ObjectIdentifier(vertex)] = order.count
                order.append(vertex)
            }
        }
        let parentIndices = order.map { inputs($0).map { index[ObjectIdentifier($0)]! } }
        var layer = Array(repeating: 0, count: order.count)
        for (i, parents) in parentIndices.enumerated() where !parents.isEmpty {
            layer[i] = (parents.map { layer[$0] }.max() ?? 0) + 1
        }
        var users = Array(repeating: [Int](), count: order.count)
        for (i, parents) in parentIndices.enumerated() { for p in Set(parents) { users[p].append(i) } }
        for i in order.indices where parentIndices[i].isEmpty {
            if let firstUse = users[i].map({ layer[$0] }).min() { layer[i] = max(0, firstUse - 1) }
        }
        var nodes = order.map(describe)
        for i in nodes.indices { nodes[i].layer = layer[i] }
        var edges: [Edge] = []
        for (i, parents) in parentIndices.enumerated() {
            for p in parents where !edges.contains(where: { $0.from == p && $0.to == i }) { edges.append(Edge(from: p, to: i)) }
        }
        self.init(title: title, nodes: nodes, edges: edges, arrows: true)
        self = self.orderedToReduceCrossings()
    }

    /// The layers that have nodes, in order, and the indices of their nodes: one column each.
    var layerColumns: (layers: [Int], columns: [[Int]]) {
        let layers = Set(nodes.map(\.layer)).sorted()
        return (layers, layers.map { l in nodes.indices.filter { nodes[$0].layer == l } })
    }

    /// The same graph with each layer's nodes reordered so edges cross less: a few sweeps
    /// that sort a layer by the average position of its neighbours in the layers before
    /// (then after) it. Deterministic; ties keep the previous order.
    func orderedToReduceCrossings(sweeps: Int = 3) -> LayeredGraph {
        var columns = layerColumns.columns
        func positions() -> [Int: Double] {
            var position: [Int: Double] = [:]
            for column in columns {
                for (k, node) in column.enumerated() { position[node] = (Double(k) + 0.5) / Double(column.count) }
            }
            return position
        }
        func sort(_ c: Int, by neighbours: (Int) -> [Int]) {
            let position = positions()
            let keyed = columns[c].enumerated().map { k, node -> (Double, Int, Int) in
                let around = neighbours(node).compactMap { position[$0] }
                return (around.isEmpty ? position[node]! : around.reduce(0, +) / Double(around.count), k, node)
            }
            columns[c] = keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        }
        let before = { (node: Int) in edges.filter { $0.to == node }.map(\.from) }
        let after = { (node: Int) in edges.filter { $0.from == node }.map(\.to) }
        for _ in 0..<sweeps {
            for c in columns.indices.dropFirst() { sort(c, by: before) }
            for c in columns.indices.dropLast().reversed() { sort(c, by: after) }
        }
        let newOrder = columns.flatMap { $0 }
        var newIndex = Array(repeating: 0, count: nodes.count)
        for (new, old) in newOrder.enumerated() { newIndex[old] = new }
        var graph = self
        graph.nodes = newOrder.map { nodes[$0] }
        graph.edges = edges.map { Edge(from: newIndex[$0.from], to: newIndex[$0.to], weight: $0.weight, label: $0.label) }
        return graph
    }
}

// MARK: Layout

/// Where each node of a layered graph goes, in any unit (points for SVG, characters for the
/// terminal): the same rule for both renderers, so the site and the terminal draw one picture.
struct GraphLayout {
    /// Node indices per layer, top to bottom; empty layers are skipped.
    var columns: [[Int]]
    /// The layer of each column.
    var layers: [Int]
    /// Each node's left edge and top edge.
    var left: [Double], top: [Double]
    var widths: [Double], heights: [Double]
    /// Each column's left edge and width.
    var columnLeft: [Double], columnWidth: [Double]
    var width: Double, height: Double

    /// Columns `columnGap` apart, each as wide as its widest node (and boxes as wide as their
    /// column, so a column reads as one); within a column, nodes are spread evenly over the
    /// height of the tallest column, so a layer of one node sits in the middle and a node with
    /// two inputs sits between them. With `whole`, every position is a whole number (the
    /// terminal's character cells).
    init(_ graph: LayeredGraph, widths: [Double], heights: [Double], columnGap: Double, rowGap: Double, whole: Bool = false) {
        (layers, columns) = graph.layerColumns
        let columnWidth = columns.map { column in column.map { widths[$0] }.max() ?? 0 }
        var widths = widths
        for (c, column) in columns.enumerated() {
            for node in column where graph.nodes[node].shape == .box { widths[node] = columnWidth[c] }
        }
        self.widths = widths
        self.heights = heights
        self.columnWidth = columnWidth
        columnLeft = []
        var x = 0.0
        for w in columnWidth {
            columnLeft.append(x)
            x += w + columnGap
        }
        width = max(0, x - columnGap)
        let stacks = columns.map { column in column.map { heights[$0] }.reduce(0, +) + Double(max(0, column.count - 1)) * rowGap }
        height = stacks.max() ?? 0
        left = Array(repeating: 0, count: graph.nodes.count)
        top = Array(repeating: 0, count: graph.nodes.count)
        for (c, column) in columns.enumerated() {
            let extra = (height - stacks[c]) / Double(max(1, column.count))
            var y = extra / 2
            for node in column {
                left[node] = columnLeft[c] + (columnWidth[c] - widths[node]) / 2
                top[node] = y
                if whole {
                    left[node].round(.down)
                    top[node].round(.down)
                }
                y += heights[node] + rowGap + extra
            }
        }
    }

    func centerY(_ node: Int) -> Double { top[node] + heights[node] / 2 }
    /// The middle row of a node drawn in whole character cells (the upper of two).
    func middleRow(_ node: Int) -> Int { Int(top[node]) + (Int(heights[node]) - 1) / 2 }
    func right(_ node: Int) -> Double { left[node] + widths[node] }
}

// MARK: Small helpers

extension Array {
    /// The element at `index`, or nil when the array is too short.
    func element(_ index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A weight or a bias as short as it reads: at most two decimals, no trailing zeros (1, -0.5, 0.83).
func formatShort(_ value: Float) -> String { formatTrimmed(Double(value), decimals: 2) }

/// `n` in subscript digits: 12 → "₁₂".
func subscriptDigits(_ n: Int) -> String {
    let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    return String(String(n).map { $0.wholeNumberValue.map { digits[$0] } ?? $0 })
}
