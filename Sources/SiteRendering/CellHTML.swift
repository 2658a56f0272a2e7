import Charts
import CourseModel
import SwiftHighlighting
import Plumbing

/// What the `cell` template draws for one shown Swift cell: its highlighted code, then its
/// output (text and charts, in the order the cell showed them), then, for a cell that
/// failed its check, what went wrong.
struct CellModel: Sendable {
    /// One piece of a cell's output: a run of text lines, or a chart (inline SVG) between them.
    struct OutputPart: Sendable {
        var text: String?
        var chart: String?
    }

    var id: String
    /// The 1-based line of the cell's opening fence: how the notebook names the cell.
    var line: Int
    /// What kind of cell it is, for the notebook's script: `code` (runs), `trap`, `exercise`,
    /// `solution`, `compile-fail`, `no-run` or `ignore`.
    var kind: String
    /// The highlighted code, as HTML (`<span class="hl-keyword">let</span> …`).
    var code: String
    /// A word about an unusual cell (`does not compile`, `stops with an error`), if any.
    var badge: String?
    var outputLabel: String
    /// Where the output comes from, when it is the lesson's block (`ShownOutput.note`).
    var outputNote: String?
    var output: [OutputPart]
    var hasOutput: Bool
    /// The output was cut at the runner's capture limit.
    var truncated: Bool
    var failed: Bool
    var skipped: Bool
    /// Why the cell failed or was skipped (the diagnostics `course check` prints).
    var failure: String?
    /// An exercise's starting code (labelled as such).
    var exercise: Bool = false
    /// An exercise's reference solution: drawn closed, behind a "Solution" disclosure.
    var solution: Bool = false
}

/// Cells and code blocks as HTML: code highlighted at build time with swift-syntax's
/// classifier, outputs from the lesson's run, charts as inline SVG.
enum CellHTML {
    /// The model of `cell` of a judged lesson (nil for the landing page, which does not run):
    /// the output `JudgedLesson.shownOutput(of:)` chooses, and the cell's verdict. A chart that
    /// cannot be drawn is added to `problems` at the cell's line.
    static func model(for cell: Cell, in judged: JudgedLesson?, idPrefix: String, problems: inout [Diagnostic]) -> CellModel {
        let verdict = judged?.verdicts[cell.index]
        let code = highlight(String(cell.shownCode.trimmingTrailingNewlines()))
        var badge: String?
        if cell.has(.compileFail) { badge = "does not compile" }
        if cell.has(.trap) { badge = "stops with an error" }

        // The landing page does not run: its blocks are the lesson's.
        let shown = judged.map { $0.shownOutput(of: cell) } ?? cell.output.map { ShownOutput(text: $0.text, charts: [], truncated: false, source: .lesson) }
        let truncated = shown?.truncated ?? false
        var parts: [CellModel.OutputPart] = []
        for piece in shown?.pieces ?? [] {
            switch piece {
            case .text(let text):
                parts.append(.init(text: text))
            case .chart(let chart):
                do {
                    parts.append(.init(chart: try ChartPayload.svg(chart.payload)))
                } catch {
                    problems.append(Diagnostic(.build, at: cell.location, "cannot draw the chart this cell shows: \(error)"))
                }
            }
        }

        var failure: String?
        var failed = false, skipped = false
        switch verdict {
        case .failed(let diagnostics):
            failed = true
            failure = diagnostics.map(\.description).joined(separator: "\n")
        case .skipped(let reason):
            skipped = true
            failure = reason
        case .passed, nil:
            break
        }
        return CellModel(
            id: idPrefix + "cell-\(cell.index + 1)", line: cell.span.openingLine, kind: kind(of: cell), code: code, badge: badge,
            outputLabel: cell.has(.compileFail) ? "Compiler output" : "Output", outputNote: shown?.note,
            output: parts, hasOutput: !parts.isEmpty || truncated, truncated: truncated,
            failed: failed, skipped: skipped, failure: failure,
            exercise: cell.has(.exercise), solution: cell.has(.solution))
    }

    /// The cell's kind as `data-kind` names it (see `CellModel.kind`).
    static func kind(of cell: Cell) -> String {
        for attribute in [CellAttribute.exercise, .solution, .compileFail, .noRun, .ignore, .trap] where cell.has(attribute) {
            return attribute.rawValue
        }
        return "code"
    }

    /// Swift code as HTML spans, one per token kind (`hl-keyword`, `hl-type`, `hl-string`, …),
    /// with every character escaped, in `lines(_:)`.
    static func highlight(_ code: String) -> String {
        lines(SwiftHighlighter.tokens(in: code).map { token in
            (token.kind == .plain ? nil : "hl-" + token.kind.rawValue, token.text)
        })
    }

    /// A code block that is not a Swift cell (shell commands, other languages).
    static func codeBlock(_ code: String, language: String) -> String {
        let text = String(code.trimmingTrailingNewlines())
        let body = language == "swift" ? highlight(text) : lines([(nil, text)])
        let languageClass = language.isEmpty ? "" : " class=\"language-\(Escape.html(language))\""
        return "<div class=\"code-block\"><pre class=\"code\" tabindex=\"0\" data-scroll><code\(languageClass)>\(body)</code></pre></div>\n"
    }

    /// Code as one `<span class="line">` per source line, each holding its newline (so the
    /// text, and what Copy copies, is the code as written), with `--i` set to the line's
    /// indentation in columns: where a line the stylesheet wraps goes on (a hanging indent).
    /// `pieces` are runs of text with the class of their span (nil: plain text); a run that
    /// crosses lines is closed and opened again on each.
    static func lines(_ pieces: [(className: String?, text: String)]) -> String {
        var html = ""
        var atLineStart = true  // else a line's span is open
        var pendingIndent = ""
        func openLine(indent: String) {
            let columns = indent.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
            html += columns > 0 ? "<span class=\"line\" style=\"--i:\(columns)\">" : "<span class=\"line\">"
            atLineStart = false
        }
        func emit(_ text: Substring, className: String?) {
            guard !text.isEmpty else { return }
            let escaped = Escape.html(String(text))
            html += className.map { "<span class=\"\($0)\">\(escaped)</span>" } ?? escaped
        }
        for (className, text) in pieces {
            var rest = text[...]
            while !rest.isEmpty {
                if atLineStart {
                    // Leading whitespace decides the indent; it may come in several pieces.
                    let blank = rest.prefix { $0 == " " || $0 == "\t" }
                    pendingIndent += blank
                    rest = rest.dropFirst(blank.count)
                    if rest.isEmpty { break }
                    openLine(indent: rest.first == "\n" ? "" : pendingIndent)
                    emit(Substring(pendingIndent), className: nil)
                    pendingIndent = ""
                }
                let line = rest.prefix { $0 != "\n" }
                emit(line, className: className)
                rest = rest.dropFirst(line.count)
                if rest.first == "\n" {
                    html += "\n</span>"
                    atLineStart = true
                    rest = rest.dropFirst()
                }
            }
        }
        if atLineStart && !pendingIndent.isEmpty {
            openLine(indent: "")
            emit(Substring(pendingIndent), className: nil)
        }
        if !atLineStart { html += "</span>" }
        return html
    }
}
