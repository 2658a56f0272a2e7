import CourseModel
import Plumbing
import SwiftParser
import SwiftSyntax

/// Reads the Swift book's style of stating output: `// Prints "x"` (or `// Prints x`) after a
/// statement says that the statement prints the line `x`; several such comments in a row state
/// several lines. swift-syntax finds each top-level statement's exact extent, so the runner can
/// capture what that statement alone printed.
///
/// ```swift
/// let names = ["Anna", "Alex"]
/// print(names.count)  // Prints "2"
/// for name in names {
///     print("Hello, \(name)!")
/// }
/// // Prints "Hello, Anna!"
/// // Prints "Hello, Alex!"
/// ```
public enum PrintsComments {
    /// A problem with a `// Prints` comment, at a 0-based line of the code.
    public struct Problem: Hashable, Sendable {
        public var line: Int
        public var message: String
    }

    /// The statements of `code` that have `// Prints` comments after them, in order, and the
    /// comments that cannot be checked: one inside a statement (a function's body, a loop's)
    /// states what the code prints when it runs, which only a top-level statement marks; one
    /// before any statement follows nothing.
    public static func read(_ code: String) -> (expectations: [PrintsExpectation], problems: [Problem]) {
        let tree = Parser.parse(source: code)
        let lineStarts = lineStarts(of: code)
        func position(_ offset: Int) -> (line: Int, column: Int) {
            let line = (lineStarts.lastIndex { $0 <= offset }) ?? 0
            return (line, offset - lineStarts[line])
        }
        let statements = tree.statements.map {
            ($0.positionAfterSkippingLeadingTrivia.utf8Offset, $0.endPositionBeforeTrailingTrivia.utf8Offset)
        }

        var grouped: [Int: [PrintsComment]] = [:]
        var problems: [Problem] = []
        for (offset, text) in lineComments(in: tree) {
            guard let stated = statedLine(text) else { continue }
            let (line, column) = position(offset)
            if statements.contains(where: { $0.0 < offset && offset < $0.1 }) {
                problems.append(Problem(line: line, message:
                    "this `// Prints` comment is inside a statement, where it cannot be checked: put it after the top-level statement that prints"))
                continue
            }
            guard let statement = statements.lastIndex(where: { $0.1 <= offset }) else {
                problems.append(Problem(line: line, message:
                    "this `// Prints` comment follows no statement: put it after the statement that prints"))
                continue
            }
            let lineStart = lineStarts[line]
            let before = code.utf8.dropFirst(lineStart).prefix(column)
            let comment = PrintsComment(
                line: line, column: column, text: stated.text, quoted: stated.quoted,
                trailing: !isBlank(before))
            grouped[statement, default: []].append(comment)
        }
        let expectations = grouped.keys.sorted().map { statement in
            let (start, end) = statements[statement]
            return PrintsExpectation(statementLines: position(start).line...position(max(start, end - 1)).line,
                                     comments: grouped[statement]!)
        }
        return (expectations, problems)
    }

    /// The line a comment states, if it is a `// Prints` comment: the text between the first
    /// and the last quote when it is quoted (`// Prints "["Kim", "Karl"]"`), else the rest of
    /// the comment without its trailing spaces (`PrintsComment.written` is the way back).
    static func statedLine(_ comment: String) -> (text: String, quoted: Bool)? {
        guard comment.hasPrefix("//") else { return nil }
        let afterSlashes = comment.dropFirst(2).drop { $0 == " " || $0 == "\t" }
        guard afterSlashes.hasPrefix("Prints") else { return nil }
        let rest = afterSlashes.dropFirst("Prints".count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var stated = rest.drop { $0 == " " || $0 == "\t" }
        while let last = stated.last, last == " " || last == "\t" { stated.removeLast() }
        if stated.count >= 2, stated.first == "\"", stated.last == "\"" {
            return (String(stated.dropFirst().dropLast()), true)
        }
        return (String(stated), false)
    }

    /// Every `//` comment of the tree with its UTF-8 offset.
    private static func lineComments(in tree: SourceFileSyntax) -> [(Int, String)] {
        var comments: [(Int, String)] = []
        for token in tree.tokens(viewMode: .sourceAccurate) {
            var offset = token.position.utf8Offset
            for piece in token.leadingTrivia {
                if case .lineComment(let text) = piece { comments.append((offset, text)) }
                offset += piece.sourceLength.utf8Length
            }
            offset = token.endPositionBeforeTrailingTrivia.utf8Offset
            for piece in token.trailingTrivia {
                if case .lineComment(let text) = piece { comments.append((offset, text)) }
                offset += piece.sourceLength.utf8Length
            }
        }
        return comments
    }

    /// The UTF-8 offset where each line of `code` starts ("\n" ends a line, as in a cell's code).
    private static func lineStarts(of code: String) -> [Int] {
        var starts = [0]
        for (offset, byte) in code.utf8.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        return starts
    }
}
