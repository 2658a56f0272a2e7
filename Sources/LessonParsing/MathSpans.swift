import CourseModel
import Plumbing

/// Keeps TeX math away from cmark, which would read `_` and `*` in a formula as emphasis and
/// eat its backslashes.
///
/// Before cmark parses a lesson, every math span in a paragraph or heading is replaced by a
/// placeholder made of private-use characters (U+E000, the span's index in U+E010...U+E019
/// digits, U+E001). A span over several lines keeps its line breaks: each further line keeps
/// its container markers (`> `, indentation) and holds a single filler character (U+E002), so
/// cmark sees the same lines and blocks. After cmark, placeholders in text become
/// `.inlineMath` / `.displayMath`, and fillers vanish with the line break before them.
///
/// The rules are pandoc's `tex_math_dollars`:
/// - `$$` opens display math, closed by the next `$$` within the same paragraph; the TeX
///   between them (trimmed of surrounding whitespace, never empty) may span lines.
/// - Otherwise `$` opens inline math if the next character is not whitespace; the first
///   later unescaped `$` closes it, but only if the character before it is not whitespace
///   and the one after it is not a digit; if not, the opening `$` is an ordinary dollar. So
///   "$5 and $10" and "costs $5, or $6" hold no math, while "$x_1 + y_2$" is math.
///   One rule more than pandoc's: inline math holds no backtick, so a dollar never swallows
///   the start of a code span ("$10 or `$x$`" has no math outside the code span).
/// - Math is looked for in the paragraphs and headings cmark finds before any replacement
///   (with the lesson's pipe tables read as tables: `PipeTables` gives each cell's text a
///   region of its own); display math opened in one may run on over the following lines, up
///   to a blank line, a code or HTML block or a table, even where cmark read them as other
///   blocks (a line `+ b` inside `$$...$$` is part of the formula, not a list item).
/// - `\$` is a literal dollar, outside math and inside inline math.
/// - Nothing inside code spans, code blocks or HTML blocks is math.
enum MathSpans {
    struct Span: Equatable {
        var tex: String
        var isDisplay: Bool
        /// The span as written, dollars included, for the rare place cmark does not treat as
        /// text (a code span, a link destination, inline HTML).
        var raw: String
    }

    /// Where math may occur: a paragraph or heading as the first cmark pass saw it.
    struct Region {
        var startLine: Int
        /// 1-based byte column where the block's content starts on its first line; the bytes
        /// before it are container markers, also found on its further lines.
        var startColumn: Int
        var endLine: Int
        /// The first line to scan: a later one when an earlier region's display math took the first.
        var scanStartLine: Int
        /// The last line display math opened in this region may reach: the lines after the
        /// block up to a blank line or a code or HTML block.
        var limitLine: Int
    }

    static let placeholderStart: Unicode.Scalar = "\u{E000}"
    static let placeholderEnd: Unicode.Scalar = "\u{E001}"
    static let filler: Unicode.Scalar = "\u{E002}"
    static let digitZero: UInt32 = 0xE010

    /// Paragraphs and headings of a cmark tree, in document order, where math is looked for.
    /// Display math never runs on into a code or HTML block or a line of `protected` (a table's).
    static func regions(in tree: CMarkNode, lines: [[UInt8]], protected tableLines: Set<Int> = []) -> [Region] {
        var regions: [Region] = []
        var protected = tableLines
        func visit(_ node: CMarkNode) {
            switch node.kind {
            case .paragraph, .heading:
                regions.append(Region(
                    startLine: node.startLine, startColumn: node.startColumn, endLine: node.endLine,
                    scanStartLine: node.startLine, limitLine: node.endLine))
            case .codeBlock, .htmlBlock:
                protected.formUnion(node.startLine...max(node.startLine, node.endLine))
            default:
                node.children.forEach(visit)
            }
        }
        visit(tree)
        // Display math may run on over lines cmark read as other blocks ("+ b" starts a list).
        for index in regions.indices {
            var limit = regions[index].endLine
            while limit < lines.count, !protected.contains(limit + 1),
                  lines[limit].contains(where: { !($0.isSpaceOrTab || $0 == UInt8(ascii: ">")) }) {
                limit += 1
            }
            regions[index].limitLine = limit
        }
        return regions
    }

    /// A span found, where it starts and ends (1-based line, 0-based byte column; the end is
    /// exclusive), and how many bytes of container markers its block's first line has.
    private typealias Found = (span: Span, start: (line: Int, column: Int), end: (line: Int, column: Int), prefix: Int)

    /// The lines that display math spread over several lines covers: no table is looked for in
    /// them (a formula's line such as `-:` is TeX, not a table's delimiter row).
    static func displayMathLines(lines: [[UInt8]], regions: [Region]) -> Set<Int> {
        var covered = Set<Int>()
        for item in find(lines: lines, regions: regions) where item.span.isDisplay && item.end.line > item.start.line {
            covered.formUnion(item.start.line...item.end.line)
        }
        return covered
    }

