import CourseModel
import Plumbing
import Dispatch
import Foundation
import LessonExecution
import OutputChecking

/// `course check`: parse every lesson, build the lesson library, run the lessons in parallel,
/// judge every cell, and (with `update`) rewrite output blocks. Reads top to bottom as the
/// list of its steps.
public struct CourseCheck: Sendable {
    public struct Options: Sendable {
        public var root: String?
        public var lessons: [String] = []
        public var update = false
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var timeout: Double?
        public var color = false
        public var workingDirectory = FileManager.default.currentDirectoryPath
        /// Where caches go; defaults to `.build/course` under the course root.
        public var cacheFolder: String?
        /// Reuse cached runs of unchanged lessons.
        public var useCache = true
        public var verbosity = Verbosity.normal
        /// Run only this shard of the lessons: (index from 1, count).
        public var shard: Shard?
        /// How many steps the progress lines count (`[1/4]`): more when a command runs the
        /// check as its first steps (`course build`).
        public var stepCount = 4

        public init() {}
    }

    public var options: Options
    /// Receives progress lines and the report, as they are ready.
    public var log: @Sendable (String) -> Void
    /// Writes raw text to a terminal for live progress; nil when output is not a terminal.
    public var liveOutput: (@Sendable (String) -> Void)?

    public init(options: Options, log: @escaping @Sendable (String) -> Void, liveOutput: (@Sendable (String) -> Void)? = nil) {
        self.options = options
        self.log = log
        self.liveOutput = liveOutput
    }

    /// Progress lines, unless quiet.
    private func step(_ text: String) {
        if options.verbosity != .quiet { log(text) }
    }

