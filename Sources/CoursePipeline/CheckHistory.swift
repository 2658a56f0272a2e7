import CourseModel
import Foundation
import Plumbing

/// What the last `course check` found, per lesson, kept in `.build/course/last-check.json`
/// under the course root so that `course list` can show each lesson's status.
public struct CheckHistory: Codable, Hashable, Sendable {
    public struct Entry: Codable, Hashable, Sendable {
        /// The lesson's file name, e.g. `01-perceptron.md`.
        public var file: String
        public var title: String
        /// Judged cells (all but `ignore`).
        public var cells: Int
        public var passed: Int
        public var failed: Int
        public var skipped: Int
        public var date: Date
        /// The lesson file's size and modification time when it was checked (`FileStamp`):
        /// a different one now means it was edited since.
        public var stamp: String?
    }

    /// By file name.
    public var lessons: [String: Entry] = [:]

    public init(lessons: [String: Entry] = [:]) { self.lessons = lessons }

    public static let fileName = "last-check.json"

    /// The history in `cacheFolder`, or an empty one.
    public static func load(from cacheFolder: String) -> CheckHistory {
        guard let data = FileManager.default.contents(atPath: cacheFolder + "/" + fileName) else { return CheckHistory() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode(CheckHistory.self, from: data)) ?? CheckHistory()
    }

    /// Adds the lessons `report` checked to the history in `cacheFolder` (lessons it did not
    /// check keep their earlier entry). A history that cannot be written is not an error of the check.
    public static func record(_ report: JudgedCourse, in cacheFolder: String, date: Date = Date()) {
        var history = load(from: cacheFolder)
        for lesson in report.lessons {
            let name = lesson.file.fileName
            history.lessons[name] = Entry(
                file: name, title: lesson.lesson?.title ?? name, cells: lesson.verdicts.count,
                passed: lesson.passed, failed: lesson.failed, skipped: lesson.skipped, date: date,
                stamp: FileStamp(path: lesson.file.path)?.description)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(history) else { return }
        try? AtomicFile.write(data, to: cacheFolder + "/" + fileName)
    }
}

/// `course list`: the lessons in order with their title, number of cells and status from the last check.
public enum CourseList {
    public struct Row: Hashable, Sendable {
        public var number: Int
        public var title: String
        public var cells: Int
        public var status: String
        public var failed: Bool
    }

    /// One row per lesson file. A lesson that does not parse is listed with its problem.
    public static func rows(root: String?, workingDirectory: String = FileManager.default.currentDirectoryPath,
                            cacheFolder: String? = nil) throws(Diagnostic) -> [Row] {
        let layout = try CourseLayout.open(from: workingDirectory, override: root)
        let history = CheckHistory.load(from: cacheFolder ?? layout.cacheFolder)
        return try layout.lessonFiles().map { file in
            let name = file.fileName
            guard case .success(let lesson) = LessonLoader.load(file) else {
                return Row(number: file.number, title: file.slug, cells: 0, status: "does not parse (run course check)", failed: true)
            }
            let cells = lesson.cells.filter { !$0.has(.ignore) }.count
            guard let entry = history.lessons[name] else {
                return Row(number: file.number, title: lesson.title, cells: cells, status: "not yet run", failed: false)
            }
            let now = FileStamp(path: file.path)
            let edited = entry.stamp.map { $0 != now?.description } ?? (now.map { $0.date > entry.date } ?? false)
            var status = VerdictText.lessonStatus(failed: entry.failed)
            if entry.skipped > 0 { status += ", \(entry.skipped) skipped" }
            if edited { status += " (edited since)" }
            return Row(number: file.number, title: lesson.title, cells: cells, status: status, failed: entry.failed > 0)
        }
    }

    /// The rows as a table: number, title, cells, status.
    public static func table(_ rows: [Row], color: Bool) -> String {
        let style = ConsoleStyle(color: color)
        let titleWidth = max(6, rows.map(\.title.count).max() ?? 0)
        let numberWidth = max(1, rows.map { String($0.number).count }.max() ?? 1)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func padLeft(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        var lines = [style.bold(padLeft("#", numberWidth) + "  " + pad("Lesson", titleWidth) + "  Cells  Status")]
        for row in rows {
            let status = !row.failed && row.status.hasPrefix(VerdictText.passMark) ? style.passed(row.status) : row.failed ? style.failed(row.status) : row.status
            lines.append(padLeft(String(row.number), numberWidth) + "  " + pad(row.title, titleWidth) + "  "
                + padLeft(String(row.cells), 5) + "  " + status)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
