/// How a line chart maps values to one of its axes: from the data (the default), within a
/// fixed window, or on a logarithmic scale.
///
/// ```swift
/// // The validation loss rises from 0.287 to 0.352: show that window, not 0 to 2.5.
/// show(LineChart(title: "Overfitting", xLabel: "epoch", yLabel: "loss", yAxis: .range(0.25...0.40), series: [
///     .init(name: "validation", values: validationLosses),
/// ]))
/// // A loss that falls from 0.8 to 0.003: each power of ten gets the same height.
/// show(LineChart(title: "Learning XOR", yAxis: .logarithmic, series: [.init(name: "loss", values: losses)]))
/// ```
///
/// A line that leaves a fixed window is cut at its edge; on a logarithmic axis, a value that
/// is not positive breaks the line, as a value that is not finite does.
public struct AxisScale: Hashable, Sendable, Codable {
    /// The axis's lower end; `nil` takes it from the data.
    public var lower: Float?
    /// The axis's upper end; `nil` takes it from the data.
    public var upper: Float?
    /// Whether equal ratios (1 to 10, 10 to 100) get equal lengths.
    public var isLogarithmic: Bool

    /// - Parameters:
    ///   - lower: the axis's lower end (default: from the data).
    ///   - upper: the axis's upper end (default: from the data).
    ///   - logarithmic: whether the axis is logarithmic; its ends must then be positive.
    public init(lower: Float? = nil, upper: Float? = nil, logarithmic: Bool = false) {
        self.lower = lower.map(rounded)
        self.upper = upper.map(rounded)
        self.isLogarithmic = logarithmic
    }

    /// From the data, extended to whole tick steps (the default).
    public static let automatic = AxisScale()

    /// A logarithmic axis over the data's positive values.
    public static let logarithmic = AxisScale(logarithmic: true)

    /// Exactly `range`, whatever the data: the window the text talks about.
    public static func range(_ range: ClosedRange<Float>) -> AxisScale {
        AxisScale(lower: range.lowerBound, upper: range.upperBound)
    }

    /// The value where the axis would put `value`: a logarithmic axis cannot show zero or
    /// negative numbers, so those are dropped (`nil`), as values that are not finite are.
    func drawable(_ value: Float) -> Float? {
        guard value.isFinite else { return nil }
        return isLogarithmic && value <= 0 ? nil : value
    }

    /// The scale for `values` with about `tickCount` ticks. `extend` widens an automatic
    /// end to a whole tick step, `padded` first widens the data's extent by 5% (for charts
    /// that draw their ticks inside the data); `integers` keeps linear ticks on whole numbers.
    /// An end the author fixed is kept exactly.
    func scale(for values: [Float], tickCount: Int, extend: Bool, padded: Bool = false, integers: Bool = false) -> Scale {
        let extent = Scale.extent(values.compactMap(drawable))
        if isLogarithmic {
            let low = lower.map(Double.init) ?? extent?.0 ?? Double(upper ?? 10) / 10
            let high = upper.map(Double.init) ?? extent?.1 ?? Double(lower ?? 0.1) * 10
            return Scale(logarithmicFrom: low, to: high, tickCount: tickCount, extendLower: extend && lower == nil,
                         extendUpper: extend && upper == nil)
        }
        var (low, high) = padded ? Scale.padded(extent) : extent ?? (0, 1)
        if let lower { low = Double(lower) }
        if let upper { high = Double(upper) }
        return Scale(lower: low, upper: high, tickCount: tickCount, extendLower: extend && lower == nil,
                     extendUpper: extend && upper == nil, integers: integers)
    }

}
