import CourseModel
import Testing
@testable import TerminalRendering

/// The terminal rendering of a small lesson, compared in full.
@Suite struct TerminalRenderingTests {
    static let path = "Lessons/01-small.md"
    static let file = CourseLayout.LessonFile(number: 1, slug: "small", path: "/course/" + path, displayPath: path)

    /// A lesson as the parser would give it: a heading, a paragraph, a list, a cell with an
    /// output block, a hidden cell, and a cell with a hidden line.
    static let lesson: Lesson = {
        let cell0 = Cell(index: 0, attributes: [], code: "let x = 2\nprint(x * 21)\n",
                         span: FenceSpan(openingLine: 9, closingLine: 12, fence: "```", linePrefix: ""), codeColumnOffset: 0,
                         output: OutputBlock(text: "42\n", span: FenceSpan(openingLine: 14, closingLine: 16, fence: "```", linePrefix: "")),
                         path: path)
        let cell1 = Cell(index: 1, attributes: [.hidden], code: "print(\"hidden\")\n",
                         span: FenceSpan(openingLine: 18, closingLine: 20, fence: "```", linePrefix: ""), codeColumnOffset: 0,
                         output: nil, path: path)
        let cell2 = Cell(index: 2, attributes: [], code: "// snippet.hide\nlet secret = 1\n// snippet.show\nprint(secret)\n",
                         span: FenceSpan(openingLine: 22, closingLine: 27, fence: "```", linePrefix: ""), codeColumnOffset: 0,
                         output: nil, path: path)
        let document = MarkdownNode.document([
            .heading(level: 1, [.text("A small lesson")], line: 1),
            .paragraph([.text("Some "), .emphasis([.text("emphasis")]), .text(", "), .strong([.text("strong")]), .text(" and "),
                        .code("code"), .text(", then math "), .inlineMath("x"), .text(" and enough words to wrap.")]),
            .list(ordered: false, start: 1, tight: true, [.item([.paragraph([.text("one")])]), .item([.paragraph([.text("two")])])]),
            .cell(0),
            .cell(1),
            .heading(level: 2, [.text("More")], line: 21),
            .cell(2),
        ])
        return Lesson(path: path, source: "", frontMatter: FrontMatter(), document: document, cells: [cell0, cell1, cell2])
    }()

