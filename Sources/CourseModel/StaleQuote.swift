/// A number the lesson's prose quotes from an output that `--update` changed: the output no
/// longer prints it (a warning, never a failure; see `StaleQuotes` in OutputChecking).
public struct StaleQuote: Hashable, Sendable {
    /// Where a cell states its output: an output block (at its opening line), or a `prints`
    /// cell's `// Prints` comment (the Swift book's style, at the comment's line).
    public struct Statement: Hashable, Sendable {
        public enum Kind: Hashable, Sendable { case outputBlock, printsComment }
        public var line: Int
        public var kind: Kind

        public init(line: Int, kind: Kind) {
            self.line = line
            self.kind = kind
        }

        var stated: String {
            switch kind {
            case .outputBlock: "the output at line \(line) printed"
            case .printsComment: "the `// Prints` comment at line \(line) stated"
            }
        }

        var stillStates: String {
            switch kind {
            case .outputBlock: "the output at line \(line) still prints it"
            case .printsComment: "the `// Prints` comment at line \(line) still states it"
            }
        }
    }

    /// The line of the lesson's text that quotes it.
    public var line: Int
    /// The number as the text writes it, without its sign.
    public var number: String
    /// What stated it before the update.
    public var statedBefore: Statement
    /// Another output that states it now, if one does.
    public var statedNow: Statement?

    public init(line: Int, number: String, statedBefore: Statement, statedNow: Statement? = nil) {
        self.line = line
        self.number = number
        self.statedBefore = statedBefore
        self.statedNow = statedNow
    }

    /// The warning's text.
    public var message: String {
        "the text quotes \(number), which \(statedBefore.stated) before this update and does not now"
            + (statedNow.map { " (\($0.stillStates))" } ?? "")
    }
}
