import CourseModel
import Foundation
import LessonParsing

/// Reads a lesson file and parses it, turning every failure into diagnostics at its path.
enum LessonLoader {
    static func load(_ file: CourseLayout.LessonFile) -> Result<Lesson, Diagnostics> {
        let location = SourceLocation(path: file.displayPath, line: 1)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            let reason = FileManager.default.isReadableFile(atPath: file.path) ? "cannot be read" : "is not readable (check its permissions)"
            return .failure(Diagnostics([Diagnostic(.load, at: location, "the lesson file \(reason)")]))
        }
        guard let source = String(data: data, encoding: .utf8) else {
            return .failure(Diagnostics([Diagnostic(.load, at: location, "the lesson file is not valid UTF-8")]))
        }
        do {
            return .success(try LessonParser.parse(source: source, path: file.displayPath))
        } catch {
            return .failure(error)
        }
    }
}
