import CourseModel
import Foundation
import LessonExecution
import OutputChecking
import Plumbing

/// A course opened for work: its layout, the lesson library built once (or taken from the
/// cache), the runner, and `judge(_:)`, the one function that makes a `JudgedLesson`. Every
/// command that runs lessons (`check`, `build`, `serve`, `read`, `exercise`) works through one.
public final class Workbench: @unchecked Sendable {
    public let layout: CourseLayout
    /// Where caches go: `.build/course` under the course root unless told otherwise.
    public let cacheFolder: String
    /// Overrides every lesson's time limit (seconds).
    public let timeout: Double?
    private let lock = NSLock()
    private var prepared: Result<LessonRunner, Diagnostic>?

    public init(layout: CourseLayout, cacheFolder: String? = nil, timeout: Double? = nil) {
        self.layout = layout
        self.cacheFolder = cacheFolder ?? layout.cacheFolder
        self.timeout = timeout
    }

    /// The course found from `workingDirectory` (or at `root`).
    public convenience init(root: String?, workingDirectory: String = FileManager.default.currentDirectoryPath,
                            cacheFolder: String? = nil, timeout: Double? = nil) throws(Diagnostic) {
        self.init(layout: try CourseLayout.open(from: workingDirectory, override: root), cacheFolder: cacheFolder, timeout: timeout)
    }

    /// Reads and parses a lesson file; every failure is a diagnostic at its path.
    public func load(_ file: CourseLayout.LessonFile) -> Result<Lesson, Diagnostics> { LessonLoader.load(file) }

    /// The runner, with the lesson library built (once per workbench; from the cache when
    /// nothing it is made of changed). A library that does not compile is the error.
    public func runner() throws(Diagnostic) -> LessonRunner {
        let result: Result<LessonRunner, Diagnostic> = lock.withLock {
            if let prepared { return prepared }
            let made: Result<LessonRunner, Diagnostic>
            do {
                let toolchain = try Toolchain.detect(cache: cacheFolder)
                let library = try LessonLibrary.build(layout: layout, cache: cacheFolder, toolchain: toolchain)
                made = .success(LessonRunner(library: library, toolchain: toolchain, layout: layout, cache: cacheFolder, timeout: timeout))
            } catch let error as Diagnostic {
                made = .failure(error)
            } catch {
                made = .failure(Diagnostic(.compile, at: nil, "\(error)"))
            }
            prepared = made
            return made
        }
        return try result.get()
    }

    /// Judges a lesson: reads it (unless given), runs it (or takes its run from the cache),
    /// and gives every judged cell and exercise its verdict. Never throws: a lesson that cannot
    /// be read, and a library that cannot be built, are the judged lesson's problems.
    public func judge(
        _ file: CourseLayout.LessonFile, loaded: Result<Lesson, Diagnostics>? = nil, useCache: Bool = true,
        color: Bool = false, cancellation: RunCancellation? = nil, progress: (@Sendable (LessonEvent) -> Void)? = nil
    ) -> JudgedLesson {
        let lesson: Lesson
        switch loaded ?? load(file) {
        case .success(let parsed): lesson = parsed
        case .failure(let diagnostics): return JudgedLesson(file: file, lesson: nil, problems: diagnostics.all)
        }
        var runner: LessonRunner
        do {
            runner = try self.runner()
            runner.cancellation = cancellation
        } catch {
            return JudgedLesson(file: file, lesson: lesson, run: LessonRun(results: [], problems: [error]), problems: [error])
        }
        let start = Date()
        var run = runner.run(lesson, useCache: useCache, progress: progress)
        run.duration = Date().timeIntervalSince(start)
        return Self.judgement(of: lesson, file: file, run: run, color: color)
    }

    /// The verdicts of a run, as `course check` gives them.
    public static func judgement(of lesson: Lesson, file: CourseLayout.LessonFile, run: LessonRun, color: Bool = false) -> JudgedLesson {
        var verdicts: [Int: Verdict] = [:]
        if run.results.count == lesson.cells.count {
            for (cell, verdict) in CellChecker.verdicts(for: lesson, run: run, color: color) { verdicts[cell.index] = verdict }
        }
        return JudgedLesson(file: file, lesson: lesson, run: run, verdicts: verdicts, problems: run.problems)
    }

    /// `--update`: rewrites the output blocks that do not match (and adds missing ones) from
    /// the run; the rewritten cells pass. Then looks for prose that quotes a number an
    /// updated block no longer prints.
    public func update(_ judged: inout JudgedLesson) {
        guard let lesson = judged.lesson, let run = judged.run, run.results.count == lesson.cells.count else { return }
        var newOutputs: [Int: String] = [:]
        var newPrints: [Int: [Int: String]] = [:]
        for (cell, _) in judged.judgedCells {
            let result = run.results[cell.index]
            if let actual = CellChecker.promotableOutput(for: cell, result: result),
               OutputPromoter.needsUpdate(expected: cell.output?.text, actual: actual) {
                newOutputs[cell.index] = actual
                judged.verdicts[cell.index] = .passed
            }
            let printed = CellChecker.promotablePrints(for: cell, result: result)
            if !printed.isEmpty {
                newPrints[cell.index] = printed
                judged.verdicts[cell.index] = .passed
            }
        }
        guard !newOutputs.isEmpty || !newPrints.isEmpty else { return }
        if let problem = OutputUpdater.update(lesson, at: judged.file.path, newOutputs: newOutputs, newPrints: newPrints) {
            judged.problems.append(problem)
        } else {
            judged.updatedLines = newOutputs.keys.sorted().map { lesson.cells[$0].span.openingLine }
            judged.updatedPrintsLines = newPrints.keys.sorted().map { lesson.cells[$0].span.openingLine }
            judged.staleQuotes = StaleQuotes.find(in: lesson, newOutputs: newOutputs, newPrints: newPrints)
        }
    }
}
