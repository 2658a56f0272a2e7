import CourseModel
import Plumbing

/// Reads `course.yml` (see `CourseConfiguration`): its keys, each checked, every problem at
/// its `course.yml:line`.
public enum CourseConfigurationParser {
    static let knownKeys = ["title", "repository", "edit-url", "lessons", "libraries"]

    /// The configuration `text` states, and its problems (stage `.load`), in line order.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - path: The path diagnostics name (`course.yml`, relative to the working directory).
    public static func parse(_ text: String, path: String) -> (CourseConfiguration, [Diagnostic]) {
        var configuration = CourseConfiguration()
        var problems: [Diagnostic] = []
        let lastLine = max(SourceLines(text).count, 1)
        func report(_ line: Int, _ message: String) {
            // YAML may place a problem past the last line (an unclosed list at the end).
            problems.append(Diagnostic(.load, at: SourceLocation(path: path, line: min(max(line, 1), lastLine)), message))
        }
        for entry in YAMLMapping.entries(text, subject: CourseConfiguration.fileName, report: report) {
            let (value, line, written) = (entry.value, entry.valueLine, entry.written)
            switch entry.key {
            case "title", "repository":
                guard let string = YAMLMapping.string(value), !string.isEmpty else {
                    report(line, "'\(entry.key)' must be a string, not \(value.scalar == nil ? written : "empty")")
                    continue
                }
                if entry.key == "title" { configuration.title = string } else { configuration.repository = string }
            case "edit-url":
                guard let string = YAMLMapping.string(value), string.contains("{path}") else {
                    report(line, "'edit-url' must be an address with {path} where the lesson's path goes (e.g. https://github.com/OWNER/REPO/edit/main/{path}), not '\(written)'")
                    continue
                }
                configuration.editURL = string
            case "lessons":
                guard let folder = YAMLMapping.string(value), YAMLMapping.isRelativePath(folder) else {
                    report(line, "'lessons' must be a folder under the course root (e.g. Lessons), not '\(written)'")
                    continue
                }
                configuration.lessons = String(folder.reversed().drop { $0 == "/" }.reversed())
            case "libraries":
                // An empty list is a course without a library: its lessons use the standard library only.
                guard let names = YAMLMapping.strings(value) else {
                    report(line, "'libraries' must list library products of the root Package.swift (e.g. [Neural, Charts], or [] for none), not '\(written)'")
                    continue
                }
                if let bad = names.first(where: { name in name.isEmpty || !name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }) {
                    report(line, "'libraries' must list library products of the root Package.swift (e.g. [Neural, Charts], or [] for none), and '\(bad)' is not a product's name")
                    continue
                }
                configuration.libraries = names
                configuration.librariesLocation = SourceLocation(path: path, line: entry.keyLine)
            default:
                report(entry.keyLine, "unknown key '\(entry.key)' in \(CourseConfiguration.fileName) (known: \(knownKeys.joined(separator: ", ")))")
            }
        }
        return (configuration, problems.enumerated().sorted { ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset) }.map(\.element))
    }
}