    /// Replaces the math spans found in `regions` of `lines` by placeholders, numbered from
    /// `firstIndex` (the spans of a table's cells follow the document's).
    static func extract(lines: [[UInt8]], regions: [Region], firstIndex: Int = 0) -> (lines: [[UInt8]], spans: [Span]) {
        let found = find(lines: lines, regions: regions)
        var lines = lines
        // From the last span back, so earlier positions stay valid.
        for (index, item) in found.enumerated().reversed() {
            let (start, end) = (item.start, item.end)
            let placeholder = Array(placeholderText(firstIndex + index).utf8)
            if start.line == end.line {
                lines[start.line - 1].replaceSubrange(start.column..<end.column, with: placeholder)
                continue
            }
            let fillerBytes = Array(String(filler).utf8)
            let last = lines[end.line - 1]
            let lastPrefix = ContainerPrefix.length(last, limit: item.prefix)
            lines[end.line - 1] = Array(last[..<lastPrefix]) + fillerBytes + Array(last[end.column...])
            for number in (start.line + 1)..<end.line {
                let line = lines[number - 1]
                lines[number - 1] = Array(line[..<ContainerPrefix.length(line, limit: item.prefix)]) + fillerBytes
            }
            lines[start.line - 1].replaceSubrange(start.column..., with: placeholder)
        }
        return (lines, found.map(\.span))
    }

    /// The math spans in `regions` of `lines`, in document order.
    private static func find(lines: [[UInt8]], regions: [Region]) -> [Found] {
        var found: [Found] = []
        var consumedThrough = 0
        for var region in regions where region.endLine > consumedThrough {
            if region.startLine <= consumedThrough { region.scanStartLine = consumedThrough + 1 }
            let (spans, lastLine) = scan(lines: lines, region: region)
            for (span, start, end) in spans {
                found.append((span, start, end, region.startColumn - 1))
            }
            // Regions never share lines, except where cmark's line numbers overlap (a setext
            // heading over a paragraph, in some inputs): then a line is scanned once only.
            consumedThrough = max(consumedThrough, lastLine)
        }
        return found
    }

    static func placeholderText(_ index: Int) -> String {
        var text = String(placeholderStart)
        for digit in String(index).unicodeScalars {
            text.unicodeScalars.append(Unicode.Scalar(digitZero + digit.value - 48)!)
        }
        text.unicodeScalars.append(placeholderEnd)
        return text
    }

    // MARK: Finding spans

