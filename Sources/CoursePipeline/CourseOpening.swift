import CourseModel
import Foundation
import LessonParsing

extension CourseLayout {
    /// The theme a course without a `Site/` folder of its own is built with (as mdBook has a
    /// theme built in, and a book's `theme/` overrides it): the `Site/` beside the executable
    /// when `course` is installed (`Scripts/install` puts it there), else the `Site/` of the
    /// checkout `course` was built from.
    public static let builtInThemeFolder: String = builtInTheme(executable: Bundle.main.executableURL, checkout: checkoutThemeFolder)

    /// The checkout's `Site/`, found from this file's path at build time.
    static let checkoutThemeFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Site").path

    /// The `Site/` beside `executable` (symbolic links followed: `bin/course` links to the
    /// installed `lib/course/course`) when it holds templates, else `checkout`.
    static func builtInTheme(executable: URL?, checkout: String) -> String {
        if let folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("Site").path,
           isDirectory(folder + "/templates") {
            return folder
        }
        return checkout
    }

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
