/// A layered graph as SVG: circles (neurons) or rounded boxes (values) in columns, edges as
/// lines (networks) or curves with arrowheads (computational graphs), weights by thickness
/// and color, captions under the layers. Node fills take the page's background (`--bg`) so
/// edges pass behind them; the description lists every node and connection for screen readers.
extension SVGRenderer {
    static let labelCharacterWidth = 8.2   // at 14 px, a little wide: labels must not touch their outline
    static let detailCharacterWidth = 7.0  // at 12 px
    static let detailLineHeight = 15.0

    /// The radius of a neuron's circle.
    func radius(_ node: LayeredGraph.Node) -> Double {
        max(19, Double(node.label.count) * Self.labelCharacterWidth / 2 + 7)
    }

    func detailsWidth(_ node: LayeredGraph.Node) -> Double {
        (node.details.map { Double($0.count) }.max() ?? 0) * Self.detailCharacterWidth
    }

    func size(_ node: LayeredGraph.Node) -> (width: Double, height: Double) {
        let lines = Double(node.details.count) * Self.detailLineHeight
        switch node.shape {
        case .circle:
            let r = radius(node)
            return (max(2 * r, detailsWidth(node)), 2 * r + (lines > 0 ? lines + 4 : 0))
        case .box:
            return (max(Double(node.label.count) * Self.labelCharacterWidth, detailsWidth(node)) + 18, 24 + lines + 6)
        }
    }

    /// Where an edge leaves or reaches a node: the circle's side, or the box's side, at the
    /// height of the circle's center or the box's middle.
    func anchor(_ layout: GraphLayout, _ node: LayeredGraph.Node, _ index: Int, right: Bool) -> (Double, Double) {
        switch node.shape {
        case .circle:
            let r = radius(node), cx = layout.left[index] + layout.widths[index] / 2
            return (cx + (right ? r : -r), layout.top[index] + r)
        case .box:
            return (right ? layout.right(index) : layout.left[index], layout.centerY(index))
        }
    }

