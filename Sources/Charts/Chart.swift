#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CourseSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A chart a lesson can show: a value that knows its data, drawn later as SVG (the site) or
/// with Unicode characters (the terminal reader).
///
/// Every chart type holds only data (a decision boundary evaluates its classifier on a grid
/// when it is made), so a chart is `Codable` and the same run gives the same bytes.
public protocol Chart: Codable, Sendable {
    /// The chart as one of the known kinds, for encoding and drawing.
    var anyChart: AnyChart { get }
}

/// Every kind of chart, as one type: the payload `show(_:)` writes is this value as JSON.
public enum AnyChart: Hashable, Sendable, Codable {
    case line(LineChart)
    case scatter(ScatterPlot)
    case decisionBoundary(DecisionBoundaryPlot)
    case function(FunctionPlot)
    case heatMap(HeatMap)
    case imageGrid(ImageGrid)
    case grid(ChartGrid)
    case layeredGraph(LayeredGraph)

    private enum CodingKeys: String, CodingKey { case kind, chart }

    /// The `kind` field of the payload.
    public var kind: String {
        switch self {
        case .line: "line"
        case .scatter: "scatter"
        case .decisionBoundary: "decision-boundary"
        case .function: "function"
        case .heatMap: "heat-map"
        case .imageGrid: "image-grid"
        case .grid: "grid"
        case .layeredGraph: "layered-graph"
        }
    }

    public var title: String {
        switch self {
        case .line(let c): c.title
        case .scatter(let c): c.title
        case .decisionBoundary(let c): c.title
        case .function(let c): c.title
        case .heatMap(let c): c.title
        case .imageGrid(let c): c.title
        case .grid(let c): c.title
        case .layeredGraph(let c): c.title
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "line": self = .line(try container.decode(LineChart.self, forKey: .chart))
        case "scatter": self = .scatter(try container.decode(ScatterPlot.self, forKey: .chart))
        case "decision-boundary": self = .decisionBoundary(try container.decode(DecisionBoundaryPlot.self, forKey: .chart))
        case "function": self = .function(try container.decode(FunctionPlot.self, forKey: .chart))
        case "heat-map": self = .heatMap(try container.decode(HeatMap.self, forKey: .chart))
        case "image-grid": self = .imageGrid(try container.decode(ImageGrid.self, forKey: .chart))
        case "grid": self = .grid(try container.decode(ChartGrid.self, forKey: .chart))
        case "layered-graph": self = .layeredGraph(try container.decode(LayeredGraph.self, forKey: .chart))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown chart kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .line(let c): try container.encode(c, forKey: .chart)
        case .scatter(let c): try container.encode(c, forKey: .chart)
        case .decisionBoundary(let c): try container.encode(c, forKey: .chart)
        case .function(let c): try container.encode(c, forKey: .chart)
        case .heatMap(let c): try container.encode(c, forKey: .chart)
        case .imageGrid(let c): try container.encode(c, forKey: .chart)
        case .grid(let c): try container.encode(c, forKey: .chart)
        case .layeredGraph(let c): try container.encode(c, forKey: .chart)
        }
    }

    /// The payload: one line of JSON with sorted keys; numbers were rounded when the chart
    /// was made, so identical runs give identical bytes.
    public func payload() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Every stored value is finite or mapped above, so encoding cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The chart a payload describes.
    public init(payload: String) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        self = try decoder.decode(AnyChart.self, from: Data(payload.utf8))
    }
}

extension AnyChart: Chart {
    public var anyChart: AnyChart { self }
}

/// Shows a chart: in a lesson, it appears under the cell's output, as SVG on the site and
/// drawn with Unicode in the terminal reader.
///
/// The chart reaches the runner as a payload of the lesson program's stream (see
/// `CourseRuntimeEvent` in the runner's support module), which the runner takes out of the
/// cell's text output. In a plain Swift program the markers and the payload are simply printed.
public func show(_ chart: some Chart) {
    CourseRuntimeEvent.emitPayload(kind: "chart", chart.anyChart.payload())
}
