/// Draws a chart as inline, accessible SVG: `role="img"` with a `<title>` and `<desc>`,
/// axis labels, colors from CSS custom properties (with fallbacks) and `currentColor` for
/// axes and text, so the chart reads in light and dark themes. Nothing is loaded from elsewhere.
struct SVGRenderer {
    let chart: AnyChart
    /// Prefix of element ids, distinct for distinct charts on one page.
    let id: String
    /// The size of the drawing of a chart on x and y axes (smaller in a ``ChartGrid``'s panels).
    var canvasWidth = SVGRenderer.width, canvasHeight = SVGRenderer.height
    /// A line's palette index by its name, where a ``ChartGrid`` keeps a name's color across
    /// panels; a line not named here takes its position in the chart.
    var seriesColors: [String: Int] = [:]

    static let width = 640.0
    static let height = 400.0
    static let fallbackColors = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]
    static let characterWidth = 6.6

    /// The fill or stroke of the `index`th series or class.
    static func color(_ index: Int) -> String {
        let i = index % fallbackColors.count
        return "var(--chart-\(i + 1), \(fallbackColors[i]))"
    }

    func render() -> String {
        switch chart {
        case .line(let c):
            return lines(title: c.title, kind: "Line chart", xLabel: c.xLabel, yLabel: c.yLabel, series: c.series, xAxis: c.xAxis, yAxis: c.yAxis)
        case .function(let c):
            return lines(title: c.title, kind: "Function plot", xLabel: c.xLabel, yLabel: c.yLabel, series: c.series, yAxis: c.yAxis)
        case .scatter(let c): return scatter(c)
        case .decisionBoundary(let c): return boundary(c)
        case .heatMap(let c): return heatMap(c)
        case .imageGrid(let c): return imageGrid(c)
        case .grid(let c): return chartGrid(c)
        case .layeredGraph(let c): return layeredGraph(c)
        }
    }

    // MARK: Charts on x and y axes

    /// The frame of an x-y chart: where the plot area is and how data maps into it.
    struct Frame {
        var x: Scale
        var y: Scale
        var left: Double, top: Double, right: Double, bottom: Double

        func px(_ value: Double) -> Double { left + x.fraction(value) * (right - left) }
        func py(_ value: Double) -> Double { bottom - y.fraction(value) * (bottom - top) }
    }

    enum LegendMark { case line, dot }

    /// The frame under the title and the legend's rows (`legend`: its entries; none for one series or class).
    func frame(x: Scale, y: Scale, legend: [String]) -> Frame {
        let tickWidth = y.ticks.map { Double(y.label($0).count) * Self.characterWidth }.max() ?? 0
        let top = 40 + 22 * Double(legendRows(legend).count)
        return Frame(x: x, y: y, left: 30 + tickWidth + 8, top: top, right: canvasWidth - 20, bottom: canvasHeight - 50)
    }

    /// The opening tag, title and description. With `minimumWidth`, the drawing never shrinks
    /// below it (a page narrower than that scrolls it sideways instead: text stays readable).
    func header(title: String, description: String, width: Double? = nil, height: Double? = nil, minimumWidth: Double? = nil) -> [String] {
        let (width, height) = (width ?? canvasWidth, height ?? canvasHeight)
        let style = minimumWidth.map { #" style="min-width: \#(n($0))px""# } ?? ""
        return [
            #"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="\#(id)-title" aria-describedby="\#(id)-desc" width="\#(n(width))" height="\#(n(height))" viewBox="0 0 \#(n(width)) \#(n(height))"\#(style) font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" fill="currentColor">"#,
            #"<title id="\#(id)-title">\#(escape(title))</title>"#,
            #"<desc id="\#(id)-desc">\#(escape(description))</desc>"#,
            #"<text x="\#(n(width / 2))" y="22" text-anchor="middle" font-size="15" font-weight="600">\#(escape(title))</text>"#,
        ]
    }

    /// Grid lines, axes, ticks and axis labels.
    func axes(_ f: Frame, xLabel: String, yLabel: String) -> [String] {
        var out = [#"<g class="grid" stroke="currentColor" stroke-opacity="0.12" stroke-width="1">"#]
        for t in f.x.ticks { out.append(#"<line x1="\#(n(f.px(t)))" y1="\#(n(f.top))" x2="\#(n(f.px(t)))" y2="\#(n(f.bottom))"/>"#) }
        for t in f.y.ticks { out.append(#"<line x1="\#(n(f.left))" y1="\#(n(f.py(t)))" x2="\#(n(f.right))" y2="\#(n(f.py(t)))"/>"#) }
        out.append("</g>")
        out.append(#"<g class="axes" stroke="currentColor" stroke-width="1"><line x1="\#(n(f.left))" y1="\#(n(f.bottom))" x2="\#(n(f.right))" y2="\#(n(f.bottom))"/><line x1="\#(n(f.left))" y1="\#(n(f.top))" x2="\#(n(f.left))" y2="\#(n(f.bottom))"/></g>"#)
        out.append(#"<g class="ticks" font-size="11">"#)
        for t in f.x.ticks {
            out.append(#"<text x="\#(n(f.px(t)))" y="\#(n(f.bottom + 16))" text-anchor="middle">\#(f.x.label(t))</text>"#)
        }
        for t in f.y.ticks {
            out.append(#"<text x="\#(n(f.left - 6))" y="\#(n(f.py(t) + 4))" text-anchor="end">\#(f.y.label(t))</text>"#)
        }
        out.append("</g>")
        out.append(#"<text x="\#(n((f.left + f.right) / 2))" y="\#(n(canvasHeight - 12))" text-anchor="middle">\#(escape(xLabel))</text>"#)
        out.append(#"<text transform="translate(16 \#(n((f.top + f.bottom) / 2))) rotate(-90)" text-anchor="middle">\#(escape(yLabel))</text>"#)
        return out
    }

    static func legendWidth(_ entry: String) -> Double { 24 + Double(entry.count) * characterWidth + 16 }

    /// The legend's entries (by index) in rows that fit the chart's width; none for fewer than two.
    func legendRows(_ entries: [String]) -> [[Int]] {
        guard entries.count > 1 else { return [] }
        var rows: [[Int]] = [[]], used = 0.0
        for (i, entry) in entries.enumerated() {
            let w = Self.legendWidth(entry)
            if !rows[rows.count - 1].isEmpty && used + w > canvasWidth - 40 {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append(i)
            used += w
        }
        return rows
    }

    /// The legend under the title: rows of entries, each row centered; entry `i` in palette
    /// color `colors[i]` (default: `i`).
    func legend(_ entries: [String], mark: LegendMark, colors: [Int]? = nil) -> [String] {
        let rows = legendRows(entries)
        guard !rows.isEmpty else { return [] }
        var out = [#"<g class="legend">"#]
        for (r, row) in rows.enumerated() {
            let y = 40 + 22 * Double(r)
            var x = (canvasWidth - row.map { Self.legendWidth(entries[$0]) }.reduce(0, +)) / 2
            for i in row {
                switch mark {
                case .line:
                    out.append(#"<line x1="\#(n(x))" y1="\#(n(y))" x2="\#(n(x + 18))" y2="\#(n(y))" stroke="\#(Self.color(colors?[i] ?? i))" stroke-width="2.5"/>"#)
                case .dot:
                    out.append(#"<circle cx="\#(n(x + 9))" cy="\#(n(y))" r="4" fill="\#(Self.color(colors?[i] ?? i))"/>"#)
                }
                out.append(#"<text x="\#(n(x + 24))" y="\#(n(y + 4))">\#(escape(entries[i]))</text>"#)
                x += Self.legendWidth(entries[i])
            }
        }
        out.append("</g>")
        return out
    }

    func lines(
        title: String, kind: String, xLabel: String, yLabel: String, series: [LineChart.Series],
        xAxis: AxisScale = .automatic, yAxis: AxisScale = .automatic
    ) -> String {
        let allX = series.flatMap(\.x), allY = series.flatMap(\.y)
        let xs = Scale.extent(allX) ?? (0, 1), ys = Scale.extent(allY) ?? (0, 1)
        let integers = series.allSatisfy { $0.x.allSatisfy { $0 == $0.rounded() } }
        let names = series.map(\.name)
        let f = frame(x: xAxis.scale(for: allX, tickCount: 8, extend: false, integers: integers),
                      y: yAxis.scale(for: allY, tickCount: 6, extend: true), legend: names)
        let colors = names.enumerated().map { i, name in seriesColors[name] ?? i }
        let description = "\(kind) of \(names.joined(separator: ", ")): \(xLabel) from \(f.x.label(xs.0)) to \(f.x.label(xs.1)), "
            + "\(yLabel) from \(formatCompact(Float(ys.0))) to \(formatCompact(Float(ys.1)))."
            + axisDescription(xAxis, name: xLabel, scale: f.x) + axisDescription(yAxis, name: yLabel, scale: f.y)
        var out = header(title: title, description: description) + axes(f, xLabel: xLabel, yLabel: yLabel)
        // A window the author fixed may cut lines: they end at the plot's edge.
        let clipped = [xAxis, yAxis].contains { $0.lower != nil || $0.upper != nil }
        if clipped {
            out.append(#"<clipPath id="\#(id)-plot"><rect x="\#(n(f.left))" y="\#(n(f.top))" width="\#(n(f.right - f.left))" height="\#(n(f.bottom - f.top))"/></clipPath>"#)
        }
        let clip = clipped ? #" clip-path="url(#\#(id)-plot)""# : ""
        for (i, s) in series.enumerated() {
            // A value the axes cannot show (not finite, or not positive on a logarithmic axis) breaks the line in two.
            var runs: [[String]] = [[]]
            for (x, y) in zip(s.x, s.y) {
                if let x = xAxis.drawable(x), let y = yAxis.drawable(y) {
                    runs[runs.count - 1].append("\(n(f.px(Double(x)))),\(n(f.py(Double(y))))")
                } else if !runs[runs.count - 1].isEmpty {
                    runs.append([])
                }
            }
            for run in runs where !run.isEmpty {
                out.append(#"<polyline class="series" fill="none" stroke="\#(Self.color(colors[i]))" stroke-width="2" stroke-linejoin="round"\#(clip) points="\#(run.joined(separator: " "))"><title>\#(escape(s.name))</title></polyline>"#)
            }
        }
        out += legend(names, mark: .line, colors: colors)
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// What a screen reader hears about an axis the author chose: nothing when automatic.
    func axisDescription(_ axis: AxisScale, name: String, scale: Scale) -> String {
        guard axis != .automatic else { return "" }
        return " The \(name) axis runs from \(scale.label(scale.lower)) to \(scale.label(scale.upper))"
            + (axis.isLogarithmic ? " on a logarithmic scale." : ".")
    }

    func classNames(_ names: [String], labels: [Int], grid: [[Int]] = []) -> [String] {
        let classes = max(labels.max() ?? 0, grid.joined().max() ?? 0, names.count - 1) + 1
        return (0..<classes).map { $0 < names.count ? names[$0] : "class \($0)" }
    }

    func points(_ f: Frame, _ points: [[Float]], _ labels: [Int], outlined: Bool) -> [String] {
        var out = [#"<g class="points""# + (outlined ? #" stroke="currentColor" stroke-width="0.8">"# : ">")]
        for (p, label) in zip(points, labels) {
            out.append(#"<circle cx="\#(n(f.px(Double(p[0]))))" cy="\#(n(f.py(Double(p[1]))))" r="3.5" fill="\#(Self.color(label))"/>"#)
        }
        out.append("</g>")
        return out
    }

    func scatter(_ c: ScatterPlot) -> String {
        let xs = Scale.padded(Scale.extent(c.points.map { $0[0] })), ys = Scale.padded(Scale.extent(c.points.map { $0[1] }))
        let names = classNames(c.classNames, labels: c.labels)
        let f = frame(x: Scale(lower: xs.0, upper: xs.1, tickCount: 8, extend: false),
                      y: Scale(lower: ys.0, upper: ys.1, tickCount: 6, extend: false), legend: names)
        let description = "Scatter plot of \(c.points.count) points in \(names.count) class\(names.count == 1 ? "" : "es")"
            + " (\(names.joined(separator: ", "))): \(c.xLabel) across, \(c.yLabel) up."
        var out = header(title: c.title, description: description) + axes(f, xLabel: c.xLabel, yLabel: c.yLabel)
        out += points(f, c.points, c.labels, outlined: false)
        out += legend(names, mark: .dot)
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    func boundary(_ c: DecisionBoundaryPlot) -> String {
        let names = classNames(c.classNames, labels: c.labels, grid: c.grid)
        let f = frame(x: Scale(lower: Double(c.xRange.lowerBound), upper: Double(c.xRange.upperBound), tickCount: 8, extend: false),
                      y: Scale(lower: Double(c.yRange.lowerBound), upper: Double(c.yRange.upperBound), tickCount: 6, extend: false),
                      legend: names)
        let description = "Decision regions of a classifier over \(c.xLabel) and \(c.yLabel), shaded by predicted class"
            + " (\(names.joined(separator: ", "))), with \(c.points.count) data points colored by their true class."
        var out = header(title: c.title, description: description)
        let rows = c.grid.count, columns = c.grid.first?.count ?? 0
        let cw = (f.right - f.left) / Double(max(1, columns)), ch = (f.bottom - f.top) / Double(max(1, rows))
        // Opacity on the group, not on each rectangle: the slight overlaps that hide seams between
        // rectangles must not show up as darker lines.
        out.append(#"<g class="regions" opacity="0.22" shape-rendering="crispEdges">"#)
        for (r, row) in c.grid.enumerated() {
            // Runs of one class in a row become one rectangle.
            var start = 0
            for column in 1...max(1, row.count) where column == row.count || row[column] != row[start] {
                let y = f.bottom - Double(r + 1) * ch
                out.append(#"<rect x="\#(n(f.left + Double(start) * cw))" y="\#(n(y))" width="\#(n(Double(column - start) * cw + 0.5))" height="\#(n(ch + 0.5))" fill="\#(Self.color(row[start]))"/>"#)
                start = column
            }
        }
        out.append("</g>")
        out += axes(f, xLabel: c.xLabel, yLabel: c.yLabel)
        out += points(f, c.points, c.labels, outlined: true)
        out += legend(names, mark: .dot)
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    // MARK: Grids of cells

    func heatMap(_ c: HeatMap) -> String {
        let rows = c.values.count, columns = c.values.first?.count ?? 0
        let rowLabels = (0..<rows).map { $0 < c.rowLabels.count ? c.rowLabels[$0] : "\($0)" }
        let columnLabels = (0..<columns).map { $0 < c.columnLabels.count ? c.columnLabels[$0] : "\($0)" }
        let cell = max(4, min(44, 480 / Double(max(rows, columns, 1))))
        let labelWidth = (rowLabels.map { Double($0.count) }.max() ?? 1) * Self.characterWidth
        let left = 30 + labelWidth + 8, top = 40.0
        let width = max(left + Double(columns) * cell + 20, Double(c.title.count) * 8.5 + 40)
        let height = top + Double(rows) * cell + 50
        let shading = HeatShading(c.values)
        let all = c.values.joined()
        let description = "Heat map of a \(rows)×\(columns) matrix, \(c.yLabel) down and \(c.xLabel) across; values from "
            + "\(formatCompact(all.min() ?? 0)) to \(formatCompact(all.max() ?? 0))"
            + (shading.diverging ? ", negative in blue and positive in red." : ", larger values darker.")
        var out = header(title: c.title, description: description, width: width, height: height)
        let showsValues = cell >= 24 && all.allSatisfy { Double(formatCompact($0).count) * 6.2 <= cell - 4 }
        out.append(#"<g class="cells" shape-rendering="crispEdges">"#)
        for (r, row) in c.values.enumerated() {
            for (k, value) in row.enumerated() {
                let (colorIndex, opacity) = shading.shade(value)
                out.append(#"<rect x="\#(n(left + Double(k) * cell))" y="\#(n(top + Double(r) * cell))" width="\#(n(cell))" height="\#(n(cell))" fill="\#(Self.color(colorIndex))" fill-opacity="\#(n(opacity, digits: 3))"><title>\#(escape(rowLabels[r])), \#(escape(columnLabels[k])): \#(formatCompact(value))</title></rect>"#)
            }
        }
        out.append("</g>")
        if showsValues {
            out.append(#"<g class="values" text-anchor="middle" font-size="11">"#)
            for (r, row) in c.values.enumerated() {
                for (k, value) in row.enumerated() {
                    let fill = shading.shade(value).opacity > 0.55 ? ##" fill="#fff""## : ""
                    out.append(#"<text x="\#(n(left + (Double(k) + 0.5) * cell))" y="\#(n(top + (Double(r) + 0.5) * cell + 4))"\#(fill)>\#(formatCompact(value))</text>"#)
                }
            }
            out.append("</g>")
        }
        let every = max(1, Int((12 / cell).rounded(.up)))
        out.append(#"<g class="ticks" font-size="11">"#)
        for (r, label) in rowLabels.enumerated() where r % every == 0 {
            out.append(#"<text x="\#(n(left - 6))" y="\#(n(top + (Double(r) + 0.5) * cell + 4))" text-anchor="end">\#(escape(label))</text>"#)
        }
        let columnEvery = max(every, Int(((columnLabels.map { Double($0.count) }.max() ?? 1) * Self.characterWidth / cell).rounded(.up)))
        for (k, label) in columnLabels.enumerated() where k % columnEvery == 0 {
            out.append(#"<text x="\#(n(left + (Double(k) + 0.5) * cell))" y="\#(n(top + Double(rows) * cell + 16))" text-anchor="middle">\#(escape(label))</text>"#)
        }
        out.append("</g>")
        out.append(#"<text x="\#(n(left + Double(columns) * cell / 2))" y="\#(n(height - 12))" text-anchor="middle">\#(escape(c.xLabel))</text>"#)
        out.append(#"<text transform="translate(16 \#(n(top + Double(rows) * cell / 2))) rotate(-90)" text-anchor="middle">\#(escape(c.yLabel))</text>"#)
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    func imageGrid(_ c: ImageGrid) -> String {
        let w = c.imageWidth
        let h = c.images.map { ($0.count + w - 1) / w }.max() ?? 0
        let pixel = max(2, min(6, (48 / Double(max(w, h, 1))).rounded(.down)))
        let labelHeight = c.labels.isEmpty ? 0.0 : 16
        let cellWidth = Double(w) * pixel + 12, cellHeight = Double(h) * pixel + labelHeight + 12
        let columns = min(c.columns, max(1, c.images.count))
        let rows = (c.images.count + columns - 1) / columns
        let width = max(Double(columns) * cellWidth + 28, Double(c.title.count) * 8.5 + 40)
        let height = 40 + Double(rows) * cellHeight + 8
        let left = (width - Double(columns) * cellWidth) / 2 + 6
        let range = Scale.extent(c.images.joined()) ?? (0, 1)
        let description = "\(c.images.count) images of \(w)×\(h) pixels" + (c.labels.isEmpty ? "" : ", labelled \(c.labels.prefix(20).joined(separator: ", "))\(c.labels.count > 20 ? ", ..." : "")") + "."
            + (c.signed ? " Negative values in blue, positive in red, stronger for larger sizes, from \(formatCompact(Float(range.0))) to \(formatCompact(Float(range.1)))." : "")
        var out = header(title: c.title, description: description, width: width, height: height)
        for (i, image) in c.images.enumerated() {
            let x0 = left + Double(i % columns) * cellWidth, y0 = 40 + Double(i / columns) * cellHeight
            out.append(#"<g class="image" shape-rendering="crispEdges">"#)
            out.append(#"<rect x="\#(n(x0 - 1))" y="\#(n(y0 - 1))" width="\#(n(Double(w) * pixel + 2))" height="\#(n(Double(h) * pixel + 2))" fill="none" stroke="currentColor" stroke-opacity="0.25"/>"#)
            for (p, value) in image.enumerated() {
                let (shade, colorIndex) = c.shade(value, range: range)
                guard shade > 0.02 else { continue }
                let fill = colorIndex.map { #" fill="\#(Self.color($0))""# } ?? ""
                out.append(#"<rect x="\#(n(x0 + Double(p % w) * pixel))" y="\#(n(y0 + Double(p / w) * pixel))" width="\#(n(pixel))" height="\#(n(pixel))"\#(fill) fill-opacity="\#(n(shade, digits: 2))"/>"#)
            }
            out.append("</g>")
            if i < c.labels.count {
                out.append(#"<text x="\#(n(x0 + Double(w) * pixel / 2))" y="\#(n(y0 + Double(h) * pixel + 14))" text-anchor="middle" font-size="11">\#(escape(c.labels[i]))</text>"#)
            }
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    // MARK: Text

    /// A coordinate with at most `digits` decimals and no trailing zeros.
    func n(_ value: Double, digits: Int = 1) -> String { formatTrimmed(value, decimals: digits) }

    func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}

/// How a heat map shades a value: one color darker for larger values, or (when values have
/// both signs) blue for negative and red for positive, stronger further from zero.
struct HeatShading {
    var low: Double, high: Double
    var diverging: Bool

    init(_ values: [[Float]]) {
        let extent = Scale.extent(values.joined()) ?? (0, 1)
        low = extent.0
        high = extent.1
        diverging = low < 0 && high > 0
    }

    /// Palette index and strength from 0 to 1.
    func shade(_ value: Float) -> (colorIndex: Int, opacity: Double) {
        let v = Double(value)
        guard v.isFinite else { return (7, 0) }
        if diverging {
            let reach = max(-low, high)
            return (v < 0 ? 0 : 3, min(1, abs(v) / reach))
        }
        return (0, high > low ? 0.06 + 0.94 * (v - low) / (high - low) : 0.5)
    }
}
