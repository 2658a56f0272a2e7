import Testing
@testable import Charts
import Neural

/// Layered graphs: network diagrams and computational graphs, their layout, SVG and terminal drawings.
@Suite struct LayeredGraphTests {
    let xor = LayeredGraph(title: "The XOR network", network: [2, 2, 1],
                           weights: [[[1, -1], [1, -1]], [[1], [1]]], biases: [[-0.5, 1.5], [-1.5]])

    /// A vertex of some other autodiff engine: the graph initializer takes any class.
    final class Vertex {
        let name: String, inputs: [Vertex]
        init(_ name: String, _ inputs: [Vertex] = []) { self.name = name; self.inputs = inputs }
    }

    @Test func aNetworkDiagramHasANodePerNeuronAndAWeightedEdgePerConnection() {
        #expect(xor.nodes.map(\.label) == ["x₁", "x₂", "h₁", "h₂", "ŷ"])
        #expect(xor.nodes.map(\.layer) == [0, 0, 1, 1, 2])
        #expect(xor.nodes.map(\.details) == [[], [], ["b = -0.5"], ["b = 1.5"], ["b = -1.5"]])
        #expect(xor.edges.map { "\($0.from)→\($0.to) \($0.label)" } == ["0→2 1", "0→3 -1", "1→2 1", "1→3 -1", "2→4 1", "3→4 1"])
        #expect(xor.edges.map(\.weight) == [1, -1, 1, -1, 1, 1])
        #expect(xor.layerLabels == ["inputs", "hidden layer", "output"])
        let plain = LayeredGraph(title: "Deep", network: [3, 4, 4, 2], weightLabels: false)
        #expect(plain.edges.count == 12 + 16 + 8 && plain.edges.allSatisfy { $0.weight == nil && $0.label.isEmpty })
        #expect(plain.layerLabels == ["inputs", "hidden layer 1", "hidden layer 2", "outputs"])
        #expect(plain.nodes.suffix(2).map(\.label) == ["ŷ₁", "ŷ₂"])
    }

