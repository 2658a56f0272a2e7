import CMark
import CourseModel
import Foundation
import OutputChecking
import Plumbing
import Testing
@testable import LessonParsing

/// The parser against cmark itself, on every example of the CommonMark spec's "Fenced code
/// blocks" section (`Tests/Fixtures/commonmark/fenced-code-examples.txt`, CC BY-SA 4.0), at the
/// top level and in six kinds of container. cmark is the authority on what a block is; what
/// the parser adds of its own (whether a fence closes a block, the columns of code lines, the
/// lines `--update` writes) must agree with how cmark reads the file:
///
/// - a fenced block is "unterminated" exactly when cmark closed it without a closing fence;
/// - a cell's code is cmark's, and each code line's column is where cmark's text of that line
///   starts on its Markdown line;
/// - `--update` writes output blocks (new ones, then new text into them) that cmark reads back
///   exactly, leaving every other block as it was, and a second update changes nothing.
@Suite struct CommonMarkConformanceTests {
    /// How an example is put inside a container: the prefix of its first line, of the others,
    /// and of its blank lines.
    enum Container: String, CaseIterable {
        case document, blockQuote, bulletItem, orderedItem, tabIndentedItem, quoteInItem, unindentedItem

        func wrap(_ markdown: String) -> String {
            let (first, rest, blank): (String, String, String) = switch self {
            case .document: ("", "", "")
            case .blockQuote: ("> ", "> ", ">")
            case .bulletItem: ("- ", "  ", "")
            case .orderedItem: ("1. ", "   ", "")
            case .tabIndentedItem: ("- ", "\t", "")
            case .quoteInItem: ("- > ", "  > ", "  >")
            // The lines after the first are not indented: the item ends at the first that is
            // not a paragraph's lazy continuation, fences included.
            case .unindentedItem: ("- ", "", "")
            }
            var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines.enumerated().map { index, line in
                line.isEmpty && index > 0 ? blank : (index == 0 ? first : rest) + line
            }.joined(separator: "\n") + "\n"
        }
    }