    public func run() -> CheckReport {
        let layout: CourseLayout
        let files: [CourseLayout.LessonFile]
        do {
            layout = try CourseLayout.locate(from: options.workingDirectory, override: options.root)
            let selected = try layout.select(options.lessons, from: try layout.lessonFiles())
            files = options.shard.map { $0.select(selected) } ?? selected
        } catch {
            return finish(CheckReport(lessons: [], problems: [error]))
        }
        let cache = options.cacheFolder ?? layout.cacheFolder

        step("[1/\(options.stepCount)] Reading \(files.count) lesson\(files.count == 1 ? "" : "s")")
        var reports = files.map { file in
            switch LessonLoader.load(file) {
            case .success(let lesson):
                return LessonReport(file: file, lesson: lesson, verdicts: [], problems: [], updatedLines: [])
            case .failure(let diagnostics):
                return LessonReport(file: file, lesson: nil, verdicts: [], problems: diagnostics.all, updatedLines: [])
            }
        }

        step("[2/\(options.stepCount)] Building the lesson library")
        let runner: LessonRunner
        do {
            let toolchain = try Toolchain.detect(cache: cache)
            let start = Date()
            let library = try LessonLibrary.build(layout: layout, cache: cache, toolchain: toolchain)
            step("      \(library.modules.joined(separator: ", ")) ready in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
            runner = LessonRunner(library: library, toolchain: toolchain, layout: layout, cache: cache, timeout: options.timeout)
        } catch {
            return finish(CheckReport(lessons: reports, problems: [error]))
        }

        let runnable = reports.indices.filter { reports[$0].lesson != nil }
        step("[3/\(options.stepCount)] Running \(runnable.count) lesson\(runnable.count == 1 ? "" : "s") (\(max(1, options.jobs)) at a time)")
        let lessons = reports.map(\.lesson)
        let progress = ProgressDisplay(write: options.verbosity == .quiet ? nil : liveOutput, style: ConsoleStyle(color: options.color))
        progress.start(runnable.map { reports[$0].file.displayPath })
        let useCache = options.useCache
        let runs = parallelMap(count: runnable.count, jobs: options.jobs) { position in
            let lesson = lessons[runnable[position]]!
            let start = Date()
            var run = runner.run(lesson, useCache: useCache) { event in
                switch event {
                case .compiling: progress.update(position, .compiling)
                case .running(let cell, let total): progress.update(position, .running(cell, total))
                case .checkingExercise(let number, let total): progress.update(position, .exercise(number, total))
                }
            }
            run.duration = Date().timeIntervalSince(start)
            let passed = CellChecker.verdicts(for: lesson, run: run).allSatisfy { $0.verdict == .passed } && run.problems.isEmpty
            progress.update(position, .done(passed: passed, cached: run.fromCache))
            return run
        }
        progress.finish()
        for (index, run) in zip(runnable, runs) { reports[index].run = run }

        step(options.update ? "[4/\(options.stepCount)] Checking outputs and updating output blocks" : "[4/\(options.stepCount)] Checking outputs")
        for index in runnable { judge(&reports[index]) }
        let report = finish(CheckReport(lessons: reports, problems: []))
        CheckHistory.record(report, in: cache)
        return report
    }

    private func judge(_ report: inout LessonReport) {
        guard let lesson = report.lesson, let run = report.run else { return }
        report.problems += run.problems
        var newOutputs: [Int: String] = [:]
        for (cell, judged) in CellChecker.verdicts(for: lesson, run: run, color: options.color) {
            let result = run.results[cell.index]
            var verdict = judged
            if options.update, let actual = CellChecker.promotableOutput(for: cell, result: result),
               OutputPromoter.needsUpdate(expected: cell.output?.text, actual: actual) {
                newOutputs[cell.index] = actual
                verdict = .passed
            }
            report.verdicts.append((cell, verdict))
        }
        guard !newOutputs.isEmpty else { return }
        if let problem = OutputUpdater.update(lesson, at: report.file.path, newOutputs: newOutputs) {
            report.problems.append(problem)
        } else {
            report.updatedLines = newOutputs.keys.sorted().map { lesson.cells[$0].span.openingLine }
            report.staleQuotes = StaleQuotes.find(in: lesson, newOutputs: newOutputs)
        }
    }

    /// Logs each lesson's result and the closing summary.
    private func finish(_ report: CheckReport) -> CheckReport {
        let style = ConsoleStyle(color: options.color)
        for problem in report.problems { log(style.error(problem)) }
        for lesson in report.lessons {
            let cells = lesson.verdicts.count
            var timing = ""
            if options.verbosity == .verbose, let run = lesson.run {
                timing = run.fromCache ? "  (cached)" : String(format: "  (%.2f s)", run.duration ?? 0)
            }
            if lesson.failed == 0 {
                if options.verbosity != .quiet {
                    log(style.passed("✓") + " \(lesson.file.displayPath)  \(cells) cell\(cells == 1 ? "" : "s")"
                        + (lesson.skipped > 0 ? ", \(lesson.skipped) skipped" : "") + timing)
                }
            } else {
                log(style.failed("✗") + " \(lesson.file.displayPath)  \(lesson.failed) failed, \(lesson.passed) passed"
                    + (lesson.skipped > 0 ? ", \(lesson.skipped) skipped" : "") + timing)
            }
            if !lesson.updatedLines.isEmpty {
                let lines = lesson.updatedLines.map(String.init).joined(separator: ", ")
                log("  updated \(lesson.updatedLines.count) output block\(lesson.updatedLines.count == 1 ? "" : "s") (cells at line \(lines))")
            }
            for quote in lesson.staleQuotes {
                log(style.warning(SourceLocation(path: lesson.file.displayPath, line: quote.line), quote.message))
            }
            for diagnostic in lesson.diagnostics { log(style.error(diagnostic)) }
        }
        log(report.succeeded ? style.passed(report.summary) : style.failed(report.summary))
        return report
    }

    /// A deterministic slice of the lessons for one of several CI machines: lesson k (in
    /// course order, from 0) goes to shard k mod count + 1.
    public struct Shard: Sendable, Hashable {
        public var index: Int
        public var count: Int

        /// Parses `i/n` with 1 ≤ i ≤ n.
        public init?(_ text: String) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
                return nil
            }
            self.index = index
            self.count = count
        }

        func select<T>(_ items: [T]) -> [T] {
            items.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
        }
    }
}
