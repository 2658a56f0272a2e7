import CourseModel
import LessonParsing
import OutputChecking

/// Properties of `LessonParser.parse` and of `OutputPromoter.rewrite` on what it parses.
///
/// - The parser never crashes; when it rejects a file, it gives at least one diagnostic, each
///   with a location in the file (`path`, a line between 1 and the file's last line), sorted.
/// - Parsing is deterministic.
/// - A lesson's spans lie in the file: each cell's fences, then its output block's, in order.
/// - `rewrite` with no new outputs gives back the source byte for byte; so does writing a
///   block's own text into it, when the text is what `rewrite` writes (normalised lines, the
///   block's content prefix).
/// - `--update` round trip: writing each cell's code as its new output (and lines into each
///   `prints` cell's `// Prints` comments) gives a file that still parses, with the same cells
///   (same attributes, and code but for those comments), where each cell's output block
///   matches the output written (a cell that printed nothing has no new block) and each
///   statement's comments state the lines written, and a second rewrite with the same outputs
///   changes nothing.
enum LessonParserProperties {
    static let path = "Lessons/fuzz.md"

    static func violations(_ data: [UInt8]) -> [String] {
        let source = text(data)
        let lines = markdownLines(source)
        let lesson: Lesson
        do {
            lesson = try LessonParser.parse(source: source, path: path)
        } catch {
            return diagnosticViolations(error.all, lineCount: lines.count)
        }
        var problems: [String] = []
        if (try? LessonParser.parse(source: source, path: path)) != lesson {
            problems.append("parsing the same text twice gave different lessons")
        }
        problems += spanViolations(lesson, lineCount: lines.count)
        if !problems.isEmpty { return problems }
        problems += identityViolations(source, lesson, lines: lines)
        problems += roundTripViolations(source, lesson)
        return problems
    }

    /// The file's lines as the parser and cmark count them ("\n", "\r\n" or a lone "\r" end a
    /// line; a last line without an ending counts).
    static func markdownLines(_ source: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var bytes = Array(source.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), bytes.first == UInt8(ascii: "\n") { bytes.removeFirst() }
                lines.append(String(decoding: current, as: UTF8.self))
                current = []
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }

    static func diagnosticViolations(_ diagnostics: [Diagnostic], lineCount: Int) -> [String] {
        var problems: [String] = []
        if diagnostics.isEmpty { problems.append("the parser threw no diagnostic") }
        for diagnostic in diagnostics {
            guard let location = diagnostic.location else {
                problems.append("diagnostic without a location: \(diagnostic.message)")
                continue
            }
            if location.path != path { problems.append("diagnostic names path '\(location.path)', not '\(path)'") }
            if !(1...max(lineCount, 1)).contains(location.line) {
                problems.append("diagnostic at line \(location.line) of a \(lineCount)-line file: \(diagnostic.message)")
            }
            if diagnostic.stage != .parse { problems.append("diagnostic of stage \(diagnostic.stage), not parse") }
        }
        let lineNumbers = diagnostics.map { $0.location?.line ?? 0 }
        if lineNumbers != lineNumbers.sorted() { problems.append("diagnostics not sorted by line: \(lineNumbers)") }
        return problems
    }

    static func spanViolations(_ lesson: Lesson, lineCount: Int) -> [String] {
        var problems: [String] = []
        var previousEnd = 0
        for (position, cell) in lesson.cells.enumerated() {
            if cell.index != position { problems.append("cell \(position) has index \(cell.index)") }
            let span = cell.span
            if !(span.openingLine > previousEnd && span.openingLine < span.closingLine && span.closingLine <= lineCount) {
                problems.append("cell \(position) spans lines \(span.openingLine)...\(span.closingLine) (file: \(lineCount) lines, previous block ends at \(previousEnd))")
            }
            previousEnd = span.closingLine
            if let output = cell.output {
                let o = output.span
                if !(o.openingLine > previousEnd && o.openingLine < o.closingLine && o.closingLine <= lineCount) {
                    problems.append("output of cell \(position) spans lines \(o.openingLine)...\(o.closingLine) (file: \(lineCount) lines, cell ends at \(previousEnd))")
                }
                previousEnd = o.closingLine
            }
        }
        return problems
    }

