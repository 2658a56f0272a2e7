import CoursePipeline
import CourseModel
import Foundation

/// The repository's `Tests/Fixtures` folder: one small course per case.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

/// A cache shared by every test, so the fixture library builds once.
let sharedCache = FileManager.default.temporaryDirectory.appendingPathComponent("course-pipeline-tests").path

final class LogLines: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// Runs `course check` in-process on a fixture course; returns the report and what it printed
/// after its progress steps (the part that does not depend on timing).
func check(_ root: String, lessons: [String] = [], update: Bool = false, color: Bool = false) -> (JudgedCourse, String) {
    var options = CourseCheck.Options()
    options.root = root
    options.lessons = lessons
    options.update = update
    options.color = color
    options.workingDirectory = root
    options.cacheFolder = sharedCache
    let log = LogLines()
    let report = CourseCheck(options: options, log: { log.append($0) }).run()
    let lines = log.all
    let start = (lines.firstIndex { $0.hasPrefix("[4/4]") }).map { $0 + 1 } ?? 0
    return (report, lines[start...].joined(separator: "\n") + "\n")
}

/// A copy of a fixture course in a fresh temporary folder (its `Sources` linked to the fixture library).
func copyOfFixture(_ name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-fixture-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: fixtures + "/\(name)/Lessons", toPath: folder + "/Lessons")
    try FileManager.default.createSymbolicLink(atPath: folder + "/Sources", withDestinationPath: fixtures + "/library/Sources")
    return folder
}