    /// The examples' Markdown, in order (`→` is a tab, as in the spec).
    static let examples: [String] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/commonmark/fenced-code-examples.txt").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let opening = String(repeating: "`", count: 32) + " example\n"
        return text.components(separatedBy: opening).dropFirst().map { example in
            String(example[..<example.range(of: "\n.\n")!.lowerBound] + "\n").replacingOccurrences(of: "→", with: "\t")
        }
    }()

    /// A code block as cmark reads it, and whether a closing fence ended it.
    struct Block: Equatable {
        var startLine: Int
        var info: String
        var literal: String
        var fenced: Bool
        var closedByFence: Bool
    }

    /// Every code block cmark finds in `source`, in document order.
    static func cmarkBlocks(_ source: String) -> [Block] {
        let lines = SourceLines(source)
        func blocks(_ text: String) -> [CMarkNode] {
            var found: [CMarkNode] = []
            func walk(_ node: CMarkNode) {
                if node.kind == .codeBlock { found.append(node) }
                node.children.forEach(walk)
            }
            walk(CMarkConverter.parse(text))
            return found
        }
        return blocks(source).map { node in
            // A fenced block's lines are its literal's plus the opening fence (and the closing
            // one); an indented block's are exactly its literal's.
            let literalLines = node.literal.utf8.count { $0 == UInt8(ascii: "\n") }
            let fenced = node.endLine - node.startLine + 1 != literalLines
            // Whether cmark took line `endLine` as the closing fence: the line is not in the
            // literal, and when the fence on it is broken (its characters become letters) the
            // block goes on past it.
            var closed = false
            if fenced, node.endLine > node.startLine, literalLines == node.endLine - node.startLine - 1 {
                var edited = lines
                let line = String(decoding: lines[node.endLine], as: UTF8.self)
                let broken = String(line.map { $0 == "`" || $0 == "~" ? "x" : $0 })
                edited.replace((node.endLine - 1)..<node.endLine, with: [broken])
                let after = blocks(edited.text).first { $0.startLine == node.startLine }
                closed = after?.literal != node.literal
            }
            return Block(startLine: node.startLine, info: node.info, literal: node.literal, fenced: fenced, closedByFence: closed)
        }
    }

    /// `source` with the info string of every fenced block that cmark closed with a fence set to
    /// `swift` (the fence run itself kept), so each becomes a cell.
    static func withCells(_ source: String, _ blocks: [Block]) -> String {
        var lines = SourceLines(source)
        for block in blocks where block.fenced {
            let line = String(decoding: lines[block.startLine], as: UTF8.self)
            guard let start = line.firstIndex(where: { $0 == "`" || $0 == "~" }) else { continue }
            let end = line[start...].firstIndex { $0 != line[start] } ?? line.endIndex
            lines.replace((block.startLine - 1)..<block.startLine, with: [String(line[..<end]) + "swift"])
        }
        return lines.text
    }

    static let cases: [(example: Int, container: Container)] =
        examples.indices.flatMap { example in Container.allCases.map { (example + 1, $0) } }

    @Test(arguments: cases)
    func theParserReadsFencesAsCmarkDoes(example: Int, container: Container) throws {
        let source = container.wrap(Self.examples[example - 1])
        let blocks = Self.cmarkBlocks(source)

        // Unterminated exactly where cmark found no closing fence.
        let unterminated = blocks.filter { $0.fenced && !$0.closedByFence }.map(\.startLine)
        var reported: [Int] = []
        do {
            _ = try LessonParser.parse(source: source, path: "spec.md")
        } catch {
            reported = error.all.filter { $0.message.hasPrefix("unterminated code fence") }.compactMap { $0.location?.line }
            #expect(error.all.count == reported.count, "\(error.all)")
        }
        #expect(reported == unterminated, "example \(example) in \(container):\n\(source)")
        guard unterminated.isEmpty else { return }

        // The same blocks as cells: cmark's code, at cmark's columns.
        let cellSource = Self.withCells(source, blocks)
        let lesson = try LessonParser.parse(source: cellSource, path: "spec.md")
        let fencedBlocks = Self.cmarkBlocks(cellSource).filter(\.fenced)
        #expect(lesson.cells.map(\.code) == fencedBlocks.map(\.literal), "example \(example) in \(container)")
        let lines = SourceLines(cellSource)
        for cell in lesson.cells {
            for (offset, codeLine) in cell.code.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
                let markdownLine = String(decoding: lines[cell.firstCodeLine + offset], as: UTF8.self)
                // Where cmark's text is a suffix of the line (no tab half used), it starts at the cell's column.
                guard !codeLine.isEmpty, markdownLine.hasSuffix(codeLine) else { continue }
                #expect(markdownLine.utf8.count - codeLine.utf8.count == cell.columnOffset(ofLine: offset),
                        "example \(example) in \(container): line \(cell.firstCodeLine + offset) \(markdownLine.debugDescription)")
            }
        }

        // `--update` writes blocks cmark reads back exactly; a second update changes nothing.
        guard !lesson.cells.isEmpty else { return }
        var written = cellSource
        for outputs in [
            Dictionary(uniqueKeysWithValues: lesson.cells.map { ($0.index, "  indented \($0.index)\n\nplain\n") }),
            Dictionary(uniqueKeysWithValues: lesson.cells.map { ($0.index, "changed\n") }),
        ] {
            let before = try LessonParser.parse(source: written, path: "spec.md")
            let updated = OutputPromoter.rewrite(source: written, lesson: before, newOutputs: outputs)
            let after = try LessonParser.parse(source: updated, path: "spec.md")
            #expect(after.cells.map(\.code) == lesson.cells.map(\.code), "example \(example) in \(container):\n\(updated)")
            let outputBlocks = Self.cmarkBlocks(updated).filter { $0.info == "output" }
            #expect(outputBlocks.map(\.literal) == lesson.cells.map { outputs[$0.index]! },
                    "example \(example) in \(container):\n\(updated)")
            #expect(after.cells.map { $0.output?.text } == lesson.cells.map { outputs[$0.index] })
            #expect(OutputPromoter.rewrite(source: updated, lesson: after, newOutputs: outputs) == updated)
            written = updated
        }
    }

    // The three places where the parser once read a file otherwise than cmark (issue 17).

    @Test func aFenceLeftOfItsListItemDoesNotCloseTheCellInIt() {
        // cmark ends the list item at line 3, and with it the cell; line 3 opens a new block
        // that holds the "output" block's lines.
        #expect(parsed("- ```swift\n  print(1)\n```\n```output\n1\n```\n") == """
            lesson.md:1: error: unterminated code fence (opened with ``` here)

            """)
    }

    @Test func anOutputBlockIndentedWithATabInAListItemSettles() throws {
        let source = "- ```swift\n  print(1)\n  ```\n\n\t```output\n\t1\n\t```\n"
        let lesson = try LessonParser.parse(source: source, path: "lesson.md")
        // cmark reads the tab's unused columns as a space of the block's text.
        #expect(lesson.cells[0].output?.text == " 1\n")
        #expect(lesson.cells[0].output?.span == FenceSpan(
            openingLine: 5, closingLine: 7, fence: "```", linePrefix: "    ", contentPrefix: "   "))
        let updated = OutputPromoter.rewrite(source: source, lesson: lesson, newOutputs: [0: "1\n"])
        #expect(updated == "- ```swift\n  print(1)\n  ```\n\n\t```output\n   1\n\t```\n")
        let again = try LessonParser.parse(source: updated, path: "lesson.md")
        #expect(again.cells[0].output?.text == "1\n")
        #expect(!OutputPromoter.needsUpdate(expected: again.cells[0].output?.text, actual: "1\n"))
    }

    @Test func aCodeLineIndentedLessThanItsFenceKeepsItsColumn() throws {
        // Spec example 136 (version 0.30): the fence is indented three spaces, the code none.
        let lesson = try LessonParser.parse(source: "   ```swift\naaa\n  ```\n", path: "lesson.md")
        #expect(lesson.cells[0].code == "aaa\n")
        #expect(lesson.cells[0].codeColumnOffset == 3)
        #expect(lesson.cells[0].lineColumnOffsets == [0])
    }
}
