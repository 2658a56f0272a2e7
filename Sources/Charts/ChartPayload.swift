/// Draws a chart from the payload that `show(_:)` wrote, for the site and the terminal reader.
public enum ChartPayload {
    /// Inline, accessible SVG for a payload that `show(_:)` wrote: `<svg role="img"
    /// aria-labelledby=...>` with `<title>`, axis labels; colors via CSS custom properties with
    /// fallbacks (e.g. `fill="var(--chart-1, #1f77b4)"`) and `currentColor` for axes and text,
    /// so it reads in light and dark themes; no external references; `width`/`height`
    /// attributes plus a `viewBox` so it scales.
    public static func svg(_ payload: String) throws -> String {
        let chart = try decode(payload)
        return SVGRenderer(chart: chart, id: "chart-" + stableHash(payload)).render()
    }

    /// The chart drawn with Unicode (braille or block characters) and, if `color`, ANSI colors,
    /// fitted to `width` columns. Lines end in "\n".
    public static func terminal(_ payload: String, width: Int, color: Bool) throws -> String {
        let chart = try decode(payload)
        return TerminalChartRenderer(chart: chart, width: width, color: color).render()
    }

    static func decode(_ payload: String) throws -> AnyChart {
        do {
            return try AnyChart(payload: payload)
        } catch {
            throw ChartPayloadError(message: "not a chart payload: \(error)")
        }
    }
}

/// A payload that does not describe a chart (written by another version of `Charts`, or cut short).
public struct ChartPayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
