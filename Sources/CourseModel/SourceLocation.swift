/// A place in a lesson's Markdown source: the path as the user should see it, a 1-based
/// line and, where known, a 1-based column.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int?

    public init(path: String, line: Int, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line` or `path:line:column`, the form editors and CI annotations understand.
    public var description: String {
        if let column { return "\(path):\(line):\(column)" }
        return "\(path):\(line)"
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column ?? 0) < (b.path, b.line, b.column ?? 0)
    }
}
