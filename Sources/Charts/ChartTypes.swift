/// A line chart: one or more series of values, such as training and test loss per epoch.
///
/// ```swift
/// show(LineChart(title: "Training loss", xLabel: "epoch", yLabel: "loss", series: [
///     .init(name: "train", values: trainLosses),
///     .init(name: "test", values: testLosses),
/// ]))
/// ```
public struct LineChart: Chart, Hashable {
    /// One line of the chart, with its name in the legend.
    public struct Series: Hashable, Sendable, Codable {
        public var name: String
        public var x: [Float]
        public var y: [Float]

        /// A series at x = 0, 1, 2, ... (as matplotlib's `plot(y)`).
        public init(name: String, values: [Float]) {
            self.init(name: name, x: values.indices.map(Float.init), y: values)
        }

        /// A series through the points (x[i], y[i]); the shorter array sets the length.
        public init(name: String, x: [Float], y: [Float]) {
            let count = min(x.count, y.count)
            self.name = name
            self.x = x.prefix(count).map(rounded)
            self.y = y.prefix(count).map(rounded)
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// The horizontal axis: from the data unless a range or a logarithmic scale is asked for.
    public var xAxis: AxisScale {
        get { storedXAxis ?? .automatic }
        set { storedXAxis = newValue == .automatic ? nil : newValue }
    }
    /// The vertical axis: from the data unless a range or a logarithmic scale is asked for.
    public var yAxis: AxisScale {
        get { storedYAxis ?? .automatic }
        set { storedYAxis = newValue == .automatic ? nil : newValue }
    }
    // Absent from the payload when automatic, so charts that do not ask keep their bytes.
    var storedXAxis: AxisScale?
    var storedYAxis: AxisScale?

    private enum CodingKeys: String, CodingKey {
        case title, xLabel, yLabel, series, storedXAxis = "xAxis", storedYAxis = "yAxis"
    }

    /// - Parameters:
    ///   - title: what the chart shows, read first by screen readers.
    ///   - xLabel: the horizontal axis's name, e.g. "epoch".
    ///   - yLabel: the vertical axis's name, e.g. "loss".
    ///   - xAxis: the horizontal axis's scale (default: from the data).
    ///   - yAxis: the vertical axis's scale: `.range(0.25...0.4)` shows the window the text
    ///     talks about, `.logarithmic` a quantity that falls by powers of ten.
    ///   - series: the lines, each with a name for the legend.
    public init(
        title: String, xLabel: String = "x", yLabel: String = "y", xAxis: AxisScale = .automatic,
        yAxis: AxisScale = .automatic, series: [Series]
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xAxis = xAxis
        self.yAxis = yAxis
    }

    public var anyChart: AnyChart { .line(self) }
}

/// A function plot: functions of one variable sampled over a range, such as activation functions.
///
/// ```swift
/// show(FunctionPlot(title: "Activations", xRange: -4...4, functions: [
///     ("sigmoid", { 1 / (1 + exp(-$0)) }),
///     ("ReLU", { max(0, $0) }),
/// ]))
/// ```
public struct FunctionPlot: Chart, Hashable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Each function, sampled at evenly spaced points; a value that is not finite breaks the line.
    public var series: [LineChart.Series]
    /// The vertical axis: from the values unless a range or a logarithmic scale is asked for.
    public var yAxis: AxisScale {
        get { storedYAxis ?? .automatic }
        set { storedYAxis = newValue == .automatic ? nil : newValue }
    }
    var storedYAxis: AxisScale?

    private enum CodingKeys: String, CodingKey { case title, xLabel, yLabel, series, storedYAxis = "yAxis" }

    /// - Parameters:
    ///   - xRange: where to sample the functions.
    ///   - yAxis: the vertical axis's scale (default: from the values); `.range(-1...1)` keeps a
    ///     function that shoots off from flattening the others.
    ///   - functions: each function with its name for the legend; evaluated when the plot is made.
    ///   - samples: how many evenly spaced points of `xRange` each function is evaluated at.
    public init(
        title: String, xLabel: String = "x", yLabel: String = "y", xRange: ClosedRange<Float>, yAxis: AxisScale = .automatic,
        functions: [(name: String, function: (Float) -> Float)], samples: Int = 201
    ) {
        let count = max(2, samples)
        let xs = (0..<count).map { xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Float($0) / Float(count - 1) }
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = functions.map { entry in
            LineChart.Series(name: entry.name, x: xs, y: xs.map { entry.function($0) })
        }
        self.yAxis = yAxis
    }

