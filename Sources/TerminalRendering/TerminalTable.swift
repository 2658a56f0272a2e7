import CourseModel

/// A pipe table drawn with box-drawing rules, its columns aligned as the delimiter row says.
///
/// A table that fits the width keeps each column as wide as its widest cell. One that does not
/// wraps its cells: each column first gets the room of its longest word (the widest columns
/// giving way first when even that is too much, their long words then cut), then the room
/// left goes to the columns in proportion to what they still lack. A word of up to
/// `longestUncutWord` characters is never cut: when the columns cannot hold such words whole,
/// the table becomes a list, a block per row, each cell after its column's header.
struct TerminalTable {
    var alignments: [MarkdownTable.Alignment]
    var header: [StyledText]
    var rows: [[StyledText]]

    /// Longer words (code: `binaryCrossEntropy(logits:`) may be cut across lines; shorter ones,
    /// cut, would be pieces too small to read.
    static let longestUncutWord = 12

    func lines(width: Int) -> [StyledText] {
        guard let widths = columnWidths(width: width) else { return list(width: width) }
        let rule = TextStyle(dim: true)
        func border(_ left: String, _ middle: String, _ right: String) -> StyledText {
            StyledText(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right, rule)
        }
        func draw(_ cells: [StyledText]) -> [StyledText] {
            let wrapped = widths.indices.map { column in
                (column < cells.count ? cells[column] : StyledText()).wrapped(width: widths[column])
            }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                var text = StyledText("│", rule)
                for column in widths.indices {
                    let piece = line < wrapped[column].count ? wrapped[column][line] : StyledText()
                    text = text + StyledText(" ") + padded(piece, to: widths[column], alignment(column)) + StyledText(" ")
                    text.append("│", rule)
                }
                return text
            }
        }
        let body = rows.map(draw)
        // Rows of one line each read as rows; once a cell wraps, rules between rows keep them apart.
        let separated = body.contains { $0.count > 1 }
        var lines = [border("┌", "┬", "┐")] + draw(header) + [border("├", "┼", "┤")]
        for (index, row) in body.enumerated() {
            if separated && index > 0 { lines.append(border("├", "┼", "┤")) }
            lines += row
        }
        lines.append(border("└", "┴", "┘"))
        return lines
    }

    /// Each column's width, or nil when the table cannot be drawn as columns in `width`.
    func columnWidths(width: Int) -> [Int]? {
        let columns = alignments.count
        guard columns > 0 else { return nil }
        let available = width - (3 * columns + 1)
        let cells = ([header] + rows).map { row in (0..<columns).map { $0 < row.count ? row[$0] : StyledText() } }
        let natural = (0..<columns).map { column in max(1, cells.map { $0[column].width }.max() ?? 1) }
        if natural.reduce(0, +) <= available { return natural }
        let longestWord = (0..<columns).map { column in
            cells.map { row in row[column].plainText.split(separator: " ").map { displayWidth(String($0)) }.max() ?? 0 }.max() ?? 0
        }
        guard available >= longestWord.map({ max(1, min($0, Self.longestUncutWord)) }).reduce(0, +) else { return nil }
        var widths = (0..<columns).map { max(1, min(natural[$0], longestWord[$0])) }
        // Too wide even so: lower a ceiling over the widest columns until the sum fits.
        if widths.reduce(0, +) > available {
            var ceiling = widths.max() ?? 1
            while ceiling > 1, widths.map({ min($0, ceiling) }).reduce(0, +) > available { ceiling -= 1 }
            widths = widths.map { min($0, ceiling) }
        }
        // The room left, to the columns in proportion to what they lack of their natural width.
        let room = available - widths.reduce(0, +)
        let lacking = (0..<columns).map { natural[$0] - widths[$0] }
        let totalLacking = lacking.reduce(0, +)
        if room > 0, totalLacking > 0 {
            let shares = lacking.map { min($0, room * $0 / totalLacking) }
            widths = zip(widths, shares).map(+)
            var left = room - shares.reduce(0, +)
            for column in 0..<columns where left > 0 && widths[column] < natural[column] {
                let more = min(left, natural[column] - widths[column])
                widths[column] += more
                left -= more
            }
        }
        return widths
    }

    /// The table as a list, for a width too narrow for its columns: a bullet per row, each of
    /// its cells on a line of its own after its column's header.
    func list(width: Int) -> [StyledText] {
        var lines: [StyledText] = []
        for row in rows {
            for (column, cell) in row.enumerated() {
                let label = column < header.count && header[column].width > 0 ? header[column] + StyledText(": ") : StyledText()
                let first = column == 0 ? StyledText("• ", TextStyle(foreground: TerminalLessonRenderer.Palette.heading)) : StyledText("  ")
                lines += (label + cell).wrapped(width: width, first: first, rest: StyledText("    "))
            }
        }
        return lines
    }

    private func alignment(_ column: Int) -> MarkdownTable.Alignment {
        column < alignments.count ? alignments[column] : .none
    }

    private func padded(_ text: StyledText, to width: Int, _ alignment: MarkdownTable.Alignment) -> StyledText {
        let missing = max(0, width - text.width)
        let before = switch alignment {
        case .right: missing
        case .center: missing / 2
        case .left, .none: 0
        }
        return StyledText(String(repeating: " ", count: before)) + text + StyledText(String(repeating: " ", count: missing - before))
    }
}
