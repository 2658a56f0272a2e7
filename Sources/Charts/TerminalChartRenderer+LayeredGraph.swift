/// A layered graph in the terminal: each node a box of box-drawing characters (rounded for a
/// neuron) holding its label and details, edges as braille lines between the boxes (colored
/// by the weight's sign and doubled for the larger weights when there is color), arrowheads,
/// weights written on their edges where there is room (the rest listed below), and the
/// layers' captions. When the columns cannot fit the width, the graph is written as a list.
extension TerminalChartRenderer {
    func layeredGraph(_ c: LayeredGraph) -> [String] {
        for padding in [1, 0] {
            // Every node of a column as wide as the column's widest: boxes in a column line up.
            let own = c.nodes.map { max($0.label.count, $0.details.map(\.count).max() ?? 0) + 2 + 2 * padding }
            var widest: [Int: Int] = [:]
            for (node, width) in zip(c.nodes, own) { widest[node.layer] = max(widest[node.layer] ?? 0, width) }
            let widths = c.nodes.map { Double(widest[$0.layer]!) }
            let heights = c.nodes.map { Double($0.details.count + 3) }
            // Without gaps, the columns take the sum of their widths.
            let layers = widest.count
            let columnsWidth = Double(widest.values.reduce(0, +))
            let free = Double(width) - columnsWidth
            let gap = layers > 1 ? (free / Double(layers - 1)).rounded(.down) : 0
            guard layers <= 1 || gap >= 2 else { continue }
            let maximumGap = c.edges.contains { !$0.label.isEmpty } ? 16.0 : 10
            let layout = GraphLayout(c, widths: widths, heights: heights, columnGap: min(gap, maximumGap), rowGap: 1, whole: true)
            return drawnGraph(c, layout: layout)
        }
        return listedGraph(c)
    }

    private func drawnGraph(_ c: LayeredGraph, layout: GraphLayout) -> [String] {
        let captions = c.layerLabels
        let columns = Int(layout.width), rows = Int(layout.height)
        var grid = CellGrid(columns: columns, rows: rows)
        var braille = Braille(columns: columns, rows: rows)
        var heavy = Braille(columns: columns, rows: rows)
        var taken = Array(repeating: false, count: columns * rows)
        for i in c.nodes.indices {
            for r in Int(layout.top[i])..<Int(layout.top[i] + layout.heights[i]) {
                for k in Int(layout.left[i])..<Int(layout.right(i)) { taken[r * columns + k] = true }
            }
        }
        let biggest = c.edges.compactMap { $0.weight.map { abs($0) } }.max() ?? 0
        var arrowheads: [(Int, Int)] = []
        var placed: [(row: Int, column: Int, text: String, color: Int?)] = []
        var unplaced: [String] = []
        for edge in c.edges {
            let fromRow = layout.middleRow(edge.from), toRow = layout.middleRow(edge.to)
            let startColumn = Int(layout.right(edge.from)), endColumn = Int(layout.left[edge.to]) - (c.arrows ? 1 : 0)
            let start = (Double(startColumn * 2), Double(fromRow * 4 + 1)), end = (Double(endColumn * 2 - 1), Double(toRow * 4 + 1))
            let sign = edge.weight.map { $0 < 0 ? 0 : 3 }
            let strength = biggest > 0 ? abs(edge.weight ?? 0) / biggest : 0
            braille.line(from: start, to: end, color: sign)
            if color && strength >= 0.5 { heavy.line(from: (start.0, start.1 + 1), to: (end.0, end.1 + 1), color: sign) }
            if c.arrows { arrowheads.append((toRow, endColumn)) }
            guard !edge.label.isEmpty else { continue }
            // On the edge near its start, where the room is, unless another label or a box is there.
            let text = Array(edge.label)
            let t = 0.3
            let row = Int((Double(fromRow) + t * Double(toRow - fromRow)).rounded())
            let center = Double(startColumn) + t * Double(endColumn - startColumn)
            let first = Int((center - Double(text.count) / 2).rounded())
            let span = (first - 1)...(first + text.count)
            let free = first >= 0 && first + text.count <= columns && span.allSatisfy { k in
                !(0..<columns).contains(k) || (!taken[row * columns + k])
            }
            if free {
                for k in span where (0..<columns).contains(k) { taken[row * columns + k] = true }
                placed.append((row, first, edge.label, sign.map { Self.palette[$0] }))
            } else {
                unplaced.append("\(c.nodes[edge.from].label)→\(c.nodes[edge.to].label) \(edge.label)")
            }
        }
        braille.draw(into: &grid, palette: Self.palette)
        // A heavy edge's cells hold its dots and the thin lines' dots, in the heavy edge's color.
        for index in heavy.masks.indices where heavy.masks[index] != 0 { heavy.masks[index] |= braille.masks[index] }
        heavy.draw(into: &grid, palette: Self.palette)
        for (row, column) in arrowheads { grid[row, column] = Cell("▶", fg: nil) }
        for label in placed {
            for (k, character) in label.text.enumerated() { grid[label.row, label.column + k] = Cell(character, fg: color ? label.color : nil) }
        }
        for (i, node) in c.nodes.enumerated() {
            drawBox(node, into: &grid, left: Int(layout.left[i]), top: Int(layout.top[i]), width: Int(layout.widths[i]))
        }

        var lines = [titleLine(c.title)]
        lines += (0..<rows).map { grid.line($0, color: color) }
        if !captions.isEmpty {
            // Captions may reach past the drawing, up to the width.
            let room = max(columns, width)
            var line = Array(repeating: Character(" "), count: room)
            var free = 0
            for k in layout.columns.indices {
                guard let caption = captions.element(layout.layers[k]) else { continue }
                // As wide as the column and the gap after it (the room up to the edge, for the last).
                let next = k + 1 < layout.columns.count ? layout.columnLeft[k + 1] : Double(room) + 1
                let text = Array(caption.prefix(max(1, Int(next - layout.columnLeft[k]) - 1)))
                let start = min(room - text.count, max(free, Int(layout.columnLeft[k] + (layout.columnWidth[k] - Double(text.count)) / 2)))
                guard start >= free, start >= 0 else { continue }
                line.replaceSubrange(start..<(start + text.count), with: text)
                free = start + text.count + 1
            }
            lines.append(String(line).trimmingTrailingSpaces())
        }
        if !unplaced.isEmpty { lines += wrappedList("weights: ", unplaced) }
        return lines
    }

