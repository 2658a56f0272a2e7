import CourseModel
import Plumbing

/// After `--update` rewrote output blocks: the numbers the lesson's prose quotes from an old
/// output that the block no longer prints.
///
/// Lessons quote their outputs ("the validation loss bottoms out at 0.2873"), and `--update`
/// makes the outputs true again but cannot know what the prose meant. A decimal number that an
/// updated block printed before and does not print now, and that the text outside the
/// lesson's cells and outputs still writes, is most likely a stale quote, so the author is told
/// where it is; when another output still prints the number, the quote may be of that one, and
/// the warning says so. Integers are left out (an epoch count or a layer size would match too
/// much); a sign does not matter (`−0.5120` in prose, `-0.5120` printed).
public enum StaleQuotes {
    public typealias Quote = StaleQuote

    /// The stale quotes in `lesson` once the outputs in `newOutputs` (keyed by `Cell.index`)
    /// replace its cells' old ones, and the lines in `newPrints` (keyed by `Cell.index`, then by
    /// the index of a `prints` cell's statement) replace what its `// Prints` comments state,
    /// in line order.
    public static func find(in lesson: Lesson, newOutputs: [Int: String], newPrints: [Int: [Int: String]] = [:]) -> [Quote] {
        // Every place a cell states its output: an output block, or a statement's `// Prints`
        // comments, each with its line, the text it states and the text that replaces it.
        var stated: [(statement: Quote.Statement, old: String?, new: String?)] = []
        for cell in lesson.cells {
            if cell.has(.prints) {
                for (index, expectation) in cell.printsExpectations.enumerated() {
                    let line = cell.firstCodeLine + expectation.comments[0].line
                    stated.append((Quote.Statement(line: line, kind: .printsComment), expectation.expected, newPrints[cell.index]?[index]))
                }
            } else {
                let line = cell.output?.span.openingLine ?? cell.span.closingLine
                stated.append((Quote.Statement(line: line, kind: .outputBlock), cell.output?.text, newOutputs[cell.index]))
            }
        }
        var printedNow: [String: Quote.Statement] = [:]  // number → first place that states it after the update
        for place in stated {
            guard let text = place.new ?? place.old else { continue }
            for number in decimals(in: text) where printedNow[number] == nil { printedNow[number] = place.statement }
        }
        var vanished: [String: Quote.Statement] = [:]  // number → place that stated it and does not now
        for place in stated {
            guard let new = place.new, let old = place.old else { continue }
            let stillHere = Set(decimals(in: new))
            for number in decimals(in: old) where !stillHere.contains(number) && vanished[number] == nil {
                vanished[number] = place.statement
            }
        }
        guard !vanished.isEmpty else { return [] }

        var notProse = Set<Int>()
        for cell in lesson.cells {
            notProse.formUnion(cell.span.openingLine...cell.span.closingLine)
            if let output = cell.output { notProse.formUnion(output.span.openingLine...output.span.closingLine) }
        }
        var quotes: [Quote] = []
        for (offset, text) in SourceLines(lesson.source).contents.enumerated() {  // numbered as the parser numbers them
            let line = offset + 1
            guard !notProse.contains(line) else { continue }
            for number in decimals(in: text) {
                guard let before = vanished[number] else { continue }
                quotes.append(Quote(line: line, number: number, statedBefore: before, statedNow: printedNow[number]))
            }
        }
        return quotes
    }

    /// The decimal numbers (not integers) in `text`, as written but without a sign, in order.
    static func decimals(in text: String) -> [String] {
        let characters = Array(text)
        var found: [String] = []
        var i = 0
        while i < characters.count {
            if let (token, end) = NumberToken.scan(characters, at: i) {
                if !token.isInteger { found.append(String(token.text.drop { $0 == "-" || $0 == "+" })) }
                i = end
            } else {
                i += 1
            }
        }
        return found
    }
}
