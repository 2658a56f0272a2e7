/// Draws a chart with Unicode characters for the terminal: braille dots for lines and points
/// (2 × 4 dots per character), half blocks for images, shaded cells for heat maps; with
/// ANSI 256-color escapes when `color`, and with distinct marker letters when not.
struct TerminalChartRenderer {
    let chart: AnyChart
    let width: Int
    let color: Bool
    /// A line's palette index (and mark) by its name, where a ``ChartGrid`` keeps a name's color
    /// across panels; a line not named here takes its position in the chart.
    var seriesColors: [String: Int] = [:]

    /// 256-color codes close to the site's palette (matplotlib's tab10).
    static let palette = [32, 208, 34, 160, 98, 137, 175, 245, 142, 38]
    /// Without color, classes and series are told apart by these marks.
    static let markers: [Character] = ["o", "x", "+", "*", "#", "@", "%", "&", "=", "~"]

    func render() -> String {
        var lines: [String]
        switch chart {
        case .line(let c): lines = lineChart(title: c.title, xLabel: c.xLabel, yLabel: c.yLabel, series: c.series, xAxis: c.xAxis, yAxis: c.yAxis)
        case .function(let c): lines = lineChart(title: c.title, xLabel: c.xLabel, yLabel: c.yLabel, series: c.series, yAxis: c.yAxis)
        case .scatter(let c): lines = scatter(c)
        case .decisionBoundary(let c): lines = boundary(c)
        case .heatMap(let c): lines = heatMap(c)
        case .imageGrid(let c): lines = imageGrid(c)
        case .grid(let c): lines = chartGrid(c)
        case .layeredGraph(let c): lines = layeredGraph(c)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    // MARK: Styled text

    func paint(_ text: String, fg: Int? = nil, bold: Bool = false) -> String {
        guard color, fg != nil || bold else { return text }
        var codes: [String] = []
        if bold { codes.append("1") }
        if let fg { codes.append("38;5;\(fg)") }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }

    func titleLine(_ title: String) -> String { paint(String(title.prefix(width)), bold: true) }

    /// Legend entries laid out in rows that fit the width, each "mark name" with the mark painted.
    func legend(_ entries: [(mark: String, name: String, color: Int?)], indent: Int) -> [String] {
        var lines: [String] = []
        var line = String(repeating: " ", count: indent), used = indent
        for entry in entries {
            let length = entry.mark.count + 1 + entry.name.count
            if used > indent && used + 3 + length > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                used = indent
            }
            if used > indent { line += "   "; used += 3 }
            line += paint(entry.mark, fg: entry.color) + " " + entry.name
            used += length
        }
        if used > indent { lines.append(line) }
        return lines
    }

    // MARK: Charts on x and y axes

    /// Maps data to braille dots in a plot area of `columns` × `rows` characters.
    struct Plot {
        var x: Scale, y: Scale
        var columns: Int, rows: Int

        func dotX(_ value: Double) -> Int { Int((x.fraction(value) * Double(columns * 2 - 1)).rounded()) }
        func dotY(_ value: Double) -> Int { Int(((1 - y.fraction(value)) * Double(rows * 4 - 1)).rounded()) }

        /// Where a data point falls, in dots, unrounded (it may lie outside the plot).
        func dot(_ xValue: Double, _ yValue: Double) -> (Double, Double) {
            (x.fraction(xValue) * Double(columns * 2 - 1), (1 - y.fraction(yValue)) * Double(rows * 4 - 1))
        }

        /// The dot of a point inside the plot, or nil for a point outside it.
        func inside(_ point: (Double, Double)) -> (Int, Int)? {
            let dot = (Int(point.0.rounded()), Int(point.1.rounded()))
            return (0..<columns * 2).contains(dot.0) && (0..<rows * 4).contains(dot.1) ? dot : nil
        }
    }

    var plotRows: Int { min(12, max(5, width / 6)) }

    /// Title, y label, the plot with its y ticks, the x axis with ticks and labels, the legend.
    func xyChart(
        title: String, xLabel: String, yLabel: String, x: (Double, Double), y: (Double, Double), integerX: Bool = false,
        legend entries: [(mark: String, name: String, color: Int?)], draw: (inout CellGrid, Plot) -> Void
    ) -> [String] {
        xyChart(title: title, xLabel: xLabel, yLabel: yLabel,
                x: { Scale(lower: x.0, upper: x.1, tickCount: $0, extend: false, integers: integerX) },
                y: { Scale(lower: y.0, upper: y.1, tickCount: $0, extend: false) }, legend: entries, draw: draw)
    }

    /// The same, with each axis's scale made for a tick count that fits the width.
    func xyChart(
        title: String, xLabel: String, yLabel: String, x: (_ tickCount: Int) -> Scale, y: (_ tickCount: Int) -> Scale,
        legend entries: [(mark: String, name: String, color: Int?)], draw: (inout CellGrid, Plot) -> Void
    ) -> [String] {
        let rows = plotRows
        let yScale = y(max(2, rows / 2))
        let margin = (yScale.ticks.map { yScale.label($0).count }.max() ?? 1) + 1
        let columns = max(8, width - margin - 1)
        let xScale = x(max(2, columns / 12))
        let plot = Plot(x: xScale, y: yScale, columns: columns, rows: rows)
        var grid = CellGrid(columns: columns, rows: rows)
        draw(&grid, plot)

        var lines = [titleLine(title)]
        if !yLabel.isEmpty { lines.append(String(yLabel.prefix(width))) }
        var yTickRows: [Int: String] = [:]
        for t in yScale.ticks { yTickRows[min(rows - 1, max(0, plot.dotY(t) / 4))] = yScale.label(t) }
        for r in 0..<rows {
            let label = yTickRows[r] ?? ""
            lines.append(String(repeating: " ", count: margin - 1 - label.count) + label + " "
                + (yTickRows[r] != nil ? "┤" : "│") + grid.line(r, color: color))
        }
        var tickColumns: [Int: String] = [:]
        for t in xScale.ticks { tickColumns[min(columns - 1, max(0, plot.dotX(t) / 2))] = xScale.label(t) }
        lines.append(String(repeating: " ", count: margin) + "└"
            + String((0..<columns).map { tickColumns[$0] != nil ? "┬" : "─" }))
        var labels = Array(repeating: Character(" "), count: margin + 1 + columns)
        var free = 0
        for column in tickColumns.keys.sorted() {
            let text = Array(tickColumns[column]!)
            let start = min(labels.count - text.count, max(0, margin + 1 + column - (text.count - 1) / 2))
            guard start >= free else { continue }
            labels.replaceSubrange(start..<(start + text.count), with: text)
            free = start + text.count + 1
        }
        lines.append(String(labels).trimmingTrailingSpaces())
        if !xLabel.isEmpty {
            let label = String(xLabel.prefix(columns))
            lines.append(String(repeating: " ", count: margin + 1 + (columns - label.count) / 2) + label)
        }
        return lines + legend(entries, indent: margin + 1)
    }

    func lineChart(
        title: String, xLabel: String, yLabel: String, series: [LineChart.Series], xAxis: AxisScale = .automatic,
        yAxis: AxisScale = .automatic
    ) -> [String] {
        let marked = !color && series.count > 1
        let colors = series.enumerated().map { i, s in seriesColors[s.name] ?? i }
        let entries = series.enumerated().map { i, s in
            (mark: marked ? String(Self.markers[colors[i] % Self.markers.count]) : "━━", name: s.name,
             color: Optional(Self.palette[colors[i] % Self.palette.count]))
        }
        let integers = series.allSatisfy { $0.x.allSatisfy { $0 == $0.rounded() } }
        return xyChart(title: title, xLabel: xLabel, yLabel: yLabel,
                       x: { xAxis.scale(for: series.flatMap(\.x), tickCount: $0, extend: false, integers: integers) },
                       y: { yAxis.scale(for: series.flatMap(\.y), tickCount: $0, extend: false, padded: true) },
                       legend: series.count > 1 ? entries : []) { grid, plot in
            var braille = Braille(columns: plot.columns, rows: plot.rows)
            var ends: [(Int, Int, Int)] = []
            for (i, s) in series.enumerated() {
                var previous: (Double, Double)? = nil
                for (x, y) in zip(s.x, s.y) {
                    guard let x = xAxis.drawable(x), let y = yAxis.drawable(y) else { previous = nil; continue }
                    let point = plot.dot(Double(x), Double(y))
                    if let previous { braille.line(from: previous, to: point, color: colors[i]) } else { braille.dot(point, color: colors[i]) }
                    previous = point
                }
                if let previous, let end = plot.inside(previous) { ends.append((colors[i], end.0 / 2, end.1 / 4)) }
            }
            braille.draw(into: &grid, palette: Self.palette)
            if marked {
                for (i, column, row) in ends { grid[row, column] = Cell(Self.markers[i % Self.markers.count]) }
            }
        }
    }

    func classNames(_ names: [String], labels: [Int], grid: [[Int]] = []) -> [String] {
        let classes = max(labels.max() ?? 0, grid.joined().max() ?? 0, names.count - 1) + 1
        return (0..<classes).map { $0 < names.count ? names[$0] : "class \($0)" }
    }

    /// Points as colored braille dots, or as marker letters without color.
    func drawPoints(_ points: [[Float]], _ labels: [Int], into grid: inout CellGrid, plot: Plot, symbols: Bool) {
        if symbols {
            for (p, label) in zip(points, labels) {
                let column = plot.dotX(Double(p[0])) / 2, row = plot.dotY(Double(p[1])) / 4
                guard (0..<plot.columns).contains(column), (0..<plot.rows).contains(row) else { continue }
                var cell = Cell(color ? "●" : Self.markers[label % Self.markers.count])
                if color { cell.fg = Self.palette[label % Self.palette.count] }
                grid[row, column] = cell
            }
        } else {
            var braille = Braille(columns: plot.columns, rows: plot.rows)
            for (p, label) in zip(points, labels) { braille.dot(plot.dotX(Double(p[0])), plot.dotY(Double(p[1])), color: label) }
            braille.draw(into: &grid, palette: Self.palette)
        }
    }

    func classLegend(_ names: [String], mark: String) -> [(mark: String, name: String, color: Int?)] {
        guard names.count > 1 else { return [] }
        return names.enumerated().map { i, name in
            (mark: color ? mark : String(Self.markers[i % Self.markers.count]), name: name, color: Optional(Self.palette[i % Self.palette.count]))
        }
    }

    func scatter(_ c: ScatterPlot) -> [String] {
        let xs = Scale.padded(Scale.extent(c.points.map { $0[0] })), ys = Scale.padded(Scale.extent(c.points.map { $0[1] }))
        let names = classNames(c.classNames, labels: c.labels)
        return xyChart(title: c.title, xLabel: c.xLabel, yLabel: c.yLabel, x: xs, y: ys,
                       legend: classLegend(names, mark: "⣿")) { grid, plot in
            drawPoints(c.points, c.labels, into: &grid, plot: plot, symbols: !color)
        }
    }

    /// Regions shaded by predicted class (a character per class, in the class's color when there
    /// is color), with the data points on top.
    static let regionMarks: [Character] = [" ", "·", ":", "-", "'", "=", "~", ";", ",", "`"]

    func boundary(_ c: DecisionBoundaryPlot) -> [String] {
        let names = classNames(c.classNames, labels: c.labels, grid: c.grid)
        var lines = xyChart(
            title: c.title, xLabel: c.xLabel, yLabel: c.yLabel,
            x: (Double(c.xRange.lowerBound), Double(c.xRange.upperBound)),
            y: (Double(c.yRange.lowerBound), Double(c.yRange.upperBound)),
            legend: classLegend(names, mark: "●")
        ) { grid, plot in
            let gridRows = c.grid.count, gridColumns = c.grid.first?.count ?? 0
            guard gridRows > 0, gridColumns > 0 else { return }
            for r in 0..<plot.rows {
                let gridRow = min(gridRows - 1, Int((1 - (Double(r) + 0.5) / Double(plot.rows)) * Double(gridRows)))
                for k in 0..<plot.columns {
                    let predicted = c.grid[gridRow][min(gridColumns - 1, Int((Double(k) + 0.5) / Double(plot.columns) * Double(gridColumns)))]
                    // A mark per class, so the boundary shows even without color; colored when there is color.
                    grid[r, k] = Cell(Self.regionMarks[predicted % Self.regionMarks.count],
                                      fg: color ? Self.palette[predicted % Self.palette.count] : nil)
                }
            }
            drawPoints(c.points, c.labels, into: &grid, plot: plot, symbols: true)
        }
        do {
            let shading = names.indices.map { "'\(Self.regionMarks[$0 % Self.regionMarks.count])' \(names[$0])" }
            lines.append("predicted: " + shading.joined(separator: ", "))
        }
        return lines
    }

    // MARK: Grids of cells

    /// Background shades for heat maps: a sequential blue ramp, or blue (negative) and red (positive).
    static let blues = [195, 153, 117, 75, 33, 26, 19]
    static let reds = [224, 217, 210, 203, 196, 160, 124]

    func heatCell(_ value: Float, shading: HeatShading) -> (bg: Int, fg: Int) {
        let (index, strength) = shading.shade(value)
        let ramp = index == 3 ? Self.reds : Self.blues
        let step = min(ramp.count - 1, Int(strength * Double(ramp.count - 1) + 0.5))
        return (ramp[step], step >= 4 ? 231 : 16)
    }

    func heatMap(_ c: HeatMap) -> [String] {
        let rows = c.values.count, columns = c.values.first?.count ?? 0
        let rowLabels = (0..<rows).map { $0 < c.rowLabels.count ? c.rowLabels[$0] : "\($0)" }
        let columnLabels = (0..<columns).map { $0 < c.columnLabels.count ? c.columnLabels[$0] : "\($0)" }
        let margin = (rowLabels.map(\.count).max() ?? 1) + 1
        let available = max(1, width - margin)
        let shading = HeatShading(c.values)
        let texts = c.values.map { $0.map(formatCompact) }
        let cellWidth = max(texts.joined().map(\.count).max() ?? 1, columnLabels.map(\.count).max() ?? 1) + 2
        var lines = [titleLine(c.title)]
        if !c.yLabel.isEmpty { lines.append(String(c.yLabel.prefix(width))) }
        let blocks = " ░▒▓█".map { $0 }

        if columns * cellWidth <= available && rows <= 30 {
            // Numbers in shaded cells, as a confusion matrix is read.
            for (r, row) in texts.enumerated() {
                var line = String(repeating: " ", count: margin - 1 - rowLabels[r].count) + rowLabels[r] + " "
                for (k, text) in row.enumerated() {
                    let padded = String(repeating: " ", count: cellWidth - 1 - text.count) + text + " "
                    if color {
                        let (bg, fg) = heatCell(c.values[r][k], shading: shading)
                        line += "\u{1B}[38;5;\(fg);48;5;\(bg)m\(padded)\u{1B}[0m"
                    } else {
                        line += padded
                    }
                }
                lines.append(color ? line : line.trimmingTrailingSpaces())
            }
            var footer = String(repeating: " ", count: margin)
            for label in columnLabels {
                footer += String(repeating: " ", count: cellWidth - 1 - label.count) + label + " "
            }
            lines.append(footer.trimmingTrailingSpaces())
            if !c.xLabel.isEmpty {
                lines.append(String(repeating: " ", count: margin + max(0, (columns * cellWidth - c.xLabel.count) / 2)) + c.xLabel)
            }
        } else {
            // Too many to print: one shaded character (two when there is room) per value.
            let shown = min(columns, available)
            let each = shown * 2 <= available ? 2 : 1
            let columnIndices = (0..<shown).map { $0 * columns / shown }
            for (r, row) in c.values.enumerated() {
                var line = String(repeating: " ", count: margin - 1 - rowLabels[r].count) + rowLabels[r] + " "
                for k in columnIndices {
                    if color {
                        let (bg, _) = heatCell(row[k], shading: shading)
                        line += "\u{1B}[48;5;\(bg)m" + String(repeating: " ", count: each) + "\u{1B}[0m"
                    } else {
                        let fraction = shading.high > shading.low ? (Double(row[k]) - shading.low) / (shading.high - shading.low) : 0
                        line += String(repeating: blocks[min(4, max(0, Int(fraction * 4 + 0.5)))], count: each)
                    }
                }
                lines.append(line)
            }
            if !c.xLabel.isEmpty {
                lines.append(String(repeating: " ", count: margin + max(0, (shown * each - c.xLabel.count) / 2)) + c.xLabel)
            }
            lines.append(String(repeating: " ", count: margin) + "from \(formatCompact(Float(shading.low))) to \(formatCompact(Float(shading.high)))"
                + (color && shading.diverging ? " (blue negative, red positive)" : ""))
        }
        return lines
    }

    func imageGrid(_ c: ImageGrid) -> [String] {
        let w = c.imageWidth
        let h = c.images.map { ($0.count + w - 1) / w }.max() ?? 0
        let range = Scale.extent(c.images.joined()) ?? (0, 1)
        let cellWidth = max(w, c.labels.map(\.count).max() ?? 0) + 2
        let perRow = max(1, min(c.columns, (width + 2) / cellWidth))
        var lines = [titleLine(c.title)]
        func pixel(_ image: [Float], _ x: Int, _ y: Int) -> (strength: Double, colorIndex: Int?) {
            let index = y * w + x
            return index < image.count ? c.shade(image[index], range: range) : (0, nil)
        }
        func shade(_ image: [Float], _ x: Int, _ y: Int) -> Double { pixel(image, x, y).strength }
        /// A pixel's 256-color code: gray from black to white, or (signed) the heat map's ramps.
        func code(_ image: [Float], _ x: Int, _ y: Int) -> Int {
            let (strength, colorIndex) = pixel(image, x, y)
            guard let colorIndex else { return 232 + Int(strength * 23 + 0.5) }
            let ramp = colorIndex == 3 ? Self.reds : Self.blues
            return strength < 0.1 ? 231 : ramp[min(ramp.count - 1, Int(strength * Double(ramp.count - 1) + 0.5))]
        }
        for start in stride(from: 0, to: c.images.count, by: perRow) {
            let images = Array(c.images[start..<min(c.images.count, start + perRow)])
            for y in stride(from: 0, to: h, by: 2) {
                var line = ""
                for (n, image) in images.enumerated() {
                    if n > 0 { line += String(repeating: " ", count: cellWidth - w) }
                    for x in 0..<w {
                        if color {
                            let below = y + 1 < h ? code(image, x, y + 1) : (c.signed ? 231 : 232)
                            line += "\u{1B}[38;5;\(code(image, x, y));48;5;\(below)m▀"
                        } else {
                            let top = shade(image, x, y), bottom = y + 1 < h ? shade(image, x, y + 1) : 0
                            line += String(["  ", "▀", "▄", "█"][(top > 0.4 ? 1 : 0) + (bottom > 0.4 ? 2 : 0)].prefix(1))
                        }
                    }
                    if color { line += "\u{1B}[0m" }
                }
                lines.append(color ? line : line.trimmingTrailingSpaces())
            }
            if !c.labels.isEmpty {
                var line = ""
                for n in images.indices {
                    let label = start + n < c.labels.count ? c.labels[start + n] : ""
                    let left = (w - label.count) / 2
                    let cell = String(repeating: " ", count: max(0, left)) + label
                    line += (n > 0 ? String(repeating: " ", count: cellWidth - w) : "")
                        + cell + String(repeating: " ", count: max(0, w - cell.count))
                }
                lines.append(line.trimmingTrailingSpaces())
            }
        }
        return lines
    }
}

// MARK: Drawing surfaces

/// One character of a drawing, with its colors (256-color codes).
struct Cell: Hashable {
    var character: Character
    var fg: Int?
    var bg: Int?

