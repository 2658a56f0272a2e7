import CourseModel
import Foundation
import LessonExecution
import OutputChecking
import TerminalRendering
import Plumbing

/// One lesson, as the terminal reader uses it: loads it, builds the lesson library (once, or
/// from the cache), runs it and judges every cell, as `course check` does for one lesson.
public final class LessonSession: @unchecked Sendable {
    public let layout: CourseLayout
    public let file: CourseLayout.LessonFile
    private let cache: String
    private let lock = NSLock()
    private var runner: LessonRunner?

    /// The lesson `selector` names (a number, slug, file name or path) in the course found from
    /// `workingDirectory` (or at `root`).
    public init(lesson selector: String, root: String?, workingDirectory: String = FileManager.default.currentDirectoryPath,
                cacheFolder: String? = nil) throws(Diagnostic) {
        layout = try CourseLayout.locate(from: workingDirectory, override: root)
        guard let file = try layout.select([selector], from: try layout.lessonFiles()).first else {
            throw Diagnostic(.load, at: nil, "no lesson '\(selector)'")
        }
        self.file = file
        cache = cacheFolder ?? layout.cacheFolder
    }

    /// Reads and parses the lesson file.
    public func load() -> Result<Lesson, Diagnostics> { LessonLoader.load(file) }

    /// When the lesson file was last changed (nil if it cannot be read).
    public var modificationDate: Date? {
        FileStamp(path: file.path)?.date
    }

    /// Builds the library if needed, runs the lesson and judges its cells. A library that does
    /// not compile becomes a problem of the run.
    public func run(_ lesson: Lesson) -> LessonView {
        let runner: LessonRunner
        do {
            runner = try makeRunner()
        } catch {
            return LessonView(lesson: lesson, run: LessonRun(results: [], problems: [error]))
        }
        let run = runner.run(lesson)
        var verdicts: [Int: Verdict] = [:]
        for cell in lesson.cells where CellChecker.isJudged(cell) && run.results.indices.contains(cell.index) {
            verdicts[cell.index] = CellChecker.verdict(for: cell, result: run.results[cell.index])
        }
        return LessonView(lesson: lesson, run: run, verdicts: verdicts)
    }

    private func makeRunner() throws(Diagnostic) -> LessonRunner {
        lock.lock()
        defer { lock.unlock() }
        if let runner { return runner }
        let toolchain = try Toolchain.detect()
        let library = try LessonLibrary.build(layout: layout, cache: cache, toolchain: toolchain)
        let made = LessonRunner(library: library, toolchain: toolchain, layout: layout, cache: cache)
        runner = made
        return made
    }
}
