/// A text split into lines the way cmark splits them: "\n", "\r\n" and a lone "\r" each end a
/// line. Line numbers are 1-based, as in cmark's source positions and in every diagnostic.
///
/// The one line-splitting rule of the project: the parser numbers lines with it, `--update`
/// rewrites some lines and keeps every other byte (each line keeps its own terminator), and
/// the stale-quote warnings number prose lines with it.
public struct SourceLines: Sendable {
    /// Each line's bytes, without its terminator.
    public private(set) var lines: [[UInt8]]
    /// Each line's terminator: "\n", "\r\n", "\r", or "" for a last line with no newline.
    public private(set) var terminators: [String]
    /// The terminator given to new lines: the text's first one ("\n" if it has none).
    public let lineEnding: String

    public init(_ text: String) {
        var lines: [[UInt8]] = [], terminators: [String] = []
        var current: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\n"):
                lines.append(current)
                terminators.append("\n")
                current = []
            case UInt8(ascii: "\r"):
                if bytes.first == UInt8(ascii: "\n") {
                    bytes.removeFirst()
                    terminators.append("\r\n")
                } else {
                    terminators.append("\r")
                }
                lines.append(current)
                current = []
            default:
                current.append(byte)
            }
        }
        // A final line without a line ending still counts; an empty text has no line.
        if !current.isEmpty {
            lines.append(current)
            terminators.append("")
        }
        self.lines = lines
        self.terminators = terminators
        lineEnding = terminators.first { !$0.isEmpty } ?? "\n"
    }

    public var count: Int { lines.count }

    /// The bytes of 1-based line `number`, or empty past the end.
    public subscript(number: Int) -> [UInt8] {
        number >= 1 && number <= lines.count ? lines[number - 1] : []
    }

    /// The lines' text, without terminators (0-based).
    public var contents: [String] { lines.map { String(decoding: $0, as: UTF8.self) } }

    /// The text again, every line with its own terminator.
    public var text: String {
        var bytes: [UInt8] = []
        for (line, terminator) in zip(lines, terminators) {
            bytes.append(contentsOf: line)
            bytes.append(contentsOf: terminator.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces the lines at the 0-based `range` (empty to insert) with `newLines`, which get
    /// the text's line ending. A text without a final newline keeps having none.
    public mutating func replace(_ range: Range<Int>, with newLines: [String]) {
        let endsWithoutNewline = terminators.last == ""
        lines.replaceSubrange(range, with: newLines.map { Array($0.utf8) })
        terminators.replaceSubrange(range, with: Array(repeating: lineEnding, count: newLines.count))
        if endsWithoutNewline, !terminators.isEmpty {
            for index in terminators.indices where terminators[index].isEmpty {
                terminators[index] = lineEnding
            }
            terminators[terminators.count - 1] = ""
        }
    }

    /// Replaces the text of the 0-based line `index`, keeping its terminator.
    public mutating func setText(ofLine index: Int, to text: String) {
        guard lines.indices.contains(index) else { return }
        lines[index] = Array(text.utf8)
    }

    /// Lines joined as cmark should read them: every line ended by "\n".
    public static func joined(_ lines: [[UInt8]]) -> String {
        var bytes: [UInt8] = []
        for line in lines {
            bytes.append(contentsOf: line)
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension UInt8 {
    /// A space or a tab: what indents a Markdown line.
    public var isSpaceOrTab: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }
}

/// Whether a line holds only spaces and tabs.
public func isBlank<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    bytes.allSatisfy(\.isSpaceOrTab)
}
