// PLACEHOLDER so SiteRendering compiles before Charts lands: the real file (same signatures)
// replaces this one at merge.

/// Draws a chart from the payload a lesson program wrote to its output stream.
public enum ChartPayload {
    struct Invalid: Error, CustomStringConvertible {
        var description: String { "not a chart payload" }
    }

    /// Placeholder: an SVG box saying "chart". Throws on an empty payload.
    public static func svg(_ payload: String) throws -> String {
        guard !payload.isEmpty else { throw Invalid() }
        return #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 80" width="320" height="80" role="img"><rect x="1" y="1" width="318" height="78" fill="none" stroke="currentColor"/><text x="160" y="45" text-anchor="middle" fill="currentColor">chart</text></svg>"#
    }

    /// Placeholder: one line saying "chart".
    public static func terminal(_ payload: String, width: Int, color: Bool) throws -> String {
        guard !payload.isEmpty else { throw Invalid() }
        return "[chart]\n"
    }
}
