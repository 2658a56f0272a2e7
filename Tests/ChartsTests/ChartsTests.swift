import Testing
@testable import Charts
import Foundation

/// Charts: the payload a lesson writes, and the SVG and terminal drawings made from it.
@Suite struct ChartsTests {
    let loss = LineChart(title: "Loss", xLabel: "epoch", yLabel: "loss", series: [.init(name: "train", values: [1, 0.5, 0.25])])
    let twoLosses = LineChart(title: "Loss", xLabel: "epoch", yLabel: "loss", series: [
        .init(name: "train", values: [1, 0.5, 0.25, 0.2]), .init(name: "test", values: [1.2, 0.8, 0.6, 0.55]),
    ])

    @Test func payloadIsOneLineOfSortedJSON() {
        #expect(loss.anyChart.payload() == #"{"chart":{"series":[{"name":"train","x":[0,1,2],"y":[1,0.5,0.25]}],"title":"Loss","xLabel":"epoch","yLabel":"loss"},"kind":"line"}"#)
    }

    @Test func payloadIsDeterministicAndRounded() {
        let a = ScatterPlot(title: "Points", points: [[0.123456789, -2.7182818], [1e-8, 12345.678]], labels: [0, 1])
        let b = ScatterPlot(title: "Points", points: [[0.123456789, -2.7182818], [1e-8, 12345.678]], labels: [0, 1])
        #expect(a.anyChart.payload() == b.anyChart.payload())
        #expect(a.points == [[0.12346, -2.7183], [1e-8, 12346]])
    }

    @Test func everyKindRoundTrips() throws {
        let charts: [AnyChart] = [
            loss.anyChart,
            FunctionPlot(title: "ReLU", xRange: -1...1, functions: [("ReLU", { max(0, $0) }), ("gap", { $0 == 0 ? .nan : $0 })], samples: 5).anyChart,
            ScatterPlot(title: "Points", points: [[0, 1], [2, 3]], labels: [0, 1], classNames: ["a", "b"]).anyChart,
            DecisionBoundaryPlot(title: "AND", xRange: 0...1, yRange: 0...1, resolution: 3, predict: { $0[0] > 0.5 ? 1 : 0 }).anyChart,
            HeatMap(title: "Weights", values: [[1, -1], [0.5]]).anyChart,
            ImageGrid(title: "Digits", images: [[0, 1, 1, 0]], labels: [7]).anyChart,
            ChartGrid(title: "Side by side", charts: [loss, ImageGrid(title: "Digits", images: [[0, 1, 1, 0]])]).anyChart,
            LayeredGraph(title: "Net", network: [2, 1], weights: [[[0.5], [-2]]], biases: [[0.1]]).anyChart,
            LineChart(title: "Log", yAxis: .logarithmic, series: [.init(name: "loss", values: [1, 0.1])]).anyChart,
        ]
        for chart in charts {
            // Compared as payloads: NaN is not equal to itself.
            #expect(try AnyChart(payload: chart.payload()).payload() == chart.payload())
        }
        #expect(try AnyChart(payload: charts[0].payload()) == charts[0])
        // A function that is not finite somewhere keeps NaN in the payload, and SVG breaks the line there.
        let svg = try ChartPayload.svg(charts[1].payload())
        #expect(svg.components(separatedBy: "<title>gap</title>").count == 3)
    }

    @Test func aPayloadThatIsNotAChartIsAnError() {
        #expect(throws: ChartPayloadError.self) { try ChartPayload.svg(#"{"kind":"pie","chart":{}}"#) }
        #expect(throws: ChartPayloadError.self) { try ChartPayload.terminal("not json", width: 40, color: false) }
    }