    func layeredGraph(_ c: LayeredGraph) -> String {
        let sizes = c.nodes.map(size)
        let labelled = c.edges.contains { !$0.label.isEmpty }
        let circles = c.nodes.allSatisfy { $0.shape == .circle }
        let layout = GraphLayout(c, widths: sizes.map(\.width), heights: sizes.map(\.height),
                                 columnGap: labelled ? 130 : circles ? 96 : 44, rowGap: circles ? 22 : 16)
        let top = 44.0
        let captions = !c.layerLabels.isEmpty
        // Room for the captions of the first and last layers, which may be wider than their column.
        func overhang(_ k: Int?) -> Double {
            guard let k, let caption = c.layerLabels.element(layout.layers[k]) else { return 0 }
            return max(0, Double(caption.count) * Self.characterWidth / 2 - layout.columnWidth[k] / 2)
        }
        let margin = 20 + max(overhang(layout.columns.indices.first), overhang(layout.columns.indices.last))
        let width = max(layout.width + 2 * margin, Double(c.title.count) * 8.5 + 40)
        let height = top + layout.height + (captions ? 36 : 14)
        let dx = (width - layout.width) / 2
        let biggest = c.edges.compactMap { $0.weight.map { abs(Double($0)) } }.max() ?? 0

        // A diagram's text is dense: on a phone it scrolls sideways rather than shrink below 70%.
        var out = header(title: c.title, description: graphDescription(c, layout: layout), width: width, height: height,
                         minimumWidth: width > 480 ? (width * 0.7).rounded() : nil)
        if c.arrows {
            out.append(#"<defs><marker id="\#(id)-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,1 L10,5 L0,9 z" fill-opacity="0.75"/></marker></defs>"#)
        }
        out.append(#"<g class="edges" fill="none">"#)
        var labels: [String] = []
        for edge in c.edges {
            let a = anchor(layout, c.nodes[edge.from], edge.from, right: true)
            let b = anchor(layout, c.nodes[edge.to], edge.to, right: false)
            let (x1, y1, x2, y2) = (a.0 + dx, a.1 + top, b.0 + dx - (c.arrows ? 2 : 0), b.1 + top)
            var stroke = #"stroke="currentColor" stroke-opacity="0.55" stroke-width="1.3""#
            if let weight = edge.weight {
                let strength = biggest > 0 ? abs(Double(weight)) / biggest : 0
                stroke = #"stroke="\#(Self.color(weight < 0 ? 0 : 3))" stroke-opacity="0.85" stroke-width="\#(n(0.8 + 3.4 * strength))""#
            }
            let marker = c.arrows ? #" marker-end="url(#\#(id)-arrow)""# : ""
            let title = "<title>\(escape(c.nodes[edge.from].label)) → \(escape(c.nodes[edge.to].label))\(edge.label.isEmpty ? "" : ": " + escape(edge.label))</title>"
            if c.arrows {
                let bend = max(16, (x2 - x1) / 2)
                out.append(#"<path d="M\#(n(x1)),\#(n(y1)) C\#(n(x1 + bend)),\#(n(y1)) \#(n(x2 - bend)),\#(n(y2)) \#(n(x2)),\#(n(y2))" \#(stroke)\#(marker)>\#(title)</path>"#)
            } else {
                out.append(#"<line x1="\#(n(x1))" y1="\#(n(y1))" x2="\#(n(x2))" y2="\#(n(y2))" \#(stroke)\#(marker)>\#(title)</line>"#)
            }
            if !edge.label.isEmpty {
                // Near the start, where edges from one node fan out and edges from different nodes are apart.
                let t = 0.3, x = x1 + t * (x2 - x1), y = y1 + t * (y2 - y1)
                let w = Double(edge.label.count) * 6.6 + 6
                labels.append(#"<rect x="\#(n(x - w / 2))" y="\#(n(y - 8))" width="\#(n(w))" height="16" rx="3" fill="var(--bg, none)"/>"#)
                labels.append(#"<text x="\#(n(x))" y="\#(n(y + 4))" text-anchor="middle">\#(escape(edge.label))</text>"#)
            }
        }
        out.append("</g>")
        if !labels.isEmpty {
            // On a patch of the page's color, so a label stays readable where it sits on an edge.
            out.append(#"<g class="edge-labels" font-size="11.5">"#)
            out += labels
            out.append("</g>")
        }
        out.append(#"<g class="nodes">"#)
        for (i, node) in c.nodes.enumerated() {
            let x = layout.left[i] + dx, y = layout.top[i] + top, w = layout.widths[i]
            let outline = node.color.map(Self.color) ?? "currentColor"
            let tooltip = "<title>\(escape(([node.label] + node.details).joined(separator: ", ")))</title>"
            out.append(#"<g class="node">\#(tooltip)"#)
            var detailTop: Double
            switch node.shape {
            case .circle:
                let r = radius(node), cx = x + w / 2, cy = y + r
                out.append(#"<circle cx="\#(n(cx))" cy="\#(n(cy))" r="\#(n(r))" fill="var(--bg, none)"/>"#)
                out.append(#"<circle cx="\#(n(cx))" cy="\#(n(cy))" r="\#(n(r))" fill="\#(outline)" fill-opacity="0.1" stroke="\#(outline)" stroke-width="1.6"/>"#)
                out.append(#"<text x="\#(n(cx))" y="\#(n(cy + 5))" text-anchor="middle" font-size="14" font-weight="600">\#(escape(node.label))</text>"#)
                detailTop = y + 2 * r + 4
            case .box:
                let h = layout.heights[i]
                out.append(#"<rect x="\#(n(x))" y="\#(n(y))" width="\#(n(w))" height="\#(n(h))" rx="6" fill="var(--bg, none)"/>"#)
                out.append(#"<rect x="\#(n(x))" y="\#(n(y))" width="\#(n(w))" height="\#(n(h))" rx="6" fill="\#(outline)" fill-opacity="0.08" stroke="\#(outline)" stroke-width="1.4"/>"#)
                out.append(#"<text x="\#(n(x + w / 2))" y="\#(n(y + 18))" text-anchor="middle" font-size="14" font-weight="600">\#(escape(node.label))</text>"#)
                detailTop = y + 24
            }
            for line in node.details {
                out.append(#"<text x="\#(n(x + w / 2))" y="\#(n(detailTop + 11))" text-anchor="middle" font-size="12">\#(escape(line))</text>"#)
                detailTop += Self.detailLineHeight
            }
            out.append("</g>")
        }
        out.append("</g>")
        if captions {
            out.append(#"<g class="layer-labels" text-anchor="middle" fill-opacity="0.8">"#)
            for k in layout.columns.indices {
                guard let caption = c.layerLabels.element(layout.layers[k]) else { continue }
                out.append(#"<text x="\#(n(dx + layout.columnLeft[k] + layout.columnWidth[k] / 2))" y="\#(n(top + layout.height + 24))">\#(escape(caption))</text>"#)
            }
            out.append("</g>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// The diagram in words: each layer with its nodes and their details, then the connections.
    func graphDescription(_ c: LayeredGraph, layout: GraphLayout) -> String {
        var parts = ["Diagram in \(layout.columns.count) layer\(layout.columns.count == 1 ? "" : "s"), left to right."]
        for (k, column) in layout.columns.enumerated() {
            let name = c.layerLabels.element(layout.layers[k]).map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "Layer \(k + 1)"
            let nodes = column.map { i in
                c.nodes[i].label + (c.nodes[i].details.isEmpty ? "" : " (" + c.nodes[i].details.joined(separator: ", ") + ")")
            }
            parts.append("\(name): \(nodes.joined(separator: "; ")).")
        }
        let shown = c.edges.prefix(60).map { edge in
            "\(c.nodes[edge.from].label) → \(c.nodes[edge.to].label)" + (edge.label.isEmpty ? "" : " (\(edge.label))")
        }
        if !shown.isEmpty {
            parts.append("Connections: " + shown.joined(separator: ", ") + (c.edges.count > shown.count ? ", and \(c.edges.count - shown.count) more." : "."))
        }
        return parts.joined(separator: " ")
    }
}
