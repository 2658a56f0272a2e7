// PLACEHOLDER for the fuzz branch only: the API of the MathRendering module as announced
// (`MathRenderer.mathML(_:display:)`, `MathRenderer.unicode(_:)`, `MathError`), with trivial
// bodies, so that `FuzzMathRenderer` compiles. The real file of the same name replaces this one
// when the math branch is merged.

/// Renders the TeX that lessons write between dollars.
public enum MathRenderer {
    /// MathML for a TeX formula (placeholder: the TeX as escaped text in `<math><mtext>`).
    public static func mathML(_ tex: String, display: Bool) throws(MathError) -> String {
        var escaped = ""
        for character in tex {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            // Control characters other than tab and newline have no place in XML.
            case _ where character.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" }: break
            default: escaped.append(character)
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
