/// The stage of the pipeline that found a problem.
public enum Stage: String, Sendable, Codable {
    case load, parse, compile, run, check, update, build
}

/// A problem found in a lesson, always tied to the Markdown `file:line` where possible.
///
/// `message` is one line; `detail` holds what explains it (a diff, the compiler's note, a
/// trap's message), printed indented under the message.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var stage: Stage
    public var location: SourceLocation?
    public var message: String
    public var detail: String?

    public init(_ stage: Stage, at location: SourceLocation?, _ message: String, detail: String? = nil) {
        self.stage = stage
        self.location = location
        self.message = message
        self.detail = detail
    }

    /// `path:line: error: message`, then the detail, as compilers print it.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "error: \(message)"
        if let detail, !detail.isEmpty { text += "\n" + detail }
        return text
    }
}

/// Several diagnostics at once: a parser reports every problem it can find, not only the first.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var all: [Diagnostic]
    public init(_ all: [Diagnostic]) { self.all = all }
    public var description: String { all.map(\.description).joined(separator: "\n") }
}