    @Test func plainAtFortyColumnsBeforeRunning() {
        let text = TerminalLessonRenderer(width: 40, color: false).render(JudgedLesson(file: Self.file, lesson: Self.lesson))
        #expect(text == """
            A small lesson
            ━━━━━━━━━━━━━━

            Some emphasis, strong and `code`, then
            math x and enough words to wrap.

            • one
            • two

            ── cell 1/2 ────────────── not run yet ─
             10 │ let x = 2
             11 │ print(x * 21)
            ↳ output, as written, not run
              42

            More
            ────

            ── cell 2/2 ────────────── not run yet ─
             26 │ print(secret)

            """)
    }

    @Test func pagesEndAtCellsAndStartAtHeadings() {
        let pages = TerminalLessonRenderer(width: 40, color: false).pages(JudgedLesson(file: Self.file, lesson: Self.lesson))
        #expect(pages.map(\.cellIndex) == [0, 2])
        #expect(pages.map(\.line) == [1, 21])
    }

    @Test func afterARunWithAFailure() {
        let run = LessonRun(results: [
            CellResult(cellIndex: 0, outcome: .completed, output: "41\n"),
            CellResult(cellIndex: 1, outcome: .completed, output: "hidden\n"),
            CellResult(cellIndex: 2, outcome: .completed, output: "1\n"),
        ])
        let verdicts: [Int: Verdict] = [
            0: .failed([Diagnostic(.check, at: SourceLocation(path: Self.path, line: 15), "output does not match",
                                   detail: "    -42\n    +41")]),
            1: .passed, 2: .passed,
        ]
        let pages = TerminalLessonRenderer(width: 40, color: false).pages(JudgedLesson(file: Self.file, lesson: Self.lesson, run: run, verdicts: verdicts))
        #expect(pages[0].lines.suffix(8).joined(separator: "\n") == """
            ── cell 1/2 ───────────────── ✗ failed ─
             10 │ let x = 2
             11 │ print(x * 21)
            ↳ output
              41
            ✗ line 15: output does not match
            """ + "\n  " + "    -42\n  " + "    +41")
        #expect(pages[1].lines.last == "  1")
    }

    @Test func aMatchedBlockIsShownAsWrittenAndSaysSo() {
        let run = LessonRun(results: [
            CellResult(cellIndex: 0, outcome: .completed, output: "42.0000001\n"),
            CellResult(cellIndex: 1, outcome: .completed, output: "hidden\n"),
            CellResult(cellIndex: 2, outcome: .completed, output: "1\n"),
        ])
        let pages = TerminalLessonRenderer(width: 40, color: false)
            .pages(JudgedLesson(file: Self.file, lesson: Self.lesson, run: run, verdicts: [0: .passed, 1: .passed, 2: .passed]))
        #expect(pages[0].lines.suffix(2).joined(separator: "\n") == "↳ output, as written, checked\n  42")
        #expect(pages[1].lines.suffix(2).joined(separator: "\n") == "↳ output\n  1")
    }

    @Test func colorHighlightsCodeAndNeverCountsEscapesInTheWidth() {
        let pages = TerminalLessonRenderer(width: 40, color: true).pages(JudgedLesson(file: Self.file, lesson: Self.lesson))
        #expect(pages[0].lines == [
            "\u{1B}[1;38;5;75mA small lesson\u{1B}[0m",
            "\u{1B}[38;5;75m━━━━━━━━━━━━━━\u{1B}[0m",
            "",
            "Some \u{1B}[3memphasis\u{1B}[0m, \u{1B}[1mstrong\u{1B}[0m and \u{1B}[38;5;173mcode\u{1B}[0m, then",
            "math \u{1B}[38;5;110mx\u{1B}[0m and enough words to wrap.",
            "",
            "\u{1B}[38;5;75m•\u{1B}[0m one",
            "\u{1B}[38;5;75m•\u{1B}[0m two",
            "",
            "\u{1B}[2m── \u{1B}[0m\u{1B}[1mcell 1/2\u{1B}[0m\u{1B}[2m ──────────────\u{1B}[0m \u{1B}[2mnot run yet ─\u{1B}[0m",
            "\u{1B}[2m 10 │ \u{1B}[0m\u{1B}[38;5;168mlet\u{1B}[0m x = \u{1B}[38;5;141m2\u{1B}[0m",
            "\u{1B}[2m 11 │ \u{1B}[0mprint(x * \u{1B}[38;5;141m21\u{1B}[0m)",
            "\u{1B}[2m↳ output, as written, not run\u{1B}[0m",
            "  42",
        ])
        for line in pages.flatMap(\.lines) { #expect(displayWidth(line) <= 40) }
    }

    @Test func wrappingKeepsStylesAndCutsLongWords() {
        var text = StyledText("a ", .plain)
        text.append("verylongwordthatcannotfit", TextStyle(bold: true))
        text.append(" end", .plain)
        #expect(text.wrapped(width: 10).map { $0.plainText } == ["a", "verylongwo", "rdthatcann", "otfit end"])
        #expect(displayWidth("\u{1B}[1;38;5;75mabc\u{1B}[0m") == 3)
    }
}

@Suite struct ReaderKeyTests {
    @Test func keysTypedTogetherAreSeparated() {
        let keys = TerminalReader.keys(in: Array("ll\u{1B}[C\u{1B}[5~q→".utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(keys == ["l", "l", "\u{1B}[C", "\u{1B}[5~", "q", "→"])
    }
}

/// Pipe tables in the terminal: columns with box-drawing rules, wrapped cells, a list when too narrow.
@Suite struct TerminalTableTests {
    /// XOR as lesson 2 tabulates it: a header, a left, a centred and a right column.
    static let table = MarkdownTable(
        alignments: [.left, .center, .right],
        header: [[.text("input")], [.text("XOR")], [.text("condition on the weighted sum")]],
        rows: [
            [[.inlineMath("(0, 0)")], [.text("0")], [.inlineMath("b \\le 0")]],
            [[.inlineMath("(0, 1)")], [.text("1")], [.inlineMath("w_2 + b > 0")]],
            [[.inlineMath("(1, 1)")], [.strong([.text("0")])], [.code("w1 + w2 + b <= 0")]],
        ],
        line: 3)

    func render(_ table: MarkdownTable, width: Int, color: Bool = false) -> [String] {
        let lesson = Lesson(path: "Lessons/01-t.md", source: "", frontMatter: FrontMatter(),
                            document: .document([.paragraph([.text("Before.")]), .table(table)]), cells: [])
        let file = CourseLayout.LessonFile(number: 1, slug: "t", path: "/c/Lessons/01-t.md", displayPath: "Lessons/01-t.md")
        return TerminalLessonRenderer(width: width, color: color).pages(JudgedLesson(file: file, lesson: lesson)).flatMap(\.lines)
    }

    @Test func aTableThatFitsKeepsItsColumnsAligned() {
        #expect(render(Self.table, width: 60) == [
            "Before.",
            "",
            "┌────────┬─────┬───────────────────────────────┐",
            "│ input  │ XOR │ condition on the weighted sum │",
            "├────────┼─────┼───────────────────────────────┤",
            "│ (0, 0) │  0  │                         b ≤ 0 │",
            "│ (0, 1) │  1  │                    w₂ + b > 0 │",
            "│ (1, 1) │  0  │            `w1 + w2 + b <= 0` │",
            "└────────┴─────┴───────────────────────────────┘",
        ])
    }

    @Test func aTableTooWideWrapsItsCellsBetweenRules() {
        #expect(render(Self.table, width: 36) == [
            "Before.",
            "",
            "┌────────┬─────┬───────────────────┐",
            "│ input  │ XOR │  condition on the │",
            "│        │     │      weighted sum │",
            "├────────┼─────┼───────────────────┤",
            "│ (0, 0) │  0  │             b ≤ 0 │",
            "├────────┼─────┼───────────────────┤",
            "│ (0, 1) │  1  │        w₂ + b > 0 │",
            "├────────┼─────┼───────────────────┤",
            "│ (1, 1) │  0  │   `w1 + w2 + b <= │",
            "│        │     │                0` │",
            "└────────┴─────┴───────────────────┘",
        ])
    }

    @Test func aTableTooNarrowForItsColumnsIsAList() {
        #expect(render(Self.table, width: 24) == [
            "Before.",
            "",
            "• input: (0, 0)",
            "  XOR: 0",
            "  condition on the",
            "    weighted sum: b ≤ 0",
            "• input: (0, 1)",
            "  XOR: 1",
            "  condition on the",
            "    weighted sum: w₂ + b",
            "    > 0",
            "• input: (1, 1)",
            "  XOR: 0",
            "  condition on the",
            "    weighted sum: `w1 +",
            "    w2 + b <= 0`",
        ])
    }

    @Test func inColorTheHeaderIsBoldTheRulesDimAndNoLineIsTooWide() {
        let lines = render(Self.table, width: 36, color: true)
        #expect(lines[2] == "\u{1B}[2m┌────────┬─────┬───────────────────┐\u{1B}[0m")
        #expect(lines[3] == "\u{1B}[2m│\u{1B}[0m \u{1B}[1minput\u{1B}[0m  \u{1B}[2m│\u{1B}[0m \u{1B}[1mXOR\u{1B}[0m \u{1B}[2m│\u{1B}[0m  \u{1B}[1mcondition on the\u{1B}[0m \u{1B}[2m│\u{1B}[0m")
        for width in [24, 36, 60] {
            for line in render(Self.table, width: width, color: true) { #expect(displayWidth(line) <= width, "\(width): \(line)") }
        }
    }
}
