// PLACEHOLDER so SiteRendering compiles before MathRendering lands: the real file (same
// signatures) replaces this one at merge.

/// A formula that could not be rendered: what is wrong, and where in the TeX (a UTF-8 offset).
public struct MathError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) (at offset \(offset))" }
}

/// Renders TeX math to MathML (site) or Unicode text (terminal).
public enum MathRenderer {
    /// Placeholder: the TeX as escaped text inside `<math>`. Fails on `\error` so callers can
    /// test their error path.
    public static func mathML(_ tex: String, display: Bool) throws(MathError) -> String {
        if let range = tex.firstRange(of: "\\error") {
            throw MathError(message: "unknown command \\error", offset: tex.utf8.distance(from: tex.startIndex, to: range.lowerBound))
        }
        var escaped = ""
        for character in tex {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return "<math\(display ? " display=\"block\"" : "")><mtext>\(escaped)</mtext></math>"
    }

    /// Placeholder: the TeX unchanged.
    public static func unicode(_ tex: String) -> String { tex }
}
