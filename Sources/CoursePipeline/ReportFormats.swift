import CourseModel
import Foundation
import Plumbing

/// Machine-readable forms of a check report, for CI.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// JUnit XML: one test suite per lesson, one test case per cell, named by lesson and line.
    case junit
    /// The report as JSON: every lesson, every cell's verdict and output, every diagnostic.
    case json

    public func render(_ report: JudgedCourse) -> String {
        let context = RenderContext(course: report)
        switch self {
        case .junit: return JUnitReport().render(context)
        case .json: return JSONReport().render(context)
        }
    }
}

/// The judged course as JUnit XML, for CI: a test suite per lesson, a test case per judged cell
/// named `path:line`.
struct JUnitReport: CourseRenderer {
    var name: String { "junit" }

    func render(_ context: RenderContext) -> String {
        let report = context.course
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"course check\" tests=\"\(report.passed + report.failed + report.skipped)\" failures=\"\(report.failed)\" skipped=\"\(report.skipped)\">\n"
        if !report.problems.isEmpty {
            xml += "  <testsuite name=\"course\" tests=\"\(report.problems.count)\" failures=\"\(report.problems.count)\">\n"
            for problem in report.problems { xml += testCase(name: "course", className: "course", failures: [problem]) }
            xml += "  </testsuite>\n"
        }
        for lesson in report.lessons {
            let name = lesson.file.displayPath
            let cases = lesson.verdicts.count + lesson.problems.count
            let time = lesson.run?.duration.map { String(format: " time=\"%.3f\"", $0) } ?? ""
            xml += "  <testsuite name=\"\(Escape.xml(name))\" tests=\"\(cases)\" failures=\"\(lesson.failed)\" skipped=\"\(lesson.skipped)\"\(time)>\n"
            for problem in lesson.problems {
                xml += testCase(name: problem.location.map(\.description) ?? name, className: name, failures: [problem])
            }
            for (cell, verdict) in lesson.judgedCells {
                let caseName = "\(name):\(cell.span.openingLine)"
                switch verdict {
                case .passed: xml += testCase(name: caseName, className: name, failures: [])
                case .failed(let diagnostics): xml += testCase(name: caseName, className: name, failures: diagnostics)
                case .skipped(let reason): xml += testCase(name: caseName, className: name, failures: [], skipped: reason)
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    func testCase(name: String, className: String, failures: [Diagnostic], skipped: String? = nil) -> String {
        var xml = "    <testcase name=\"\(Escape.xml(name))\" classname=\"\(Escape.xml(className))\""
        guard !failures.isEmpty || skipped != nil else { return xml + "/>\n" }
        xml += ">\n"
        if let skipped { xml += "      <skipped message=\"\(Escape.xml(skipped))\"/>\n" }
        for failure in failures {
            xml += "      <failure message=\"\(Escape.xml(failure.message))\" type=\"\(failure.stage.rawValue)\">"
            xml += Escape.xml(failure.description) + "</failure>\n"
        }
        return xml + "    </testcase>\n"
    }
}

/// The judged course as JSON: every lesson, every cell's verdict and output, every diagnostic.
struct JSONReport: CourseRenderer {
    var name: String { "json" }

    struct Document: Encodable {
        var passed: Int, failed: Int, skipped: Int
        var problems: [Diagnostic]
        var lessons: [LessonEntry]
    }

    struct LessonEntry: Encodable {
        var path: String
        var title: String?
        var passed: Int, failed: Int, skipped: Int
        var cached: Bool?
        var seconds: Double?
        var problems: [Diagnostic]
        var cells: [CellEntry]
    }

    struct CellEntry: Encodable {
        var line: Int
        var attributes: [String]
        var verdict: String
        var diagnostics: [Diagnostic]
        var output: String?
        var skipReason: String?
    }

    func render(_ context: RenderContext) -> String {
        let report = context.course
        let lessons = report.lessons.map { lesson in
            LessonEntry(
                path: lesson.file.displayPath, title: lesson.lesson?.title,
                passed: lesson.passed, failed: lesson.failed, skipped: lesson.skipped,
                cached: lesson.run?.fromCache, seconds: lesson.run?.duration, problems: lesson.problems,
                cells: lesson.judgedCells.map { cell, verdict in
                    var entry = CellEntry(line: cell.span.openingLine, attributes: cell.attributes.map(\.rawValue).sorted(),
                                          verdict: VerdictText.word(verdict), diagnostics: [], output: lesson.run?.results[cell.index].output)
                    switch verdict {
                    case .passed: break
                    case .failed(let diagnostics): entry.diagnostics = diagnostics
                    case .skipped(let reason): entry.skipReason = reason
                    }
                    return entry
                })
        }
        let document = Document(passed: report.passed, failed: report.failed, skipped: report.skipped,
                                problems: report.problems, lessons: lessons)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }
}
