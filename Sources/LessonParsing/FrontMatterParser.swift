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

        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                report(mark.line, "invalid YAML in front matter: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                for key in duplicates.sorted() {
                    // Yams marks the first occurrence; the repeat is the line to fix.
                    let keyLines = (2..<closing).filter { line in
                        let text = String(decoding: lines[line], as: UTF8.self)
                        return text.hasPrefix(key) && text.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":")
                    }
                    let line = keyLines.count > 1 ? keyLines[1] - 1 : context.mark.line
                    report(line, "front matter repeats the key '\(key)'")
                }
            default:
                report(1, "invalid YAML in front matter: \(error)")
            }
            return result
        } catch {
            report(1, "invalid YAML in front matter: \(error)")
            return result
        }

        guard let root else { return result }  // empty front matter
        guard let mapping = root.mapping else {
            report(root.mark?.line ?? 1, "front matter must be a YAML mapping of keys to values")
            return result
        }
        for (keyNode, value) in mapping {
            let keyLine = keyNode.mark?.line ?? 1
            let valueLine = value.mark?.line ?? keyLine
            guard let key = keyNode.scalar?.string else {
                report(keyLine, "front matter keys must be plain words")
                continue
            }
            let written = value.scalar?.string ?? "a \(value.mapping != nil ? "mapping" : "list")"
            switch key {
            case "title", "summary":
                guard let scalar = value.scalar, value.tag.rawValue != Tag.Name.null.rawValue else {
                    report(valueLine, "front matter key '\(key)' must be a string, not \(value.scalar == nil ? written : "empty")")
                    continue
                }
                if key == "title" { result.frontMatter.title = scalar.string } else { result.frontMatter.summary = scalar.string }
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
                let items = value.sequence.map { Array($0) } ?? (value.scalar != nil ? [value] : nil)
                guard let items, let paths = Optional(items.compactMap { $0.scalar?.string }), paths.count == items.count,
                      paths.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") }) else {
                    report(valueLine, "front matter key 'data' must list files under the course root (e.g. [Lessons/data/digits.csv]), not '\(written)'")
                    continue
                }
                result.frontMatter.data = paths
            default:
                report(keyLine, "unknown front matter key '\(key)' (known: \(knownKeys.joined(separator: ", ")))")
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