    /// The spans in a region, and the last line they reach.
    private static func scan(lines: [[UInt8]], region: Region)
        -> ([(Span, start: (line: Int, column: Int), end: (line: Int, column: Int))], lastLine: Int)
    {
        // The region and the lines its display math may reach as one byte string, with each
        // byte's source position; `lineEnds[k]` is where the region's k-th line ends in it.
        var flat: [UInt8] = []
        var positions: [(line: Int, column: Int)] = []
        var lineEnds: [Int] = []
        let first = region.scanStartLine
        guard first <= region.limitLine else { return ([], region.endLine) }
        for number in first...region.limitLine where number - 1 < lines.count {
            let line = lines[number - 1]
            if number > first {
                flat.append(UInt8(ascii: "\n"))
                positions.append((number - 1, lines[number - 2].count))
            }
            let from = number == region.startLine ? min(max(region.startColumn - 1, 0), line.count) : 0
            for column in from..<line.count {
                flat.append(line[column])
                positions.append((number, column))
            }
            lineEnds.append(flat.count)
        }
        guard !lineEnds.isEmpty else { return ([], region.endLine) }
        let n = flat.count
        /// Where scanning stops: the end of the region, or of the line where display math ended.
        var scanEnd = lineEnds[min(max(region.endLine - first, 0), lineEnds.count - 1)]
        var lastLine = region.endLine
        func position(_ index: Int) -> (line: Int, column: Int) {
            index < n ? positions[index] : (positions.last.map { ($0.line, $0.column + 1) } ?? (region.startLine, 0))
        }
        func text(from start: Int, to end: Int) -> String {
            // Further lines lose their container markers.
            var bytes: [UInt8] = []
            var index = start
            while index < end {
                bytes.append(flat[index])
                if flat[index] == UInt8(ascii: "\n") {
                    let (line, _) = position(index + 1)
                    let skip = ContainerPrefix.length(lines[line - 1], limit: region.startColumn - 1)
                    index += 1
                    var skipped = 0
                    while skipped < skip, index < end, flat[index] != UInt8(ascii: "\n") { index += 1; skipped += 1 }
                    continue
                }
                index += 1
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        func isSpace(_ byte: UInt8) -> Bool { byte.isSpaceOrTab || byte == UInt8(ascii: "\n") }
        let dollar = UInt8(ascii: "$"), backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`")

        var spans: [(Span, start: (line: Int, column: Int), end: (line: Int, column: Int))] = []
        func add(_ start: Int, _ end: Int, display: Bool) {
            let delimiter = display ? 2 : 1
            var tex = text(from: start + delimiter, to: end - delimiter)
            if display {
                tex = String(tex.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" }))
                while let last = tex.last, last == " " || last == "\t" || last == "\n" { tex.removeLast() }
            }
            let startPosition = position(start)
            let endPosition = position(end - 1)
            spans.append((Span(tex: tex, isDisplay: display, raw: text(from: start, to: end)),
                          startPosition, (endPosition.line, endPosition.column + 1)))
        }

        var i = 0
        while i < scanEnd {
            let byte = flat[i]
            if byte == backslash {
                i += (i + 1 < n && flat[i + 1] < 128 && isASCIIPunctuation(flat[i + 1])) ? 2 : 1
            } else if byte == backtick {
                // A code span: the next run of exactly as many backticks closes it.
                var runEnd = i
                while runEnd < scanEnd, flat[runEnd] == backtick { runEnd += 1 }
                let length = runEnd - i
                var j = runEnd
                var closed = false
                while j < scanEnd {
                    if flat[j] == backtick {
                        var end = j
                        while end < scanEnd, flat[end] == backtick { end += 1 }
                        if end - j == length { closed = true; j = end; break }
                        j = end
                    } else {
                        j += 1
                    }
                }
                i = closed ? j : runEnd
            } else if byte == dollar, i + 1 < scanEnd, flat[i + 1] == dollar {
                var j = i + 2
                while j + 1 < n, !(flat[j] == dollar && flat[j + 1] == dollar) { j += 1 }
                if j + 1 < n, flat[(i + 2)..<j].contains(where: { !isSpace($0) }) {
                    add(i, j + 2, display: true)
                    i = j + 2
                    if i > scanEnd {
                        // It ran on past the region: scan on to the end of its last line.
                        let line = position(j + 1).line
                        lastLine = line
                        scanEnd = lineEnds[line - first]
                    }
                } else {
                    i += 2
                }
            } else if byte == dollar, i + 1 < scanEnd, !isSpace(flat[i + 1]) {
                var j = i + 1
                while j < scanEnd, flat[j] != dollar, flat[j] != backtick { j += flat[j] == backslash ? 2 : 1 }
                if j < scanEnd, flat[j] == dollar, !isSpace(flat[j - 1]), !(j + 1 < scanEnd && isDigit(flat[j + 1])) {
                    add(i, j + 1, display: false)
                    i = j + 1
                } else {
                    i += 1
                }
            } else {
                i += 1
            }
        }
        return (spans, lastLine)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte) || (123...126).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

    // MARK: Restoring spans after cmark

    /// Inline nodes with placeholders in their text turned into math nodes.
    static func resolve(_ nodes: [MarkdownNode], spans: [Span]) -> [MarkdownNode] {
        guard !spans.isEmpty else { return nodes }
        var result: [MarkdownNode] = []
        var pending = ""
        func flush() {
            if !pending.isEmpty { result.append(.text(pending)); pending = "" }
        }
        for node in nodes {
            guard case .text(let text) = node else {
                flush()
                result.append(node)
                continue
            }
            var scalars = text.unicodeScalars[...]
            while let scalar = scalars.popFirst() {
                switch scalar {
                case placeholderStart:
                    guard let index = readPlaceholder(&scalars, spans: spans) else {
                        pending.unicodeScalars.append(scalar)  // the lesson's own private-use character
                        continue
                    }
                    flush()
                    let span = spans[index]
                    result.append(span.isDisplay ? .displayMath(span.tex) : .inlineMath(span.tex))
                case filler:
                    // The line break before a filler is inside the math span.
                    if pending.isEmpty, let last = result.last, last == .softBreak || last == .lineBreak {
                        result.removeLast()
                    }
                default:
                    pending.unicodeScalars.append(scalar)
                }
            }
        }
        flush()
        return result
    }

    /// After a `placeholderStart` popped from `scalars`: the index of the span whose placeholder
    /// this is, with the rest of the placeholder popped too. Nil, and `scalars` untouched, when
    /// what follows is not digits closed by `placeholderEnd` naming one of `spans`: the lesson's
    /// text holds these private-use characters itself (found by fuzzing: reading such text as
    /// digits overflowed).
    static func readPlaceholder(_ scalars: inout Substring.UnicodeScalarView, spans: [Span]) -> Int? {
        var rest = scalars
        var index = 0, digits = 0
        while let digit = rest.popFirst() {
            if digit == placeholderEnd {
                guard digits > 0, spans.indices.contains(index) else { return nil }
                scalars = rest
                return index
            }
            guard digit.value >= digitZero, digit.value <= digitZero + 9, digits < 9 else { return nil }
            index = index * 10 + Int(digit.value - digitZero)
            digits += 1
        }
        return nil
    }

    /// `text` with placeholders put back as written, for places that are not Markdown text.
    static func restoreRaw(_ text: String, spans: [Span]) -> String {
        guard !spans.isEmpty, text.unicodeScalars.contains(where: { (0xE000...0xE019).contains($0.value) }) else {
            return text
        }
        var result = ""
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case placeholderStart:
                guard let index = readPlaceholder(&scalars, spans: spans) else {
                    result.unicodeScalars.append(scalar)
                    continue
                }
                result += spans[index].raw
            case filler:
                break
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