    public var anyChart: AnyChart { .function(self) }
}

/// A scatter plot of 2-D points colored by class, such as a data set before training.
///
/// ```swift
/// show(ScatterPlot(title: "Two moons", points: [[0.1, 0.9], [1.2, -0.3]], labels: [0, 1]))
/// ```
public struct ScatterPlot: Chart, Hashable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Each point as [x, y].
    public var points: [[Float]]
    /// Each point's class (0, 1, ...), which sets its color.
    public var labels: [Int]
    /// Legend names of the classes (default: "class 0", "class 1", ...).
    public var classNames: [String]

    /// - Parameters:
    ///   - points: each point as [x, y] (further coordinates are ignored).
    ///   - labels: each point's class, from 0; all class 0 when empty.
    ///   - classNames: names for the legend, by class.
    public init(
        title: String, xLabel: String = "x₁", yLabel: String = "x₂", points: [[Float]], labels: [Int] = [],
        classNames: [String] = []
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.points = points.map { [rounded($0.first ?? 0), rounded($0.count > 1 ? $0[1] : 0)] }
        self.labels = points.indices.map { $0 < labels.count ? max(0, labels[$0]) : 0 }
        self.classNames = classNames
    }

    public var anyChart: AnyChart { .scatter(self) }
}

/// A classifier's decision over a region of the plane, with the data drawn on top.
///
/// The classifier is evaluated when the plot is made, at the center of each cell of a
/// `resolution` × `resolution` grid over `xRange` × `yRange`; the plot keeps the grid.
///
/// ```swift
/// show(DecisionBoundaryPlot(title: "XOR", xRange: -0.5...1.5, yRange: -0.5...1.5,
///                           predict: { Int(model.predict($0)) }, points: inputs, labels: targets))
/// ```
public struct DecisionBoundaryPlot: Chart, Hashable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xRange: ClosedRange<Float>
    public var yRange: ClosedRange<Float>
    /// The predicted class at each grid cell: `grid[row][column]`, row 0 at the bottom (`yRange.lowerBound`).
    public var grid: [[Int]]
    public var points: [[Float]]
    public var labels: [Int]
    public var classNames: [String]

    /// - Parameters:
    ///   - xRange: the horizontal extent of the grid.
    ///   - yRange: the vertical extent of the grid.
    ///   - resolution: the number of grid cells along each axis.
    ///   - predict: the classifier: a point [x, y] to its class (0, 1, ...).
    ///   - points: data points drawn on top, each as [x, y].
    ///   - labels: each point's true class.
    ///   - classNames: names for the legend, by class.
    public init(
        title: String, xLabel: String = "x₁", yLabel: String = "x₂", xRange: ClosedRange<Float>, yRange: ClosedRange<Float>,
        resolution: Int = 60, predict: ([Float]) -> Int, points: [[Float]] = [], labels: [Int] = [],
        classNames: [String] = []
    ) {
        let n = max(1, resolution)
        let width = xRange.upperBound - xRange.lowerBound, height = yRange.upperBound - yRange.lowerBound
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = rounded(xRange.lowerBound)...rounded(xRange.upperBound)
        self.yRange = rounded(yRange.lowerBound)...rounded(yRange.upperBound)
        self.grid = (0..<n).map { row in
            let y = yRange.lowerBound + height * (Float(row) + 0.5) / Float(n)
            return (0..<n).map { column in
                max(0, predict([xRange.lowerBound + width * (Float(column) + 0.5) / Float(n), y]))
            }
        }
        let scatter = ScatterPlot(title: title, points: points, labels: labels)
        self.points = scatter.points
        self.labels = scatter.labels
        self.classNames = classNames
    }

    public var anyChart: AnyChart { .decisionBoundary(self) }
}