    init(_ character: Character, fg: Int? = nil, bg: Int? = nil) {
        self.character = character
        self.fg = fg
        self.bg = bg
    }
}

/// A rectangle of cells, drawn into and then printed row by row.
struct CellGrid {
    let columns: Int, rows: Int
    var cells: [Cell]

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        cells = Array(repeating: Cell(" "), count: columns * rows)
    }

    subscript(row: Int, column: Int) -> Cell {
        get { cells[row * columns + column] }
        set {
            guard (0..<rows).contains(row), (0..<columns).contains(column) else { return }
            cells[row * columns + column] = newValue
        }
    }

    /// A row as text, with an escape only where the colors change.
    func line(_ row: Int, color: Bool) -> String {
        var out = "", current: (Int?, Int?) = (nil, nil)
        let end = (0..<columns).last { self[row, $0] != Cell(" ") }.map { $0 + 1 } ?? 0
        for column in 0..<end {
            let cell = self[row, column]
            if color && (cell.fg, cell.bg) != current {
                if current != (nil, nil) { out += "\u{1B}[0m" }
                var codes: [String] = []
                if let fg = cell.fg { codes.append("38;5;\(fg)") }
                if let bg = cell.bg { codes.append("48;5;\(bg)") }
                if !codes.isEmpty { out += "\u{1B}[\(codes.joined(separator: ";"))m" }
                current = (cell.fg, cell.bg)
            }
            out.append(cell.character)
        }
        if color && current != (nil, nil) { out += "\u{1B}[0m" }
        return out
    }
}

