import CourseModel
import Foundation

/// What a crashed cell left behind, made readable: the runtime's one-line message and the
/// Markdown line of the innermost lesson frame.
///
/// The runtime prints `path:line: Fatal error: message` and `*** Signal 4: Backtracing ...`
/// on stderr; the backtracer writes a JSON crash report (`SWIFT_BACKTRACE=format=json`)
/// into a folder, one file per crashed process, named with its pid.
struct TrapReport: Hashable {
    /// What the cell printed before it crashed, without the runtime's crash lines.
    var output: String
    /// E.g. `Fatal error: Index out of range`, `Swift runtime failure: arithmetic overflow`.
    var message: String
    var location: SourceLocation?

    init(cellOutput: String, lessonPath: String, backtraceFolder: String, pid: Int32?, signal: Int32?) {
        var lines = cellOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var message: String? = nil
        var fatalLocation: SourceLocation? = nil

        // Drop the backtracer's banner (and the blank line before it).
        if let banner = lines.lastIndex(where: { $0.hasPrefix("*** Signal ") && $0.contains("Backtracing") }) {
            lines.remove(at: banner)
            if banner > 0, lines[banner - 1].isEmpty { lines.remove(at: banner - 1) }
        }
        if let fatal = lines.lastIndex(where: { $0.contains("Fatal error: ") }) {
            let line = lines[fatal]
            let range = line.range(of: "Fatal error: ", options: .backwards)!
            message = "Fatal error: " + line[range.upperBound...]
            var before = String(line[..<range.lowerBound])
            if let prefix = Self.locationPrefix(of: before) {
                if Self.names(prefix.path, lessonPath) { fatalLocation = SourceLocation(path: lessonPath, line: prefix.line) }
                before = prefix.printed
            }
            if before.isEmpty { lines.remove(at: fatal) } else { lines[fatal] = before }
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        self.output = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"

        let report = Self.crashReport(folder: backtraceFolder, pid: pid)
        let frames = report?.frames ?? []
        let lessonFrame = frames.first { $0.file == lessonPath && $0.line > 0 }
        self.location = lessonFrame.map { SourceLocation(path: lessonPath, line: $0.line, column: $0.column > 0 ? $0.column : nil) }
            ?? fatalLocation
        if let message {
            self.message = message
        } else if let failure = frames.first(where: { $0.description.hasPrefix("Swift runtime failure: ") }) {
            self.message = failure.description
        } else if let description = report?.description {
            self.message = "Crashed: \(description)"
        } else {
            self.message = "Crashed with signal \(signal ?? 0)"
        }
    }

    /// Splits `<printed text><path>:<line>: ` (what stands before "Fatal error: " when the
    /// cell's last line had no newline) into its parts; the path is taken as the last run
    /// of text without spaces.
    static func locationPrefix(of text: String) -> (printed: String, path: String, line: Int)? {
        guard text.hasSuffix(": ") else { return nil }
        let head = text.dropLast(2)
        guard let colon = head.lastIndex(of: ":"), let line = Int(head[head.index(after: colon)...]) else { return nil }
        let beforeColon = head[..<colon]
        let pathStart = beforeColon.lastIndex(of: " ").map { beforeColon.index(after: $0) } ?? beforeColon.startIndex
        return (String(beforeColon[..<pathStart]), String(beforeColon[pathStart...]), line)
    }

    /// Whether a path printed by the runtime names the lesson: exactly, or as `#fileID` does
    /// in the Swift 6 language mode (`Module/file.md`).
    static func names(_ printed: String, _ lessonPath: String) -> Bool {
        if printed == lessonPath { return true }
        let base = lessonPath.split(separator: "/").last.map(String.init) ?? lessonPath
        return printed.split(separator: "/").count == 2 && printed.hasSuffix("/" + base)
    }

    struct Frame {
        var description: String
        var file: String
        var line: Int
        var column: Int
    }

    static func crashReport(folder: String, pid: Int32?) -> (description: String, frames: [Frame])? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let candidates = names.filter { $0.hasSuffix(".json") }.sorted()
        let name = pid.flatMap { pid in candidates.first { $0.contains("-\(pid)-") } } ?? candidates.last
        guard let name, let data = FileManager.default.contents(atPath: folder + "/" + name),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let threads = json["threads"] as? [[String: Any]] ?? []
        let crashed = threads.first { $0["crashed"] as? Bool == true } ?? threads.first
        let frames = (crashed?["frames"] as? [[String: Any]] ?? []).map { frame in
            let location = frame["sourceLocation"] as? [String: Any]
            return Frame(
                description: frame["description"] as? String ?? "",
                file: location?["file"] as? String ?? "",
                line: location?["line"] as? Int ?? 0,
                column: location?["column"] as? Int ?? 0)
        }
        return (json["description"] as? String ?? "", frames)
    }
}
