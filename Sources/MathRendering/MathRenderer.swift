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
    /// Placeholder: the TeX as escaped text inside `<math>`. Fails on unbalanced braces, so
    /// callers can test their error path.
    public static func mathML(_ tex: String, display: Bool) throws(MathError) -> String {
        var depth = 0
        for (offset, byte) in tex.utf8.enumerated() {
            if byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "}") { depth -= 1 }
            if depth < 0 { throw MathError(message: "unbalanced }", offset: offset) }
        }
        if depth > 0 { throw MathError(message: "missing }", offset: tex.utf8.count) }
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
