/// A number the lesson's prose quotes from an output that `--update` changed: the output no
/// longer prints it (a warning, never a failure; see `StaleQuotes` in OutputChecking).
public struct StaleQuote: Hashable, Sendable {
    /// The line of the lesson's text that quotes it.
    public var line: Int
    /// The number as the text writes it, without its sign.
    public var number: String
    /// The opening line of the output block that printed it before the update.
    public var outputLine: Int
    /// The opening line of another output block that prints it now, if one does.
    public var stillPrintedAt: Int?

    public init(line: Int, number: String, outputLine: Int, stillPrintedAt: Int? = nil) {
        self.line = line
        self.number = number
        self.outputLine = outputLine
        self.stillPrintedAt = stillPrintedAt
    }

    /// The warning's text.
    public var message: String {
        "the text quotes \(number), which the output at line \(outputLine) printed before this update and does not now"
            + (stillPrintedAt.map { " (the output at line \($0) still prints it)" } ?? "")
    }
}
