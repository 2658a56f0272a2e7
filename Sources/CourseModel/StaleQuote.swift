/// A number the lesson's prose quotes from an output that `--update` changed: the output no
/// longer prints it (a warning, never a failure; see `StaleQuotes` in OutputChecking).
public struct StaleQuote: Hashable, Sendable {
    /// Where a cell states its output: an output block, or a `prints` cell's `// Prints`
    /// comments (the Swift book's style).
    public enum Place: Hashable, Sendable {
        case outputBlock
        case printsComment

        func stated(at line: Int) -> String {
            switch self {
            case .outputBlock: "the output at line \(line) printed"
            case .printsComment: "the `// Prints` comment at line \(line) stated"
            }
        }

        func stillStates(at line: Int) -> String {
            switch self {
            case .outputBlock: "the output at line \(line) still prints it"
            case .printsComment: "the `// Prints` comment at line \(line) still states it"
            }
        }
    }

    /// The line of the lesson's text that quotes it.
    public var line: Int
    /// The number as the text writes it, without its sign.
    public var number: String
    /// The opening line of the output block (or the line of the `// Prints` comment) that
    /// stated it before the update.
    public var outputLine: Int
    public var outputPlace: Place
    /// Where another output states it now, if one does.
    public var stillPrintedAt: Int?
    public var stillPrintedPlace: Place

    public init(line: Int, number: String, outputLine: Int, outputPlace: Place = .outputBlock,
                stillPrintedAt: Int? = nil, stillPrintedPlace: Place = .outputBlock) {
        self.line = line
        self.number = number
        self.outputLine = outputLine
        self.outputPlace = outputPlace
        self.stillPrintedAt = stillPrintedAt
        self.stillPrintedPlace = stillPrintedPlace
    }

    /// The warning's text.
    public var message: String {
        "the text quotes \(number), which \(outputPlace.stated(at: outputLine)) before this update and does not now"
            + (stillPrintedAt.map { " (\(stillPrintedPlace.stillStates(at: $0)))" } ?? "")
    }
}
