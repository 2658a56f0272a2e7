import CourseModel
import Dispatch
import Foundation
import LessonExecution
import Plumbing

/// `course check`: parse every lesson, build the lesson library, run the lessons in parallel,
/// judge every cell, and (with `update`) rewrite output blocks. Its steps are a list
/// (`steps()`), which `course build` runs first.
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

    public func run() -> JudgedCourse {
        var state: CheckState
        switch prepare() {
        case .success(let prepared): state = prepared
        case .failure(let problem): return finish(JudgedCourse(lessons: [], problems: [problem]))
        }
        _ = PipelineStep.run(steps(), on: &state, announce: announce)
        return state.report
    }

    /// Step lines go to the log unless quiet.
    var announce: ((String) -> Void)? {
        guard options.verbosity != .quiet else { return nil }
        return log
    }

    /// The course, the lessons selected, and the workbench that will judge them.
    func prepare() -> Result<CheckState, Diagnostic> {
        do throws(Diagnostic) {
            let layout = try CourseLayout.open(from: options.workingDirectory, override: options.root)
            let selected = try layout.select(options.lessons, from: try layout.lessonFiles())
            let files = options.shard.map { $0.select(selected) } ?? selected
            let workbench = Workbench(layout: layout, cacheFolder: options.cacheFolder, timeout: options.timeout)
            return .success(CheckState(workbench: workbench, files: files))
        } catch {
            return .failure(error)
        }
    }

    /// Read, build the library, run, judge: the steps of `course check`, and the first ones of `course build`.
    func steps<Context: CheckingContext>() -> [PipelineStep<Context>] {
        [
            PipelineStep({ "Reading \($0.check.files.count) lesson\($0.check.files.count == 1 ? "" : "s")" }) { context in
                let workbench = context.check.workbench
                context.check.loaded = context.check.files.map(workbench.load)
                context.check.lessons = zip(context.check.files, context.check.loaded).map { file, loaded in
                    switch loaded {
                    case .success(let lesson): JudgedLesson(file: file, lesson: lesson)
                    case .failure(let diagnostics): JudgedLesson(file: file, lesson: nil, problems: diagnostics.all)
                    }
                }
                return .proceed
            },
            PipelineStep({ _ in "Building the lesson library" }) { context in
                let start = Date()
                do throws(Diagnostic) {
                    let runner = try context.check.workbench.runner()
                    announce?("      \(runner.library.modules.joined(separator: ", ")) ready in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
                    return .proceed
                } catch {
                    context.check.problems = [error]
                    _ = finish(context.check.report)
                    return .stop
                }
            },
            PipelineStep({ context in
                let count = context.check.lessons.filter { $0.lesson != nil }.count
                return "Running \(count) lesson\(count == 1 ? "" : "s") (\(max(1, options.jobs)) at a time)"
            }) { context in
                context.check.lessons = judgeAll(context.check)
                return .proceed
            },
            PipelineStep({ _ in options.update ? "Checking outputs and updating output blocks" : "Checking outputs" }) { context in
                if options.update {
                    for index in context.check.lessons.indices where context.check.lessons[index].run != nil {
                        context.check.workbench.update(&context.check.lessons[index])
                    }
                }
                let report = finish(context.check.report)
                CheckHistory.record(report, in: context.check.workbench.cacheFolder)
                return .proceed
            },
        ]
    }

    /// Runs and judges the lessons that could be read, `jobs` at a time, with live progress.
    private func judgeAll(_ state: CheckState) -> [JudgedLesson] {
        let runnable = state.lessons.indices.filter { state.lessons[$0].lesson != nil }
        let progress = ProgressDisplay(write: options.verbosity == .quiet ? nil : liveOutput, style: ConsoleStyle(color: options.color))
        progress.start(runnable.map { state.lessons[$0].file.displayPath })
        let (workbench, loaded, files) = (state.workbench, state.loaded, state.files)
        let (useCache, color) = (options.useCache, options.color)
        let judged = parallelMap(count: runnable.count, jobs: options.jobs) { position in
            let index = runnable[position]
            let lesson = workbench.judge(files[index], loaded: loaded[index], useCache: useCache, color: color) { event in
                switch event {
                case .compiling: progress.update(position, .compiling)
                case .running(let cell, let total): progress.update(position, .running(cell, total))
                case .checkingExercise(let number, let total): progress.update(position, .exercise(number, total))
                }
            }
            let passed = lesson.verdicts.values.allSatisfy { $0 == .passed } && lesson.problems.isEmpty
            progress.update(position, .done(passed: passed, cached: lesson.run?.fromCache ?? false))
            return lesson
        }
        progress.finish()
        var lessons = state.lessons
        for (index, lesson) in zip(runnable, judged) { lessons[index] = lesson }
        return lessons
    }

    /// Logs each lesson's result and the closing summary.
    func finish(_ report: JudgedCourse) -> JudgedCourse {
        let style = ConsoleStyle(color: options.color)
        for problem in report.problems { log(style.error(problem)) }
        for lesson in report.lessons {
            let cells = lesson.verdicts.count
            var timing = ""
            if options.verbosity == .verbose, let run = lesson.run {
                timing = run.fromCache ? "  (cached)" : String(format: "  (%.2f s)", run.duration ?? 0)
            }
            if lesson.failed == 0, lesson.run == nil, let written = lesson.lesson?.cells, written.contains(where: \.runs) {
                // Its cells never ran (the library did not build, reported above): no pass mark.
                log("- \(lesson.file.displayPath)  not run (\(written.count) cell\(written.count == 1 ? "" : "s"))")
            } else if lesson.failed == 0 {
                if options.verbosity != .quiet {
                    log(style.passed(VerdictText.passMark) + " \(lesson.file.displayPath)  \(cells) cell\(cells == 1 ? "" : "s")"
                        + (lesson.skipped > 0 ? ", \(lesson.skipped) skipped" : "") + timing)
                }
            } else {
                log(style.failed(VerdictText.failureMark) + " \(lesson.file.displayPath)  \(lesson.failed) failed, \(lesson.passed) passed"
                    + (lesson.skipped > 0 ? ", \(lesson.skipped) skipped" : "") + timing)
            }
            if !lesson.updatedLines.isEmpty {
                let lines = lesson.updatedLines.map(String.init).joined(separator: ", ")
                log("  updated \(lesson.updatedLines.count) output block\(lesson.updatedLines.count == 1 ? "" : "s") (cells at line \(lines))")
            }
            if !lesson.updatedPrintsLines.isEmpty {
                let lines = lesson.updatedPrintsLines.map(String.init).joined(separator: ", ")
                log("  updated the `// Prints` comments of \(lesson.updatedPrintsLines.count) cell\(lesson.updatedPrintsLines.count == 1 ? "" : "s") (at line \(lines))")
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

/// What `course check`'s steps work on: the lessons selected, as read, then as judged.
struct CheckState {
    var workbench: Workbench
    var files: [CourseLayout.LessonFile]
    var loaded: [Result<Lesson, Diagnostics>] = []
    var lessons: [JudgedLesson] = []
    /// Problems that stop every lesson (the library does not compile).
    var problems: [Diagnostic] = []

    var report: JudgedCourse {
        JudgedCourse(layout: workbench.layout, lessons: lessons, problems: problems)
    }
}

/// A command context that holds a check's state, so the check's steps can run in it.
protocol CheckingContext {
    var check: CheckState { get set }
}

extension CheckState: CheckingContext {
    var check: CheckState {
        get { self }
        set { self = newValue }
    }
}