/// Braille dots: each character holds 2 × 4 dots; a character takes the color of the last
/// series that drew in it.
struct Braille {
    let columns: Int, rows: Int
    var masks: [UInt8]
    var colors: [Int?]

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        masks = Array(repeating: 0, count: columns * rows)
        colors = Array(repeating: nil, count: columns * rows)
    }

    static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    mutating func dot(_ x: Int, _ y: Int, color: Int?) {
        guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
        let index = (y / 4) * columns + x / 2
        masks[index] |= Self.bits[y % 4][x % 2]
        colors[index] = color
    }

    /// The dot nearest a point in dot coordinates, if it is inside.
    mutating func dot(_ point: (Double, Double), color: Int?) {
        guard point.0.isFinite, point.1.isFinite, point.0 > -0.5, point.1 > -0.5 else { return }
        dot(Int(point.0.rounded()), Int(point.1.rounded()), color: color)
    }

    /// The part of the segment between two points (in dot coordinates) that lies inside,
    /// cut at the edges first (Liang-Barsky), so a line to a point far outside a fixed window
    /// ends at the window's edge.
    mutating func line(from a: (Double, Double), to b: (Double, Double), color: Int?) {
        let dx = b.0 - a.0, dy = b.1 - a.1
        var t0 = 0.0, t1 = 1.0
        let xMax = Double(columns * 2) - 0.51, yMax = Double(rows * 4) - 0.51
        for (p, q) in [(-dx, a.0 + 0.49), (dx, xMax - a.0), (-dy, a.1 + 0.49), (dy, yMax - a.1)] {
            if p == 0 {
                if q < 0 { return }
            } else {
                let t = q / p
                if p < 0 { t0 = Swift.max(t0, t) } else { t1 = Swift.min(t1, t) }
            }
        }
        guard t0 <= t1 else { return }
        let start = (Int((a.0 + t0 * dx).rounded()), Int((a.1 + t0 * dy).rounded()))
        let end = (Int((a.0 + t1 * dx).rounded()), Int((a.1 + t1 * dy).rounded()))
        line(from: start, to: end, color: color)
    }

    /// Every dot on the segment between two dots (Bresenham).
    mutating func line(from a: (Int, Int), to b: (Int, Int), color: Int?) {
        var (x, y) = a
        let dx = abs(b.0 - x), dy = -abs(b.1 - y)
        let sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
        var error = dx + dy
        while true {
            dot(x, y, color: color)
            if x == b.0 && y == b.1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    func draw(into grid: inout CellGrid, palette: [Int]) {
        for row in 0..<rows {
            for column in 0..<columns where masks[row * columns + column] != 0 {
                let index = row * columns + column
                let scalar = Unicode.Scalar(0x2800 + UInt32(masks[index]))!
                grid[row, column] = Cell(Character(scalar), fg: colors[index].map { palette[$0 % palette.count] })
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
