import CourseModel
import Foundation
import LessonParsing
import Testing
import TestSupport

/// `course read` shows, on every cell, the verdict `course check` gives it: both commands are
/// run as a learner runs them, on every lesson of every fixture course, and compared cell by
/// cell (read's header status against check's JSON verdict for the cell at the same line).
@Suite(.offThePool) struct ReadAgreesWithCheckTests {
    struct Report: Decodable {
        struct Lesson: Decodable {
            struct Cell: Decodable {
                var line: Int
                var verdict: String
            }
            var path: String
            var cells: [Cell]
            var problems: [Diagnostic]
        }
        var lessons: [Lesson]
    }

    static let courses = ["book-style", "exercises", "failing", "passing", "reader", "site", "update"]

    @Test(arguments: courses)
    func readShowsWhatCheckSays(course: String) throws {
        let root = fixtures + "/" + course
        let cli = CommandLineTests()
        let checked = try cli.run(["check", "--format", "json", "--color", "never"], in: root)
        let json = try #require(checked.output.firstIndex(of: "{").map { String(checked.output[$0...]) })
        let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        #expect(!report.lessons.isEmpty)
        for lesson in report.lessons {
            let read = try cli.run(["read", lesson.path, "--width", "100"], in: root)
            guard case .success(let parsed) = Result(catching: {
                try LessonParser.parse(source: String(contentsOfFile: root + "/" + lesson.path, encoding: .utf8), path: lesson.path)
            }) else {
                #expect(read.status != 0, "\(lesson.path) does not parse, yet `course read` succeeded")
                #expect(!lesson.problems.isEmpty)
                continue
            }
            #expect(read.status == 0, "\(read.output)")
            // Each shown cell's header, in order: `── cell k/n · attributes ─── status ─` (after
            // a block quote's bar or a list item's indentation, for cells inside them).
            let headers = read.output.split(separator: "\n")
                .map { $0.drop { $0 == " " || $0 == "│" } }
                .filter { $0.hasPrefix("── cell ") }
            let shown = parsed.cells.filter(\.isShown)
            #expect(headers.count == shown.count, "\(lesson.path): \(headers.count) cells shown, \(shown.count) expected")
            let verdicts = Dictionary(lesson.cells.map { ($0.line, $0.verdict) }, uniquingKeysWith: { a, _ in a })
            for (header, cell) in zip(headers, shown) {
                let status: String?
                switch verdicts[cell.span.openingLine] {
                case "passed"?: status = "✓ passed"
                case "failed"?: status = "✗ failed"
                case "skipped"?: status = "skipped"
                default: status = nil  // not judged: ignore, solution
                }
                if let status {
                    #expect(header.hasSuffix(" \(status) ─"), "\(lesson.path):\(cell.span.openingLine): read says \(header), check says \(status)")
                } else {
                    #expect(!header.contains("passed") && !header.contains("failed") && !header.contains("skipped"),
                            "\(lesson.path):\(cell.span.openingLine): read says \(header), check judges nothing there")
                }
            }
        }
    }
}