/// A heat map: a matrix of numbers as shades, such as a confusion matrix or a layer's weights.
///
/// ```swift
/// show(HeatMap(title: "Confusion matrix", xLabel: "predicted", yLabel: "true",
///              values: confusion, rowLabels: ["0", "1"], columnLabels: ["0", "1"]))
/// ```
public struct HeatMap: Chart, Hashable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// `values[row][column]`; row 0 is drawn at the top, as a matrix is written.
    public var values: [[Float]]
    public var rowLabels: [String]
    public var columnLabels: [String]

    /// - Parameters:
    ///   - values: the matrix, row by row (short rows are padded with 0).
    ///   - rowLabels: a name per row, shown left of the map (default: the row numbers).
    ///   - columnLabels: a name per column, shown under the map (default: the column numbers).
    public init(
        title: String, xLabel: String = "column", yLabel: String = "row", values: [[Float]],
        rowLabels: [String] = [], columnLabels: [String] = []
    ) {
        let columns = values.map(\.count).max() ?? 0
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.values = values.map { row in row.map(rounded) + Array(repeating: 0, count: columns - row.count) }
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
    }

    public var anyChart: AnyChart { .heatMap(self) }
}

/// A grid of small grayscale images, such as handwritten digits, each with an optional caption.
///
/// ```swift
/// show(ImageGrid(title: "The first digits", images: digits.prefix(10).map { $0 }, labels: ["0", "1", ...]))
/// ```
public struct ImageGrid: Chart, Hashable {
    public var title: String
    /// Each image's pixels, row by row, as `imageWidth` columns; brighter (larger) values are ink.
    public var images: [[Float]]
    public var imageWidth: Int
    public var labels: [String]
    public var columns: Int
    /// Whether values have a sign to show: negative in blue, positive in red, zero blank, each as
    /// strong as its size (a layer's weights), instead of ink from the smallest value to the largest.
    public var signed: Bool {
        get { storedSigned ?? false }
        set { storedSigned = newValue ? true : nil }
    }
    // Absent from the payload unless signed, so grids of ink keep their bytes.
    var storedSigned: Bool?

    private enum CodingKeys: String, CodingKey { case title, images, imageWidth, labels, columns, storedSigned = "signed" }

    /// - Parameters:
    ///   - images: each image's pixels row by row; larger values are drawn darker (as ink on paper).
    ///   - labels: a caption under each image (e.g. its class or a prediction).
    ///   - columns: images per row of the grid.
    ///   - imageWidth: pixels per image row (default: the square root of the pixel count, 8 for 8×8 digits).
    ///   - signed: draw negative values blue and positive ones red, as strong as their size
    ///     (for weights: what a neuron looks for and against), instead of ink.
    public init(title: String, images: [[Float]], labels: [String] = [], columns: Int = 10, imageWidth: Int? = nil,
                signed: Bool = false) {
        let pixels = images.first?.count ?? 0
        var side = 1
        while (side + 1) * (side + 1) <= pixels { side += 1 }
        self.title = title
        self.images = images.map { $0.map(rounded) }
        self.imageWidth = max(1, imageWidth ?? side)
        self.labels = labels
        self.columns = max(1, columns)
        self.signed = signed
    }

    /// A grid captioned with numbers, such as each digit's class.
    public init(title: String, images: [[Float]], labels: [Int], columns: Int = 10, imageWidth: Int? = nil, signed: Bool = false) {
        self.init(title: title, images: images, labels: labels.map(String.init), columns: columns, imageWidth: imageWidth, signed: signed)
    }

    /// How strongly a pixel is drawn, from 0 to 1, and (when signed) in which color: the
    /// palette's first (blue) for negative values, its fourth (red) for positive ones.
    func shade(_ value: Float, range: (Double, Double)) -> (strength: Double, colorIndex: Int?) {
        let v = Double(value)
        guard v.isFinite else { return (0, nil) }
        if signed {
            let reach = max(abs(range.0), abs(range.1))
            return (reach > 0 ? min(1, abs(v) / reach) : 0, v < 0 ? 0 : 3)
        }
        return (range.1 > range.0 ? (v - range.0) / (range.1 - range.0) : 0, nil)
    }

    public var anyChart: AnyChart { .imageGrid(self) }
}

/// `x` to 5 significant digits, so payloads are short and the same run gives the same bytes.
func rounded(_ x: Float) -> Float {
    guard x.isFinite, x != 0 else { return x }
    let magnitude = Double(x).magnitude
    var exponent = 0
    var scaled = magnitude
    while scaled >= 10 { scaled /= 10; exponent += 1 }
    while scaled < 1 { scaled *= 10; exponent -= 1 }
    let digits = 4 - exponent
    let scale = power10(abs(digits))
    let value = digits >= 0 ? (Double(x) * scale).rounded() / scale : (Double(x) / scale).rounded() * scale
    return Float(value)
}

func power10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<n { result *= 10 }
    return result
}
