import CourseModel
import Foundation
import LessonParsing

extension CourseLayout {
    /// The theme a course without a `Site/` folder of its own is built with: the `Site/` of the
    /// checkout `course` was built from (as mdBook has a theme built in, and a book's `theme/`
    /// overrides it).
    public static let builtInThemeFolder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Site").path

    /// The course found from `directory` (or at `override`), with what its `course.yml` says:
    /// how every command opens a course. A `course.yml` that cannot be read, a problem in it,
    /// and a lessons folder that does not exist are the error (every problem of the file in
    /// it: the first as its message, the others in its detail).
    public static func open(from directory: String, override: String? = nil) throws(Diagnostic) -> CourseLayout {
        var layout = try locate(from: directory, override: override)
        let file = layout.configurationFile
        let path = layout.display(file)
        if FileManager.default.fileExists(atPath: file) {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw Diagnostic(.load, at: SourceLocation(path: path, line: 1), "\(CourseConfiguration.fileName) cannot be read as UTF-8 text")
            }
            let (configuration, problems) = CourseConfigurationParser.parse(text, path: path)
            if let first = problems.first {
                let rest = problems.dropFirst().map(\.description).joined(separator: "\n")
                throw Diagnostic(first.stage, at: first.location, first.message, detail: rest.isEmpty ? nil : rest)
            }
            layout.configuration = configuration
        }
        if !isDirectory(layout.themeFolder) { layout.themeFolder = builtInThemeFolder }
        guard isDirectory(layout.lessonsFolder) else {
            throw Diagnostic(.load, at: SourceLocation(path: path, line: 1),
                             "the lessons folder \(layout.display(layout.lessonsFolder)) does not exist (name another with 'lessons:' in course.yml)")
        }
        return layout
    }
}