    @Test func svgOfALineChart() throws {
        #expect(try ChartPayload.svg(loss.anyChart.payload()) == #"""
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="chart-91f3bc29-title" aria-describedby="chart-91f3bc29-desc" width="640" height="400" viewBox="0 0 640 400" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" fill="currentColor">
        <title id="chart-91f3bc29-title">Loss</title>
        <desc id="chart-91f3bc29-desc">Line chart of train: epoch from 0 to 2, loss from 0.25 to 1.</desc>
        <text x="320" y="22" text-anchor="middle" font-size="15" font-weight="600">Loss</text>
        <g class="grid" stroke="currentColor" stroke-opacity="0.12" stroke-width="1">
        <line x1="57.8" y1="40" x2="57.8" y2="350"/>
        <line x1="338.9" y1="40" x2="338.9" y2="350"/>
        <line x1="620" y1="40" x2="620" y2="350"/>
        <line x1="57.8" y1="350" x2="620" y2="350"/>
        <line x1="57.8" y1="272.5" x2="620" y2="272.5"/>
        <line x1="57.8" y1="195" x2="620" y2="195"/>
        <line x1="57.8" y1="117.5" x2="620" y2="117.5"/>
        <line x1="57.8" y1="40" x2="620" y2="40"/>
        </g>
        <g class="axes" stroke="currentColor" stroke-width="1"><line x1="57.8" y1="350" x2="620" y2="350"/><line x1="57.8" y1="40" x2="57.8" y2="350"/></g>
        <g class="ticks" font-size="11">
        <text x="57.8" y="366" text-anchor="middle">0</text>
        <text x="338.9" y="366" text-anchor="middle">1</text>
        <text x="620" y="366" text-anchor="middle">2</text>
        <text x="51.8" y="354" text-anchor="end">0.2</text>
        <text x="51.8" y="276.5" text-anchor="end">0.4</text>
        <text x="51.8" y="199" text-anchor="end">0.6</text>
        <text x="51.8" y="121.5" text-anchor="end">0.8</text>
        <text x="51.8" y="44" text-anchor="end">1.0</text>
        </g>
        <text x="338.9" y="388" text-anchor="middle">epoch</text>
        <text transform="translate(16 195) rotate(-90)" text-anchor="middle">loss</text>
        <polyline class="series" fill="none" stroke="var(--chart-1, #1f77b4)" stroke-width="2" stroke-linejoin="round" points="57.8,40 338.9,233.8 620,330.6"><title>train</title></polyline>
        </svg>
        """#)
    }

    @Test func terminalLineChartWithoutColor() throws {
        #expect(try ChartPayload.terminal(twoLosses.anyChart.payload(), width: 30, color: false) == #"""
        Loss
        loss
            │⠒⠤⣀
        1.0 ┤⠑⠢⢄⡉⠒⠢⢄⡀
            │   ⠈⠒⠤⣀⠈⠉⠑⠒⠒⠢⠤⠤⢄⣀⣀⣀⣀⡀
        0.5 ┤       ⠉⠒⠢⠤⢄⣀⡀      ⠈⠉⠉⠉x
            │             ⠈⠉⠑⠒⠒⠒⠒⠢⠤⠤⠤o
            └┬───────────────┬────────
             0               2
                       epoch
             o train   x test

        """#)
    }

    @Test func terminalLineChartWithColor() throws {
        #expect(try ChartPayload.terminal(loss.anyChart.payload(), width: 24, color: true) == "\u{1B}[1mLoss\u{1B}[0m\nloss\n1.0 ┤\u{1B}[38;5;32m⠢⢄⡀\u{1B}[0m\n    │  \u{1B}[38;5;32m⠈⠑⠤⣀\u{1B}[0m\n    │      \u{1B}[38;5;32m⠑⠢⢄⡀\u{1B}[0m\n0.5 ┤         \u{1B}[38;5;32m⠈⠑⠒⠤⢄⣀\u{1B}[0m\n    │               \u{1B}[38;5;32m⠉⠑⠒⠤\u{1B}[0m\n    └┬────────┬────────┬\n     0        1        2\n            epoch\n")
    }

    @Test func terminalHeatMapPrintsTheNumbers() throws {
        let heat = HeatMap(title: "Confusion", xLabel: "predicted", yLabel: "true", values: [[5, 1], [0, 6]],
                           rowLabels: ["no", "yes"], columnLabels: ["no", "yes"])
        #expect(try ChartPayload.terminal(heat.anyChart.payload(), width: 30, color: false) == #"""
        Confusion
        true
         no    5    1
        yes    0    6
              no  yes
            predicted

        """#)
    }

    @Test func terminalDecisionBoundary() throws {
        let plot = DecisionBoundaryPlot(title: "AND", xRange: 0...1, yRange: 0...1, resolution: 4,
                                        predict: { $0[0] + $0[1] > 1.2 ? 1 : 0 }, points: [[0.1, 0.1], [0.9, 0.9]], labels: [0, 1])
        #expect(plot.grid == [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 1], [0, 1, 1, 1]])
        #expect(try ChartPayload.terminal(plot.anyChart.payload(), width: 30, color: false) == #"""
        AND
        x₂
        1.0 ┤      ················x··
            │            ·············
        0.5 ┤            ·············
            │                   ······
        0.0 ┤  o
            └┬───────────┬───────────┬
            0.0         0.5        1.0
                        x₁
             o class 0   x class 1
        predicted: ' ' class 0, '·' class 1

        """#)
    }

    @Test func terminalImageGrid() throws {
        let grid = ImageGrid(title: "Two", images: [[0, 1, 1, 0], [1, 0, 0, 1]], labels: [3, 4])
        #expect(grid.imageWidth == 2)
        #expect(try ChartPayload.terminal(grid.anyChart.payload(), width: 30, color: false) == #"""
        Two
        ▄▀  ▀▄
        3   4

        """#)
    }

    // MARK: Small multiples

    @Test func aGridHasTwoColumnsForFourChartsElseUpToThree() {
        #expect(ChartGrid(title: "g", charts: [loss]).columns == 1)
        #expect(ChartGrid(title: "g", charts: [loss, loss, loss]).columns == 3)
        #expect(ChartGrid(title: "g", charts: [loss, loss, loss, loss]).columns == 2)
        #expect(ChartGrid(title: "g", charts: Array(repeating: loss, count: 5)).columns == 3)
        #expect(ChartGrid(title: "g", columns: 1, charts: [loss, loss]).rows == [0..<1, 1..<2])
    }

    @Test func svgOfAGridDrawsEachPanelAtThePanelsSize() throws {
        let boundary = DecisionBoundaryPlot(title: "AND", xRange: 0...1, yRange: 0...1, resolution: 2, predict: { $0[0] > 0.5 ? 1 : 0 })
        let grid = ChartGrid(title: "Two panels", charts: [loss, boundary])
        let svg = try ChartPayload.svg(grid.anyChart.payload())
        let lines = svg.split(separator: "\n").map(String.init)
        // One drawing of 640 × (36 + 320 + 4): two panels of 320 × 320 (a decision boundary is square).
        #expect(lines[0].contains(#"width="640" height="360" viewBox="0 0 640 360""#), "\(lines[0])")
        #expect(lines.filter { $0.hasPrefix("<svg") }.count == 1, "panels are groups, not nested drawings")
        #expect(lines.filter { $0.hasPrefix(#"<g class="panel""#) } == [
            #"<g class="panel" transform="translate(0 36)">"#, #"<g class="panel" transform="translate(320 36)">"#,
        ])
        // Each panel is the chart drawn alone at 320 × 320, with ids of its own.
        let alone = SVGRenderer(chart: loss.anyChart, id: "chart-x-1", canvasWidth: 320, canvasHeight: 320).render()
        let panel = SVGRenderer.opened(alone)
        #expect(panel.size == (width: 320, height: 320))
        let first = lines.firstIndex(of: #"<g class="panel" transform="translate(0 36)">"#)! + 1
        let id = try #require(lines[first].split(separator: "\"").dropFirst().first)
        #expect(Array(lines[first..<(first + panel.body.count)]) == panel.body.map { $0.replacingOccurrences(of: "chart-x-1", with: String(id).replacingOccurrences(of: "-title", with: "")) })
        #expect(svg.contains(#"<desc id="\#(id.replacingOccurrences(of: "-1-title", with: ""))-desc">2 charts side by side, 2 per row: Loss; AND.</desc>"#))
    }

    @Test func svgOfAGridScalesAPanelDrawnAtItsOwnSize() throws {
        let digits = ImageGrid(title: "Many digits", images: Array(repeating: Array(repeating: 1, count: 64), count: 40), columns: 20)
        let svg = try ChartPayload.svg(ChartGrid(title: "Scaled", charts: [loss, digits]).anyChart.payload())
        let natural = SVGRenderer.opened(SVGRenderer(chart: digits.anyChart, id: "x").render()).size
        let scale = 320 / natural.width
        #expect(natural.width > 320)
        let expected = #"<g class="panel" transform="translate(320 \#(formatNumber(36 + (240 - natural.height * scale) / 2, decimals: 1))) scale(\#(formatNumber(scale, decimals: 4)))">"#
        #expect(svg.contains(expected), "\(svg.split(separator: "\n").filter { $0.contains("panel") })")
    }

    @Test func terminalGridPutsPanelsSideBySide() throws {
        let a = LineChart(title: "Up", series: [.init(name: "up", values: [0, 1])])
        let b = LineChart(title: "Down", series: [.init(name: "down", values: [1, 0])])
        #expect(try ChartPayload.terminal(ChartGrid(title: "Two ways", charts: [a, b]).anyChart.payload(), width: 60, color: false) == #"""
        Two ways

        Up                             Down
        y                              y
        1 ┤                     ⣀⡠⠤⠒   1 ┤⠒⠤⢄⣀
          │               ⢀⣀⠤⠔⠊⠉         │    ⠉⠑⠢⠤⣀⡀
          │         ⢀⣀⠤⠔⠒⠉⠁              │         ⠈⠉⠒⠢⠤⣀⡀
          │    ⣀⡠⠔⠒⠉⠁                    │               ⠈⠉⠒⠢⢄⣀
        0 ┤⠤⠒⠊⠉                        0 ┤                     ⠉⠑⠒⠤
          └┬───────────────────────┬     └┬───────────────────────┬
           0                       1      0                       1
                       x                              x

        """#)
    }

    @Test func terminalGridPrintsTheLinesEveryPanelSharesOnce() throws {
        func plot(_ title: String, _ classNames: [String] = []) -> DecisionBoundaryPlot {
            DecisionBoundaryPlot(title: title, xRange: 0...1, yRange: 0...1, resolution: 4, predict: { $0[0] > 0.5 ? 1 : 0 },
                                 classNames: classNames)
        }
        let shared = try ChartPayload.terminal(ChartGrid(title: "Two", charts: [plot("A"), plot("B")]).anyChart.payload(),
                                               width: 60, color: false).split(separator: "\n").map(String.init)
        #expect(shared.suffix(2) == ["     o class 0   x class 1          o class 0   x class 1", "predicted: ' ' class 0, '·' class 1"])
        #expect(shared.filter { $0.contains("predicted") }.count == 1)
        // Lines that differ stay in their panels; one longer than a panel's 28 columns widens its column.
        let different = try ChartPayload.terminal(ChartGrid(title: "Two", charts: [plot("A"), plot("B", ["no", "yes"])]).anyChart.payload(),
                                                  width: 60, color: false).split(separator: "\n").map(String.init)
        let predicted = "predicted: ' ' class 0, '·' class 1"
        #expect(different[1] == "A" + String(repeating: " ", count: predicted.count + 3 - 1) + "B")
        #expect(different.last == predicted + "   " + "predicted: ' ' no, '·' yes")
    }

    @Test func aLineKeepsItsColorByNameInEveryPanelOfAGrid() throws {
        let both = LineChart(title: "Both", series: [.init(name: "training", values: [2, 1]), .init(name: "validation", values: [2, 3])])
        let closer = LineChart(title: "Closer", series: [.init(name: "validation", values: [2, 3])])
        let other = LineChart(title: "Other", series: [.init(name: "test", values: [1, 1])])
        let grid = ChartGrid(title: "Losses", charts: [both, closer, other])
        #expect(grid.seriesColors == ["training": 0, "validation": 1, "test": 2])
        let strokes = try ChartPayload.svg(grid.anyChart.payload()).split(separator: "\n").filter { $0.hasPrefix("<polyline") }
            .map { $0.split(separator: "\"")[5] }
        #expect(strokes == [SVGRenderer.color(0), SVGRenderer.color(1), SVGRenderer.color(1), SVGRenderer.color(2)].map { Substring($0) })
        // Alone, the closer chart's one line takes the palette's first color, as before.
        #expect(SVGRenderer(chart: closer.anyChart, id: "x").render().contains(#"stroke="\#(SVGRenderer.color(0))" stroke-width="2" "#))
        // In the terminal too: the closer panel's dots are painted in the validation line's color.
        let text = try ChartPayload.terminal(ChartGrid(title: "Losses", charts: [closer]).anyChart.payload(), width: 40, color: true)
        let alone = try ChartPayload.terminal(closer.anyChart.payload(), width: 40, color: true)
        #expect(text.contains("\u{1B}[38;5;\(TerminalChartRenderer.palette[0])m"), "a grid of one panel colors as the panel alone")
        #expect(alone.contains("38;5;\(TerminalChartRenderer.palette[0])m"))
        let pair = try ChartPayload.terminal(grid.anyChart.payload(), width: 120, color: true)
        let closerColumn = pair.split(separator: "\n").map { line in line.components(separatedBy: "Closer").count }
        #expect(closerColumn.contains(2), "the three panels sit side by side")
        #expect(pair.components(separatedBy: "38;5;\(TerminalChartRenderer.palette[1])m").count - 1
                > alone.components(separatedBy: "38;5;\(TerminalChartRenderer.palette[0])m").count - 1,
                "validation's color is used in two panels, more often than one panel alone uses any")
    }

    @Test func terminalGridStacksPanelsWhenTheTerminalIsNarrow() throws {
        let a = LineChart(title: "Up", series: [.init(name: "up", values: [0, 1])])
        let text = try ChartPayload.terminal(ChartGrid(title: "Two ways", charts: [a, a]).anyChart.payload(), width: 40, color: true)
        let alone = try ChartPayload.terminal(a.anyChart.payload(), width: 40, color: true)
        #expect(text == "\u{1B}[1mTwo ways\u{1B}[0m\n\n" + alone + "\n" + alone)
        #expect(TerminalChartRenderer.visibleWidth("\u{1B}[38;5;32m⠢⢄\u{1B}[0m ab") == 5)
    }

    @Test func aSignedImageGridShowsNegativeBlueAndPositiveRed() throws {
        let weights = ImageGrid(title: "Weights", images: [[-2, 0, 1, 2]], labels: ["h₁"], signed: true)
        #expect(weights.anyChart.payload() == #"{"chart":{"columns":10,"imageWidth":2,"images":[[-2,0,1,2]],"labels":["h₁"],"signed":true,"title":"Weights"},"kind":"image-grid"}"#)
        #expect(!ImageGrid(title: "Ink", images: [[0, 1]]).anyChart.payload().contains("signed"))
        let svg = try ChartPayload.svg(weights.anyChart.payload())
        #expect(svg.contains("Negative values in blue, positive in red, stronger for larger sizes, from -2 to 2."))
        // -2 full blue, 0 not drawn, 1 half red, 2 full red.
        #expect(svg.contains(#"fill="var(--chart-1, #1f77b4)" fill-opacity="1"/>"#))
        #expect(svg.contains(#"fill="var(--chart-4, #d62728)" fill-opacity="0.5"/>"#))
        #expect(svg.components(separatedBy: "fill-opacity=").count - 1 == 3)
        // In the terminal: the heat map's ramps, white for zero.
        #expect(try ChartPayload.terminal(weights.anyChart.payload(), width: 30, color: true)
            == "\u{1B}[1mWeights\u{1B}[0m\n\u{1B}[38;5;19;48;5;203m▀\u{1B}[38;5;231;48;5;124m▀\u{1B}[0m\nh₁\n")
    }

    @Test func aLongLegendWrapsIntoRowsAboveThePlot() throws {
        let runs = LineChart(title: "Ten runs", series: (0..<10).map { .init(name: "seed \($0)", values: [1, Float($0)]) })
        let renderer = SVGRenderer(chart: runs.anyChart, id: "c")
        #expect(renderer.legendRows(runs.series.map(\.name)) == [[0, 1, 2, 3, 4, 5, 6], [7, 8, 9]])
        let svg = renderer.render()
        // The second row of the legend, and the plot below it.
        #expect(svg.contains(#"<text x="224.6" y="66">seed 7</text>"#))
        #expect(svg.contains(#"<line x1="51.2" y1="84" x2="620" y2="84"/>"#))
    }

    @Test func ticksFallOnNiceSteps() {
        #expect(Scale(lower: 0.13, upper: 0.87, tickCount: 4, extend: true).ticks.map { formatNumber($0, decimals: 1) } == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(Scale(lower: 0, upper: 29, tickCount: 3, extend: false, integers: true).ticks == [0, 10, 20])
        #expect(Scale(lower: 0, upper: 3, tickCount: 8, extend: false, integers: true).ticks == [0, 1, 2, 3])
        #expect(formatNumber(-0.0001, decimals: 2) == "0.00")
        #expect(formatNumber(-1.5, decimals: 2) == "-1.50")
    }
}