    /// A node's box: rounded corners for a neuron, square for a value; label, then details.
    private func drawBox(_ node: LayeredGraph.Node, into grid: inout CellGrid, left: Int, top: Int, width: Int) {
        let outline = node.color.map { Self.palette[$0 % Self.palette.count] }
        let corners: [Character] = node.shape == .circle ? ["╭", "╮", "╰", "╯"] : ["┌", "┐", "└", "┘"]
        let inner = width - 2
        func put(_ row: Int, _ text: [Character], fg: Int?) {
            for (k, character) in text.enumerated() { grid[top + row, left + k] = Cell(character, fg: fg) }
        }
        put(0, [corners[0]] + Array(repeating: "─", count: inner) + [corners[1]], fg: outline)
        let detailWidth = node.details.map(\.count).max() ?? 0
        for (r, text) in ([node.label] + node.details).enumerated() {
            let characters = Array(text.prefix(inner))
            // The label centered; the details left-aligned as a block, so their numbers line up.
            let before = r == 0 ? (inner - characters.count) / 2 : max(0, (inner - detailWidth) / 2)
            put(r + 1, Array(repeating: " ", count: inner + 2), fg: nil)
            for (k, character) in characters.enumerated() { grid[top + r + 1, left + 1 + before + k] = Cell(character) }
            grid[top + r + 1, left] = Cell("│", fg: outline)
            grid[top + r + 1, left + width - 1] = Cell("│", fg: outline)
        }
        put(node.details.count + 2, [corners[2]] + Array(repeating: "─", count: inner) + [corners[3]], fg: outline)
    }

    /// The graph as text, layer by layer, when its columns do not fit: each node with its
    /// details and the nodes it comes from.
    private func listedGraph(_ c: LayeredGraph) -> [String] {
        var lines = [titleLine(c.title)]
        for layer in c.layerColumns.layers {
            lines.append((c.layerLabels.element(layer) ?? "layer \(layer + 1)") + ":")
            for (i, node) in c.nodes.enumerated() where node.layer == layer {
                let details = node.details.isEmpty ? "" : " (" + node.details.joined(separator: ", ") + ")"
                let sources = c.edges.filter { $0.to == i }.map { c.nodes[$0.from].label + ($0.label.isEmpty ? "" : " " + $0.label) }
                let line = "  " + node.label + details
                let from = sources.isEmpty ? "" : " ← " + sources.joined(separator: ", ")
                if line.count + from.count <= width {
                    lines.append(line + from)
                } else {
                    lines.append(line)
                    lines += wrappedList("    ← ", sources)
                }
            }
        }
        return lines
    }

    /// `prefix` then the items, comma-separated, wrapped to the width with an indent.
    private func wrappedList(_ prefix: String, _ items: [String]) -> [String] {
        var lines: [String] = []
        var line = prefix
        for (k, item) in items.enumerated() {
            let piece = item + (k < items.count - 1 ? "," : "")
            if line.count + 1 + piece.count > width && line.count > prefix.count {
                lines.append(line)
                line = String(repeating: " ", count: min(prefix.count, 4)) + piece
            } else {
                line += (line.count > prefix.count ? " " : "") + piece
            }
        }
        lines.append(line)
        return lines
    }
}
