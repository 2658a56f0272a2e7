/// How a piece of text looks in the terminal; without color, nothing of it is printed.
public struct TextStyle: Hashable, Sendable {
    public var bold = false
    public var dim = false
    public var italic = false
    public var underline = false
    public var reverse = false
    /// A 256-color code.
    public var foreground: Int?

    public init(bold: Bool = false, dim: Bool = false, italic: Bool = false, underline: Bool = false,
                reverse: Bool = false, foreground: Int? = nil) {
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
        self.foreground = foreground
    }

    public static let plain = TextStyle()

    /// The SGR escape that sets this style from a reset state ("" for plain).
    var escape: String {
        var codes: [String] = []
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if italic { codes.append("3") }
        if underline { codes.append("4") }
        if reverse { codes.append("7") }
        if let foreground { codes.append("38;5;\(foreground)") }
        return codes.isEmpty ? "" : "\u{1B}[\(codes.joined(separator: ";"))m"
    }

    func merging(_ other: TextStyle) -> TextStyle {
        var style = self
        style.bold = bold || other.bold
        style.dim = dim || other.dim
        style.italic = italic || other.italic
        style.underline = underline || other.underline
        style.reverse = reverse || other.reverse
        style.foreground = other.foreground ?? foreground
        return style
    }
}

/// Text in pieces of one style each.
struct StyledText {
    struct Span {
        var text: String
        var style: TextStyle
    }

    var spans: [Span] = []

    init() {}
    init(_ text: String, _ style: TextStyle = .plain) { spans = [Span(text: text, style: style)] }

    static func + (a: StyledText, b: StyledText) -> StyledText {
        var result = a
        for span in b.spans { result.append(span.text, span.style) }
        return result
    }

    mutating func append(_ text: String, _ style: TextStyle = .plain) {
        guard !text.isEmpty else { return }
        if let last = spans.last, last.style == style {
            spans[spans.count - 1].text += text
        } else {
            spans.append(Span(text: text, style: style))
        }
    }

    var plainText: String { spans.map(\.text).joined() }
    var width: Int { displayWidth(plainText) }

    /// The text with escapes where the style changes (none without `color`).
    func rendered(color: Bool) -> String {
        guard color else { return plainText }
        var out = ""
        for span in spans where !span.text.isEmpty {
            let escape = span.style.escape
            out += escape.isEmpty ? span.text : escape + span.text + "\u{1B}[0m"
        }
        return out
    }

    /// Breaks the text into lines of at most `width` columns at spaces (a word longer than a
    /// line is cut). `first` starts the first line, `rest` every other one.
    func wrapped(width: Int, first: StyledText = StyledText(), rest: StyledText = StyledText()) -> [StyledText] {
        // Words (which may change style inside, as in "**bold**,") and whether a space came before each.
        var words: [(space: Bool, text: StyledText)] = []
        var word = StyledText(), spaceBefore = false
        for span in spans {
            for character in span.text {
                if character == " " || character == "\n" {
                    if !word.spans.isEmpty { words.append((spaceBefore, word)); word = StyledText() }
                    spaceBefore = true
                } else {
                    word.append(String(character), span.style)
                }
            }
        }
        if !word.spans.isEmpty { words.append((spaceBefore, word)) }
        var lines: [StyledText] = []
        var line = first
        var lineHasWord = false
        for (space, word) in words {
            let needed = (lineHasWord && space ? 1 : 0) + word.width
            if lineHasWord && line.width + needed > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            if lineHasWord && space {
                // A space inside one style (a bold heading) keeps it; between styles it is plain.
                let style = line.spans.last?.style == word.spans.first?.style ? word.spans.first?.style ?? .plain : .plain
                line.append(" ", style)
            }
            var remaining = word
            // A word wider than a whole line is cut.
            while line.width + remaining.width > width && line.width < width {
                let room = width - line.width
                let (head, tail) = remaining.split(at: room)
                line = line + head
                lines.append(line)
                line = rest
                remaining = tail
            }
            line = line + remaining
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The first `columns` characters and the rest.
    func split(at columns: Int) -> (StyledText, StyledText) {
        var head = StyledText(), tail = StyledText(), used = 0
        for span in spans {
            for character in span.text {
                if used < columns { head.append(String(character), span.style) } else { tail.append(String(character), span.style) }
                used += 1
            }
        }
        return (head, tail)
    }
}

/// Columns `text` takes on screen: escape sequences take none (wide characters are not
/// expected in lessons and count as one).
public func displayWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
        if inEscape {
            if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
            continue
        }
        if scalar == "\u{1B}" { inEscape = true; continue }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark
            || scalar.value == 0x200D || (0xFE00...0xFE0F).contains(scalar.value) { continue }
        width += 1
    }
    return width
}