    static func identityViolations(_ source: String, _ lesson: Lesson, lines: [String]) -> [String] {
        var problems: [String] = []
        if OutputPromoter.rewrite(source: source, lesson: lesson, newOutputs: [:]) != source {
            problems.append("rewrite with no new outputs changed the file")
        }
        for cell in lesson.cells {
            guard let block = cell.output else { continue }
            let written = normalisedLines(block.text).map { line in
                line.isEmpty ? String(block.span.contentPrefix.reversed().drop(while: \.isWhitespace).reversed())
                    : block.span.contentPrefix + line
            }
            // Only blocks whose lines are already exactly what `rewrite` writes.
            guard Array(lines[block.span.contentLines.lowerBound - 1 ..< block.span.contentLines.upperBound - 1]) == written
            else { continue }
            if OutputPromoter.rewrite(source: source, lesson: lesson, newOutputs: [cell.index: block.text]) != source {
                problems.append("writing its own text into the output block of cell \(cell.index) (line \(block.span.openingLine)) changed the file")
            }
        }
        return problems
    }

    static func roundTripViolations(_ source: String, _ lesson: Lesson) -> [String] {
        guard !lesson.cells.isEmpty else { return [] }
        // A cell's code as its new output block; a `prints` cell's comments (it takes no
        // block) state lines with an empty one, a leading space and quotes.
        var outputs: [Int: String] = [:]
        var printed: [Int: [Int: String]] = [:]
        for cell in lesson.cells {
            if cell.has(.prints) {
                printed[cell.index] = Dictionary(uniqueKeysWithValues: cell.printsExpectations.indices.map { ($0, "line \($0)\n\n \"quoted\"\n") })
            } else {
                outputs[cell.index] = cell.code
            }
        }
        let updated = OutputPromoter.rewrite(source: source, lesson: lesson, newOutputs: outputs, newPrints: printed)
        let reparsed: Lesson
        do {
            reparsed = try LessonParser.parse(source: updated, path: path)
        } catch {
            return ["the updated file does not parse: \(error.all.map(\.description).joined(separator: "; "))\n--- updated file:\n\(updated)"]
        }
        var problems: [String] = []
        guard reparsed.cells.count == lesson.cells.count else {
            return ["the updated file has \(reparsed.cells.count) cells, not \(lesson.cells.count)\n--- updated file:\n\(updated)"]
        }
        for (old, new) in zip(lesson.cells, reparsed.cells) {
            if (old.code != new.code && !old.has(.prints)) || old.attributes != new.attributes {
                problems.append("cell \(old.index) changed its code or attributes in the update")
            }
            if let statements = printed[old.index] {
                let stated = new.printsExpectations.map { normalisedLines($0.expected) }
                if stated != old.printsExpectations.indices.map({ normalisedLines(statements[$0]!) }) {
                    problems.append("after the update, the `// Prints` comments of cell \(old.index) state \(stated), not what was written")
                }
                continue
            }
            let output = outputs[old.index] ?? ""
            if let block = new.output {
                if !OutputMatcher.matches(expected: block.text, actual: output) {
                    problems.append("after the update, the output block of cell \(old.index) (line \(block.span.openingLine)) does not match the output written:\n\(block.text.debugDescription) against \(output.debugDescription)")
                }
            } else if !normalisedLines(output).isEmpty {
                problems.append("after the update, cell \(old.index) has no output block")
            }
        }
        if problems.isEmpty,
           OutputPromoter.rewrite(source: updated, lesson: reparsed, newOutputs: outputs, newPrints: printed) != updated {
            problems.append("a second update with the same outputs changed the file")
        }
        if !problems.isEmpty { problems.append("--- updated file:\n\(updated)") }
        return problems
    }
}
