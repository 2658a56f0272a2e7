import Testing
@testable import Charts
import Foundation

/// Axis control on line charts: a fixed window, a logarithmic scale, and what each renderer draws.
@Suite struct AxisScaleTests {
    let overfitting = LineChart(title: "Overfitting", xLabel: "epoch", yLabel: "loss", yAxis: .range(0.25...0.4), series: [
        .init(name: "train", values: [2.3, 0.5, 0.3, 0.2, 0.1]),
        .init(name: "validation", values: [2.2, 0.3, 0.287, 0.31, 0.352]),
    ])
    let falling = LineChart(title: "Falling loss", xLabel: "epoch", yLabel: "loss", yAxis: .logarithmic, series: [
        .init(name: "loss", values: [0.8, 0.69, 0.03, 0.009, 0.005, 0.0034]),
    ])

    @Test func anAutomaticAxisLeavesThePayloadAsItWas() {
        let chart = LineChart(title: "Loss", series: [.init(name: "train", values: [1, 0.5])])
        #expect(chart.anyChart.payload() == #"{"chart":{"series":[{"name":"train","x":[0,1],"y":[1,0.5]}],"title":"Loss","xLabel":"x","yLabel":"y"},"kind":"line"}"#)
        #expect(chart.yAxis == .automatic)
    }

    @Test func aChosenAxisTravelsInThePayload() throws {
        #expect(overfitting.anyChart.payload().contains(#""yAxis":{"isLogarithmic":false,"lower":0.25,"upper":0.4}"#))
        #expect(try AnyChart(payload: overfitting.anyChart.payload()) == overfitting.anyChart)
        let plot = FunctionPlot(title: "exp", xRange: 0...5, yAxis: .logarithmic, functions: [("exp", { Float(exp(Double($0))) })], samples: 3)
        #expect(plot.anyChart.payload() == #"{"chart":{"series":[{"name":"exp","x":[0,2.5,5],"y":[1,12.182,148.41]}],"title":"exp","xLabel":"x","yAxis":{"isLogarithmic":true},"yLabel":"y"},"kind":"function"}"#)
    }

    @Test func logarithmicTicksArePowersOfTen() {
        // Extended ends move out to 1, 2 or 5 times a power of ten.
        let extended = Scale(logarithmicFrom: 0.0034, to: 0.8, tickCount: 6, extendLower: true, extendUpper: true)
        #expect(abs(extended.lower - 0.002) < 1e-12 && extended.upper == 1)
        #expect(extended.ticks.map(extended.label) == ["0.01", "0.1", "1"])
        let decades = Scale(logarithmicFrom: 0.001, to: 1, tickCount: 6, extendLower: false, extendUpper: false)
        #expect(abs(decades.fraction(0.01) - 1.0 / 3) < 1e-12)
        // Fewer than three powers of ten inside: 2 and 5 times them too.
        let loss = Scale(logarithmicFrom: 0.159, to: 2.5, tickCount: 6, extendLower: true, extendUpper: true)
        #expect(abs(loss.lower - 0.1) < 1e-12 && abs(loss.upper - 5) < 1e-12)
        #expect(loss.ticks.map(loss.label) == ["0.1", "0.2", "0.5", "1", "2", "5"])
        // Many decades: every few powers, and far ones as powers of ten.
        let wide = Scale(logarithmicFrom: 1e-45, to: 1, tickCount: 6, extendLower: true, extendUpper: true)
        #expect(wide.ticks.map(wide.label) == ["10⁻⁴⁵", "10⁻³⁷", "10⁻²⁹", "10⁻²¹", "10⁻¹³", "10⁻⁵"])
        // Less than a decade: 2 and 5 times the powers, then every digit.
        let narrow = Scale(logarithmicFrom: 0.15, to: 0.9, tickCount: 6, extendLower: false, extendUpper: false)
        #expect(narrow.ticks.map(narrow.label) == ["0.2", "0.5"])
        let tight = Scale(logarithmicFrom: 0.287, to: 0.352, tickCount: 6, extendLower: false, extendUpper: false)
        #expect(tight.ticks.map(tight.label) == ["0.3"] || tight.ticks.count >= 2)
        #expect(Scale(logarithmicFrom: 1, to: 1, tickCount: 6, extendLower: false, extendUpper: false).ticks.count >= 2)
    }

    @Test func aFixedEndStaysWhereTheAuthorPutIt() {
        let axis = AxisScale(lower: 0)
        let scale = axis.scale(for: [0.31, 0.29, 0.35], tickCount: 6, extend: true)
        #expect((scale.lower, scale.upper) == (0, 0.4))
        let window = AxisScale.range(0.25...0.4).scale(for: [2.3, 0.1], tickCount: 6, extend: true)
        #expect((window.lower, window.upper) == (Double(Float(0.25)), Double(Float(0.4))))
        #expect(window.ticks.map(window.label) == ["0.25", "0.30", "0.35", "0.40"])
    }

    @Test func svgClipsLinesToAFixedWindow() throws {
        let svg = try ChartPayload.svg(overfitting.anyChart.payload())
        #expect(svg.contains(#"<desc id="chart-"#))
        #expect(svg.contains("The loss axis runs from 0.25 to 0.40."))
        #expect(svg.contains(#"<clipPath id=""#))
        #expect(svg.components(separatedBy: #"clip-path="url(#chart-"#).count == 3)
    }

    @Test func svgOfALogarithmicAxisBreaksTheLineAtZero() throws {
        let withZero = LineChart(title: "Loss", yAxis: .logarithmic, series: [.init(name: "loss", values: [1, 0.1, 0, 0.01, 0.001])])
        let svg = try ChartPayload.svg(withZero.anyChart.payload())
        #expect(svg.contains("on a logarithmic scale."))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(!svg.contains("clip-path"))
    }

    @Test func terminalLogarithmicChart() throws {
        // Powers of ten equally spaced: the fall from 0.03 to 0.0034 is as visible as the one from 0.8 to 0.03.
        #expect(try ChartPayload.terminal(falling.anyChart.payload(), width: 40, color: false) == #"""
        Falling loss
        loss
             │⠉⠉⠉⠑⠒⠒⠒⢄
             │        ⠑⢄
         0.1 ┤          ⠉⠢⡀
             │            ⠈⠢⢄⡀
        0.01 ┤               ⠈⠉⠒⠢⢄⣀⣀
             │                      ⠉⠉⠉⠑⠒⠒⠒⠤⠤⠤⣀⣀
             └┬────────────────────────────────┬
              0                                5
                            epoch

        """#)
    }

    @Test func terminalChartCutAtAFixedWindow() throws {
        // Both lines come down from 2.3 and 2.2, far above the window, and the training loss
        // leaves it at the bottom: they are cut at its edges, and only the validation loss,
        // which ends inside, gets its end mark.
        #expect(try ChartPayload.terminal(overfitting.anyChart.payload(), width: 40, color: false) == #"""
        Overfitting
        loss
        0.4 ┤        ⡇    ⠱⡀
            │        ⡇     ⠑⡄                  x
            │        ⢸      ⠘⢄            ⢀⡠⠔⠒⠉
        0.3 ┤        ⢸⣀⣀     ⠈⢆    ⣀⣀⣀⠤⠤⠒⠉⠁
            │           ⠉⠉⠉⠉⠑⠒⠒⠓⢍⡉⠉
            │                    ⠈⠢⡀
            └┬────────────────┬────────────────┬
             0                2                4
                            epoch
             o train   x validation

        """#)
    }
}
