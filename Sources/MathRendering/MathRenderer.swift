// PLACEHOLDER for the fuzz branch only: the API of the MathRendering module as announced
// (`MathRenderer.mathML(_:display:)`, `MathRenderer.unicode(_:)`, `MathError`), with trivial
// bodies, so that `FuzzMathRenderer` compiles. The real file of the same name replaces this one
// when the math branch is merged.

/// Renders the TeX that lessons write between dollars.
public enum MathRenderer {
    /// MathML for a TeX formula (placeholder: the TeX as escaped text in `<math><mtext>`).
    public static func mathML(_ tex: String, display: Bool) throws(MathError) -> String {
        // Scalar by scalar: "&" and a combining mark after it are one Character.
        var escaped = ""
        for scalar in tex.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            // Control characters other than tab and newline have no place in XML.
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": break
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return (display ? "<math display=\"block\">" : "<math>") + "<mtext>" + escaped + "</mtext></math>"
    }

    /// The formula as plain Unicode text (placeholder: the TeX itself).
    public static func unicode(_ tex: String) -> String { tex }
}

/// A formula that cannot be rendered: what is wrong, and where.
public struct MathError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
    public var description: String { message }
}
