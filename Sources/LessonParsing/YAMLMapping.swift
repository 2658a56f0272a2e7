import Yams

/// The one reader of YAML, for a lesson's front matter and for `course.yml`: a mapping of
/// plain keys to values, composed by Yams, every problem reported at its line.
enum YAMLMapping {
    struct Entry {
        var key: String
        /// 1-based lines in the YAML text.
        var keyLine: Int
        var valueLine: Int
        var value: Node

        /// How the value reads in a message: the scalar, or what it is.
        var written: String { value.scalar?.string ?? "a \(value.mapping != nil ? "mapping" : "list")" }
    }

    /// The entries of `yaml`'s mapping, in order; empty for an empty text. `report(line,
    /// message)` gets each problem, at a 1-based line of `yaml`; `subject` names the text in
    /// messages ("front matter", "course.yml").
    static func entries(_ yaml: String, subject: String, report: (Int, String) -> Void) -> [Entry] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                report(mark.line, "invalid YAML in \(subject): \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
                for key in duplicates.sorted() {
                    // Yams marks the first occurrence; the repeat is the line to fix.
                    let keyLines = lines.indices.filter { index in
                        let text = lines[index]
                        return text.hasPrefix(key) && text.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":")
                    }
                    report(keyLines.count > 1 ? keyLines[1] + 1 : context.mark.line, "\(subject) repeats the key '\(key)'")
                }
            default:
                report(1, "invalid YAML in \(subject): \(error)")
            }
            return []
        } catch {
            report(1, "invalid YAML in \(subject): \(error)")
            return []
        }
        guard let root else { return [] }  // an empty text
        guard let mapping = root.mapping else {
            report(root.mark?.line ?? 1, "\(subject) must be a YAML mapping of keys to values")
            return []
        }
        var entries: [Entry] = []
        for (keyNode, value) in mapping {
            let keyLine = keyNode.mark?.line ?? 1
            guard let key = keyNode.scalar?.string else {
                report(keyLine, "\(subject) keys must be plain words")
                continue
            }
            entries.append(Entry(key: key, keyLine: keyLine, valueLine: value.mark?.line ?? keyLine, value: value))
        }
        return entries
    }

    /// A string value (not null, not a list or mapping), else nil.
    static func string(_ value: Node) -> String? {
        guard let scalar = value.scalar, value.tag.rawValue != Tag.Name.null.rawValue else { return nil }
        return scalar.string
    }

    /// A list of strings, or one string as a list of one; nil when anything else.
    static func strings(_ value: Node) -> [String]? {
        let items = value.sequence.map { Array($0) } ?? (value.scalar != nil ? [value] : nil)
        guard let items else { return nil }
        let strings = items.compactMap { $0.scalar?.string }
        return strings.count == items.count ? strings : nil
    }

    /// A path under a folder: relative, not empty, never leaving it by `..`.
    static func isRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
    }
}
