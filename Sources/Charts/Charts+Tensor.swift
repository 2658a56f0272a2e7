import Neural

// Conveniences that take the library's tensors and data sets directly. With
// LayeredGraph+Neural.swift, the only files of Charts that import Neural (the runner's test
// fixture links Charts against a tiny Neural and leaves both out).

extension LineChart.Series {
    /// A series at x = 0, 1, 2, ... from a vector's elements.
    public init(name: String, values: Tensor) { self.init(name: name, values: values.scalars) }
}

extension ScatterPlot {
    /// A scatter plot of a matrix's rows (each [x, y]) colored by integer class labels.
    public init(
        title: String, xLabel: String = "x₁", yLabel: String = "x₂", points: Tensor, labels: Tensor? = nil,
        classNames: [String] = []
    ) {
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, points: points.rows,
                  labels: labels?.scalars.map { Int($0) } ?? [], classNames: classNames)
    }

    /// A scatter plot of a data set's 2-D features colored by its labels.
    public init(title: String, xLabel: String = "x₁", yLabel: String = "x₂", dataset: Dataset, classNames: [String] = []) {
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, points: dataset.features.rows, labels: dataset.labels,
                  classNames: classNames)
    }
}

extension DecisionBoundaryPlot {
    /// A decision boundary with a data set's points on top.
    public init(
        title: String, xLabel: String = "x₁", yLabel: String = "x₂", xRange: ClosedRange<Float>, yRange: ClosedRange<Float>,
        resolution: Int = 60, predict: ([Float]) -> Int, dataset: Dataset, classNames: [String] = []
    ) {
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, xRange: xRange, yRange: yRange, resolution: resolution,
                  predict: predict, points: dataset.features.rows, labels: dataset.labels, classNames: classNames)
    }
}

extension HeatMap {
    /// A heat map of a matrix (a vector is one row).
    public init(title: String, xLabel: String = "column", yLabel: String = "row", values: Tensor,
                rowLabels: [String] = [], columnLabels: [String] = []) {
        let rows = values.rank == 1 ? [values.scalars] : values.rows
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, values: rows, rowLabels: rowLabels, columnLabels: columnLabels)
    }
}

extension ImageGrid {
    /// A grid of a matrix's rows, each one image (e.g. a batch of 64-pixel digits).
    public init(title: String, images: Tensor, labels: [String] = [], columns: Int = 10, imageWidth: Int? = nil, signed: Bool = false) {
        self.init(title: title, images: images.rows, labels: labels, columns: columns, imageWidth: imageWidth, signed: signed)
    }

    /// A grid of a matrix's rows captioned with numbers.
    public init(title: String, images: Tensor, labels: [Int], columns: Int = 10, imageWidth: Int? = nil, signed: Bool = false) {
        self.init(title: title, images: images.rows, labels: labels.map(String.init), columns: columns, imageWidth: imageWidth, signed: signed)
    }
}
