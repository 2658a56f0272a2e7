import CourseModel

/// Reads `swiftc -diagnostic-style=llvm` output: `path:line:column: error: message`
/// followed by the source line and a caret.
enum CompilerDiagnostics {
    struct Entry: Hashable {
        var location: SourceLocation
        var message: String
        /// The lines the compiler printed under it (source excerpt, caret, notes).
        var excerpt: String
    }

    static func errors(in output: String) -> [Entry] {
        var entries: [Entry] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if let entry = parseErrorLine(line) {
                entries.append(entry)
            } else if !entries.isEmpty, !line.isEmpty, parseAnyDiagnostic(line) == nil {
                entries[entries.count - 1].excerpt += (entries[entries.count - 1].excerpt.isEmpty ? "" : "\n") + line
            } else if parseAnyDiagnostic(line) != nil, !entries.isEmpty {
                // A warning or note: notes belong to the error above; keep them in its excerpt.
                if line.contains(": note: ") {
                    entries[entries.count - 1].excerpt += (entries[entries.count - 1].excerpt.isEmpty ? "" : "\n") + line
                }
            }
        }
        return entries
    }

    private static func parseErrorLine(_ line: Substring) -> Entry? {
        guard let (location, kind, message) = parseAnyDiagnostic(line), kind == "error" else { return nil }
        return Entry(location: location, message: message, excerpt: "")
    }

    /// `path:line:column: kind: message`, where path may itself contain colons.
    private static func parseAnyDiagnostic(_ line: Substring) -> (SourceLocation, String, String)? {
        for kind in ["error", "warning", "note"] {
            guard let range = line.range(of: ": \(kind): ") else { continue }
            let head = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard head.count >= 3, let lineNumber = Int(head[head.count - 2]), let column = Int(head[head.count - 1]) else {
                continue
            }
            let path = head[..<(head.count - 2)].joined(separator: ":")
            return (SourceLocation(path: path, line: lineNumber, column: column), kind, String(line[range.upperBound...]))
        }
        return nil
    }
}
