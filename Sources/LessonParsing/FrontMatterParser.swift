import CourseModel
import Yams
import Plumbing

/// Reads a lesson's optional YAML front matter: a block between a first line `---` and the
/// next line `---` (or `...`), with the keys `title`, `summary` (strings), `timeout` (a number
/// of seconds greater than 0), `optimize` (a Boolean) and `data` (a list of files, relative to
/// the course root, that the lesson's code reads).
enum FrontMatterParser {
    static let knownKeys = ["title", "summary", "timeout", "optimize", "data"]

    struct Result {
        var frontMatter = FrontMatter()
        /// 1-based line of the closing `---`, 0 when there is no front matter. Lines
        /// `1...lastLine` are blanked before cmark sees the text, so line numbers stay the same.
        var lastLine = 0
        var diagnostics: [Diagnostic] = []
    }

    static func parse(_ lines: SourceLines, path: String) -> Result {
        var result = Result()
        guard lines.count > 0, isDelimiter(lines[1], allowDots: false) else { return result }
        guard lines.count >= 2, let closing = (2...lines.count).first(where: { isDelimiter(lines[$0], allowDots: true) }) else {
            result.diagnostics.append(Diagnostic(
                .parse, at: SourceLocation(path: path, line: 1),
                "front matter is never closed: end it with a line '---'"))
            return result
        }
        result.lastLine = closing

        // YAML line n is Markdown line n + 1.
        let yaml = SourceLines.joined((2..<closing).map { lines[$0] })
        func location(_ yamlLine: Int) -> SourceLocation {
            SourceLocation(path: path, line: min(max(yamlLine, 1), max(closing - 2, 1)) + 1)
        }
        func report(_ yamlLine: Int, _ message: String) {
            result.diagnostics.append(Diagnostic(.parse, at: location(yamlLine), message))
        }

        for entry in YAMLMapping.entries(yaml, subject: "front matter", report: report) {
            let (key, value, valueLine, written) = (entry.key, entry.value, entry.valueLine, entry.written)
            switch key {
            case "title", "summary":
                guard let string = YAMLMapping.string(value) else {
                    report(valueLine, "front matter key '\(key)' must be a string, not \(value.scalar == nil ? written : "empty")")
                    continue
                }
                if key == "title" { result.frontMatter.title = string } else { result.frontMatter.summary = string }
            case "timeout":
                let isNumber = [Tag.Name.int.rawValue, Tag.Name.float.rawValue].contains(value.tag.rawValue)
                guard isNumber, let seconds = value.float, seconds.isFinite, seconds > 0 else {
                    report(valueLine, "front matter key 'timeout' must be a number of seconds greater than 0, not '\(written)'")
                    continue
                }
                result.frontMatter.timeout = seconds
            case "optimize":
                guard value.tag.rawValue == Tag.Name.bool.rawValue, let flag = value.bool else {
                    report(valueLine, "front matter key 'optimize' must be true or false, not '\(written)'")
                    continue
                }
                result.frontMatter.optimize = flag
            case "data":
                guard let paths = YAMLMapping.strings(value), paths.allSatisfy(YAMLMapping.isRelativePath) else {
                    report(valueLine, "front matter key 'data' must list files under the course root (e.g. [Lessons/data/digits.csv]), not '\(written)'")
                    continue
                }
                result.frontMatter.data = paths
            default:
                report(entry.keyLine, "unknown front matter key '\(key)' (known: \(knownKeys.joined(separator: ", ")))")
            }
        }
        return result
    }

    /// `---` (or, to close, `...`) alone on a line, trailing spaces allowed.
    private static func isDelimiter(_ line: [UInt8], allowDots: Bool) -> Bool {
        var trimmed = line[...]
        while let last = trimmed.last, last.isSpaceOrTab { trimmed.removeLast() }
        return trimmed.elementsEqual("---".utf8) || (allowDots && trimmed.elementsEqual("...".utf8))
    }
}
