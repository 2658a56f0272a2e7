import CourseModel

/// How the CLI colors its report: ANSI colors on a terminal, plain text otherwise.
public struct ConsoleStyle: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func passed(_ text: String) -> String { paint(text, "32") }
    func failed(_ text: String) -> String { paint(text, "31") }
    func bold(_ text: String) -> String { paint(text, "1") }

    /// `path:line: warning: message`, with "warning" in yellow: something to look at that does not fail the check.
    func warning(_ location: SourceLocation, _ message: String) -> String {
        bold("\(location):") + " " + paint("warning:", "33") + " " + message
    }

    /// `path:line: error: message` with the location in bold and "error" in red, then the detail.
    func error(_ diagnostic: Diagnostic) -> String {
        var text = ""
        if let location = diagnostic.location { text += bold("\(location):") + " " }
        text += failed("error:") + " " + diagnostic.message
        if let detail = diagnostic.detail, !detail.isEmpty { text += "\n" + detail }
        return text
    }
}