    @Test func aSequentialNetworkIsDrawnFromItsLinearLayers() {
        let model = Sequential(Linear(weight: Tensor([[1, -1], [1, -1]]), bias: Tensor([-0.5, 1.5])), Tanh(),
                               Linear(weight: Tensor([[2], [0.25]]), bias: Tensor([0])))
        let graph = LayeredGraph(title: "Model", network: model, details: [[], [["δ = 0.1"], ["δ = -0.2"]]])
        #expect(graph == LayeredGraph(title: "Model", network: [2, 2, 1], weights: [[[1, -1], [1, -1]], [[2], [0.25]]],
                                      biases: [[-0.5, 1.5], [0]], layerNames: ["inputs", "hidden layer, Tanh", "output"],
                                      details: [[], [["δ = 0.1"], ["δ = -0.2"]]]))
        #expect(graph.nodes[3].details == ["b = 1.5", "δ = -0.2"])
    }

    @Test func aComputationalGraphIsLaidOutByDepthWithInputsWhereTheyEnter() {
        // L = (a·b + c)·k: c enters at the addition, k at the last multiplication.
        let a = Vertex("a"), b = Vertex("b"), c = Vertex("c"), k = Vertex("k")
        let e = Vertex("e", [a, b]), d = Vertex("d", [e, c]), L = Vertex("L", [d, k])
        let graph = LayeredGraph(title: "L", computing: L, inputs: \.inputs) { .init(label: $0.name) }
        #expect(graph.nodes.map { "\($0.label)\($0.layer)" } == ["a0", "b0", "e1", "c1", "d2", "k2", "L3"])
        #expect(graph.edges.map { "\(graph.nodes[$0.from].label)→\(graph.nodes[$0.to].label)" } == ["a→e", "b→e", "e→d", "c→d", "d→L", "k→L"])
        #expect(graph.arrows)
        // A vertex used twice is one node with two edges out.
        let x = Vertex("x"), square = Vertex("x·x", [x, x]), twice = Vertex("sum", [square, x])
        let shared = LayeredGraph(title: "x", computing: twice, inputs: \.inputs) { .init(label: $0.name) }
        #expect(shared.nodes.map(\.label) == ["x", "x·x", "sum"])
        #expect(shared.edges.map { "\($0.from)→\($0.to)" } == ["0→1", "1→2", "0→2"])
    }

    @Test func theGraphOfAValueShowsOperationsDataAndGradients() {
        let a = Value(2, label: "a"), b = Value(-3, label: "b")
        let c = a * b + 1
        c.label = "c"
        c.backward()
        let graph = LayeredGraph(title: "c", graphOf: c)
        #expect(graph.nodes.map(\.label) == ["a", "b", "×", "1.0000", "c (+)"])
        #expect(graph.nodes.map(\.details) == [
            ["data 2.0000", "grad -3.0000"], ["data -3.0000", "grad 2.0000"], ["data -6.0000", "grad 1.0000"],
            ["data 1.0000", "grad 1.0000"], ["data -5.0000", "grad 1.0000"],
        ])
        #expect(LayeredGraph(title: "c", graphOf: c, gradients: false).nodes[0].details == ["data 2.0000"])
    }

    @Test func aWideDiagramScrollsRatherThanShrinksOnAPhone() throws {
        let x1 = Value(1.5, label: "x1"), w1 = Value(0.8, label: "w1"), x2 = Value(-0.5, label: "x2"), w2 = Value(-1.2, label: "w2")
        let neuron = (x1 * w1 + x2 * w2 + Value(0.1, label: "b")).tanh()
        let wide = try ChartPayload.svg(LayeredGraph(title: "Neuron", graphOf: neuron).anyChart.payload())
        #expect(wide.contains(#"width="698" height="346" viewBox="0 0 698 346" style="min-width: 489px""#))
        #expect(!(try ChartPayload.svg(xor.anyChart.payload())).contains("min-width"))
    }

    @Test func everyNodeIsPlacedInsideTheDrawingWithoutOverlaps() {
        let graph = LayeredGraph(title: "Deep", network: [3, 5, 2, 1])
        let layout = GraphLayout(graph, widths: [Double](repeating: 10, count: 11), heights: [Double](repeating: 4, count: 11),
                                 columnGap: 6, rowGap: 1, whole: true)
        #expect((layout.width, layout.height) == (58, 24))
        #expect(layout.left == [0, 0, 0, 16, 16, 16, 16, 16, 32, 32, 48])
        // Spread over the tallest column's height, rounded down to whole cells.
        #expect(layout.top == [1, 10, 18, 0, 5, 10, 15, 20, 3, 16, 10])
    }

    @Test func svgOfASmallNetwork() throws {
        let tiny = LayeredGraph(title: "OR", network: [2, 1], weights: [[[1], [-1]]], biases: [[-0.5]])
        #expect(try ChartPayload.svg(tiny.anyChart.payload()) == #"""
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="chart-47e55c6b-title" aria-describedby="chart-47e55c6b-desc" width="265.6" height="178" viewBox="0 0 265.6 178" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" fill="currentColor">
        <title id="chart-47e55c6b-title">OR</title>
        <desc id="chart-47e55c6b-desc">Diagram in 2 layers, left to right. Inputs: x₁; x₂. Output: ŷ (b = -0.5). Connections: x₁ → ŷ (1), x₂ → ŷ (-1).</desc>
        <text x="132.8" y="22" text-anchor="middle" font-size="15" font-weight="600">OR</text>
        <g class="edges" fill="none">
        <line x1="58.8" y1="63" x2="197.8" y2="83.5" stroke="var(--chart-4, #d62728)" stroke-opacity="0.85" stroke-width="4.2"><title>x₁ → ŷ: 1</title></line>
        <line x1="58.8" y1="123" x2="197.8" y2="83.5" stroke="var(--chart-1, #1f77b4)" stroke-opacity="0.85" stroke-width="4.2"><title>x₂ → ŷ: -1</title></line>
        </g>
        <g class="edge-labels" font-size="11.5">
        <rect x="94.2" y="61.2" width="12.6" height="16" rx="3" fill="var(--bg, none)"/>
        <text x="100.5" y="73.2" text-anchor="middle">1</text>
        <rect x="90.9" y="103.2" width="19.2" height="16" rx="3" fill="var(--bg, none)"/>
        <text x="100.5" y="115.2" text-anchor="middle">-1</text>
        </g>
        <g class="nodes">
        <g class="node"><title>x₁</title>
        <circle cx="39.8" cy="63" r="19" fill="var(--bg, none)"/>
        <circle cx="39.8" cy="63" r="19" fill="var(--chart-1, #1f77b4)" fill-opacity="0.1" stroke="var(--chart-1, #1f77b4)" stroke-width="1.6"/>
        <text x="39.8" y="68" text-anchor="middle" font-size="14" font-weight="600">x₁</text>
        </g>
        <g class="node"><title>x₂</title>
        <circle cx="39.8" cy="123" r="19" fill="var(--bg, none)"/>
        <circle cx="39.8" cy="123" r="19" fill="var(--chart-1, #1f77b4)" fill-opacity="0.1" stroke="var(--chart-1, #1f77b4)" stroke-width="1.6"/>
        <text x="39.8" y="128" text-anchor="middle" font-size="14" font-weight="600">x₂</text>
        </g>
        <g class="node"><title>ŷ, b = -0.5</title>
        <circle cx="216.8" cy="83.5" r="19" fill="var(--bg, none)"/>
        <circle cx="216.8" cy="83.5" r="19" fill="currentColor" fill-opacity="0.1" stroke="currentColor" stroke-width="1.6"/>
        <text x="216.8" y="88.5" text-anchor="middle" font-size="14" font-weight="600">ŷ</text>
        <text x="216.8" y="117.5" text-anchor="middle" font-size="12">b = -0.5</text>
        </g>
        </g>
        <g class="layer-labels" text-anchor="middle" fill-opacity="0.8">
        <text x="39.8" y="166">inputs</text>
        <text x="216.8" y="166">output</text>
        </g>
        </svg>
        """#)
    }

    @Test func terminalNetworkDiagram() throws {
        #expect(try ChartPayload.terminal(xor.anyChart.payload(), width: 60, color: false) == #"""
        The XOR network
        ╭────╮               ╭──────────╮
        │ x₁ │⠲⢖⠒⠒1⠒⠒⠒⠒⠒⠒⠒⠒⡲⠖│    h₁    │⠒⠤⠤⣀⣀
        ╰────╯  ⠉⠢⣀     ⣀⠔⠉  │ b = -0.5 │    1⠉⠑⠒⠢⠤⣀⣀   ╭──────────╮
                  -1⠢⣀⠔⠊     ╰──────────╯           ⢀⣉⠭⠒│    ŷ     │
                  ⣀⠔⠊ ⠑⠢⣀                       ⣀⠤⠔⠊⠁   │ b = -1.5 │
        ╭────╮ ⢀⠤⠊1      ⠑⠤⡀ ╭──────────╮  ⣀⡠1⠊⠉        ╰──────────╯
        │ x₂ │⠚⠓⠒⠒-1⠒⠒⠒⠒⠒⠒⠒⠚⠓│    h₂    │⠒⠉
        ╰────╯               │ b = 1.5  │
                             ╰──────────╯
        inputs               hidden layer                  output

        """#)
    }

    @Test func terminalCaptionsMayReachPastTheDrawing() throws {
        let perceptron = LayeredGraph(title: "A perceptron", network: [2, 1], weights: [[[0.6], [0.4]]], biases: [[-0.5]],
                                      layerNames: ["inputs", "1 if the sum > 0"])
        // The output's caption is wider than its column: it runs on towards the width instead of being cut.
        #expect(try ChartPayload.terminal(perceptron.anyChart.payload(), width: 40, color: false) == #"""
        A perceptron
        ╭────╮
        │ x₁ │⠒⠒⠤0.6⣀⣀⣀⣀      ╭──────────╮
        ╰────╯          ⠉⠉⢉⣉⠶⠒│    ŷ     │
                     ⢀⡠⠤⠒⠉⠁   │ b = -0.5 │
        ╭────╮  ⣀0.4⠉⠁        ╰──────────╯
        │ x₂ │⠒⠉
        ╰────╯
        inputs              1 if the sum > 0

        """#)
    }

    @Test func terminalComputationalGraph() throws {
        let a = Value(2, label: "a"), b = Value(-3, label: "b"), c = Value(10, label: "c"), k = Value(-2, label: "k")
        let e = a * b; e.label = "e"
        let d = e + c; d.label = "d"
        let L = d * k; L.label = "L"
        L.backward()
        #expect(try ChartPayload.terminal(LayeredGraph(title: "L = (a·b + c)·k", graphOf: L).anyChart.payload(), width: 78, color: false) == #"""
        L = (a·b + c)·k
        ┌──────────────┐    ┌──────────────┐    ┌──────────────┐
        │      a       │    │    e (×)     │    │    d (+)     │
        │ data 2.0000  │⠒⠒⢲▶│ data -6.0000 │⠒⠒⢲▶│ data 4.0000  │⢆
        │ grad 6.0000  │  ⡇ │ grad -2.0000 │  ⡇ │ grad -2.0000 │⠈⢆  ┌──────────────┐
        └──────────────┘ ⢰⠁ └──────────────┘ ⢰⠁ └──────────────┘ ⠘⡄ │    L (×)     │
                         ⡜                   ⡜                    ⡸▶│ data -8.0000 │
        ┌──────────────┐⢠⠃  ┌──────────────┐⢠⠃  ┌──────────────┐ ⢰⠁ │ grad 1.0000  │
        │      b       │⡸   │      c       │⡸   │      k       │⢠⠃  └──────────────┘
        │ data -3.0000 │⠃   │ data 10.0000 │⠃   │ data -2.0000 │⠃
        │ grad -4.0000 │    │ grad -2.0000 │    │ grad 4.0000  │
        └──────────────┘    └──────────────┘    └──────────────┘

        """#)
        // Too narrow for the columns: a list, layer by layer, of each node and where it comes from.
        #expect(try ChartPayload.terminal(LayeredGraph(title: "L = (a·b + c)·k", graphOf: L).anyChart.payload(), width: 40, color: false) == #"""
        L = (a·b + c)·k
        layer 1:
          a (data 2.0000, grad 6.0000)
          b (data -3.0000, grad -4.0000)
        layer 2:
          e (×) (data -6.0000, grad -2.0000)
            ← a, b
          c (data 10.0000, grad -2.0000)
        layer 3:
          d (+) (data 4.0000, grad -2.0000)
            ← e (×), c
          k (data -2.0000, grad 4.0000)
        layer 4:
          L (×) (data -8.0000, grad 1.0000)
            ← d (+), k

        """#)
    }
}
