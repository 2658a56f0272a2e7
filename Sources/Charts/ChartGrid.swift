/// Small multiples: charts side by side in a grid, read by comparing one panel with the next,
/// such as a classifier's decision boundary with 1, 4 and 16 hidden units, or after 1, 10, 50
/// and 200 epochs.
///
/// ```swift
/// show(ChartGrid(title: "Hidden units", charts: [oneUnit, fourUnits, sixteenUnits]))
/// ```
///
/// Each panel is drawn as it would be alone, only smaller: on the site as SVG panels of one
/// drawing, in the terminal as columns of text.
public struct ChartGrid: Chart, Hashable {
    public var title: String
    /// The panels, row by row.
    public var charts: [AnyChart]
    /// Panels per row.
    public var columns: Int

    /// - Parameters:
    ///   - title: what the grid compares, shown above the panels.
    ///   - columns: panels per row (default: two for four panels, else up to three).
    ///   - charts: the panels, row by row; each keeps its own title, which names what differs.
    public init(title: String, columns: Int? = nil, charts: [any Chart]) {
        self.title = title
        self.charts = charts.map(\.anyChart)
        self.columns = max(1, columns ?? (charts.count == 4 ? 2 : min(3, max(1, charts.count))))
    }

    public var anyChart: AnyChart { .grid(self) }

    /// The palette index of each line's name, in order of first appearance across the panels, so
    /// a name keeps one color in every panel: lesson 8's validation loss, alone in a panel of its
    /// own, stays the color it has beside the training loss in the panel before.
    var seriesColors: [String: Int] {
        var colors: [String: Int] = [:]
        for chart in charts {
            let names: [String]
            switch chart {
            case .line(let c): names = c.series.map(\.name)
            case .function(let c): names = c.series.map(\.name)
            default: names = []
            }
            for name in names where colors[name] == nil { colors[name] = colors.count }
        }
        return colors
    }

    /// The rows of panels, as indices into `charts`.
    var rows: [Range<Int>] {
        stride(from: 0, to: charts.count, by: columns).map { $0..<min(charts.count, $0 + columns) }
    }
}

// MARK: SVG

extension SVGRenderer {
    /// The panels as groups of one drawing: each panel is the chart's own SVG, drawn at the
    /// panel's size (charts on x and y axes) or scaled to fit it (heat maps, image grids).
    func chartGrid(_ c: ChartGrid) -> String {
        let width = max(Self.width, Double(c.columns) * 260)
        let panelWidth = width / Double(c.columns)
        let aspect = c.charts.map(Self.panelAspect).max() ?? 0.75
        let panelHeight = (panelWidth * aspect).rounded()
        let top = 36.0
        let height = top + Double(c.rows.count) * panelHeight + 4
        let colors = c.seriesColors
        let titles = c.charts.map(\.title)
        let description = "\(c.charts.count) charts side by side, \(c.columns) per row: \(titles.joined(separator: "; "))."
        var out = header(title: c.title, description: description, width: width, height: height)
        for (row, panels) in c.rows.enumerated() {
            for (column, index) in panels.enumerated() {
                let panel = SVGRenderer(chart: c.charts[index], id: "\(id)-\(index + 1)", canvasWidth: panelWidth, canvasHeight: panelHeight,
                                        seriesColors: colors)
                let (size, body) = Self.opened(panel.render())
                let scale = min(1, panelWidth / size.width, panelHeight / size.height)
                let x = Double(column) * panelWidth + (panelWidth - size.width * scale) / 2
                let y = top + Double(row) * panelHeight + (panelHeight - size.height * scale) / 2
                out.append(#"<g class="panel" transform="translate(\#(n(x)) \#(n(y)))\#(scale < 1 ? " scale(\(n(scale, digits: 4)))" : "")">"#)
                out += body
                out.append("</g>")
            }
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// Height over width of a panel showing `chart`: square-ish for points in the plane, wide
    /// for curves, and for the rest (drawn at their own size and scaled) a wide default.
    static func panelAspect(_ chart: AnyChart) -> Double {
        switch chart {
        case .scatter, .decisionBoundary: 1.0
        case .grid: 1.0
        default: 0.75
        }
    }

    /// A drawing's size (its `viewBox`) and its elements without the `<svg>` element around them.
    static func opened(_ svg: String) -> (size: (width: Double, height: Double), body: [String]) {
        var lines = svg.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let opening = lines.removeFirst()
        if lines.last == "</svg>" { lines.removeLast() }
        var size = (width: width, height: height)
        // Attribute names and values alternate between the quotes: ... viewBox="0 0 W H" ...
        let pieces = opening.split(separator: "\"", omittingEmptySubsequences: false)
        if let name = pieces.firstIndex(where: { $0.hasSuffix(" viewBox=") }), name + 1 < pieces.count {
            let numbers = pieces[name + 1].split(separator: " ").compactMap { Double(String($0)) }
            if numbers.count == 4, numbers[2] > 0, numbers[3] > 0 { size = (numbers[2], numbers[3]) }
        }
        return (size, lines)
    }
}

// MARK: Terminal

extension TerminalChartRenderer {
    /// The panels in columns of text, as many per row as fit the width (at least 24 columns
    /// each), each drawn by its own renderer at the column's width; a closing line too wide
    /// for a column that every panel of a row has, once under the row.
    func chartGrid(_ c: ChartGrid) -> [String] {
        let gap = 3
        let columns = max(1, min(c.columns, (width + gap) / (24 + gap)))
        let panelWidth = max(8, (width - gap * (columns - 1)) / columns)
        var lines = [titleLine(c.title)]
        let colors = c.seriesColors
        for start in stride(from: 0, to: c.charts.count, by: columns) {
            var panels = c.charts[start..<min(c.charts.count, start + columns)].map { chart in
                TerminalChartRenderer(chart: chart, width: panelWidth, color: color, seriesColors: colors).render()
                    .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            }
            // A closing line too wide for a panel (a decision boundary's key to its shading) that
            // every panel of the row ends with is printed once, under the row.
            var shared: [String] = []
            while panels.count > 1, let last = panels[0].last, Self.visibleWidth(last) > panelWidth,
                  panels.allSatisfy({ $0.count > 1 && $0.last == last }) {
                shared.insert(last, at: 0)
                for index in panels.indices { panels[index].removeLast() }
            }
            // A panel's line may be wider than asked (a legend, a long label): its column widens.
            let widths = panels.map { panel in max(panelWidth, panel.map(Self.visibleWidth).max() ?? 0) }
            lines.append("")
            for line in 0..<(panels.map(\.count).max() ?? 0) {
                let cells = panels.enumerated().map { column, panel -> String in
                    let text = line < panel.count ? panel[line] : ""
                    let isLast = column == panels.count - 1
                    return isLast ? text : text + String(repeating: " ", count: widths[column] - Self.visibleWidth(text) + gap)
                }
                lines.append(cells.joined().trimmingTrailingSpaces())
            }
            lines += shared
        }
        return lines
    }

    /// The columns `text` takes on a terminal: its characters, without ANSI escape sequences.
    static func visibleWidth(_ text: String) -> Int {
        var count = 0, inEscape = false
        for character in text {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }
}
