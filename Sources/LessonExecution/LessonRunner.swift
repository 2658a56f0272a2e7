import CourseModel
import CourseSupport
import Foundation
import Plumbing

/// Compiles a lesson's cells into one program, runs it in a child process, and reports what
/// each cell did. `no-run` and `compile-fail` cells are compiled (not run) in the context of
/// the cells before them.
public struct LessonRunner: Sendable {
    public var library: LessonLibrary
    public var toolchain: Toolchain
    /// The course root: the child's working directory, so `Lessons/data/...` paths work.
    public var layout: CourseLayout
    /// The course root: the child's working directory.
    public var root: String { layout.root }
    /// Folder for compiled programs and crash reports.
    public var cache: String
    /// Most bytes kept of one cell's output; the rest is counted and dropped.
    public var outputLimit: Int
    /// Overrides every lesson's timeout (seconds).
    public var timeout: Double?
    /// Stops this runner's compiles and runs when set (the notebook's newer run of a lesson).
    public var cancellation: RunCancellation?

    /// Compiled programs kept in the cache (the least recently used go first).
    static let keptPrograms = 200

    public init(library: LessonLibrary, toolchain: Toolchain, layout: CourseLayout, cache: String,
                outputLimit: Int = 1 << 20, timeout: Double? = nil) {
        self.library = library
        self.toolchain = toolchain
        self.layout = layout
        self.cache = cache
        self.outputLimit = outputLimit
        self.timeout = timeout
    }

    /// Runs the lesson, or reads its run from the cache when nothing it depends on changed.
    /// Never throws: every problem becomes a cell outcome or a lesson problem.
    public func run(_ lesson: Lesson, useCache: Bool = true, progress: (@Sendable (LessonEvent) -> Void)? = nil) -> LessonRun {
        let runs = RunCache(folder: cache + "/runs")
        let key = runs.key(for: lesson, runner: self)
        if useCache, let cached = runs.load(key) { return cached }
        let run = execute(lesson, reuseProgram: useCache, progress: progress ?? { _ in })
        if cancellation?.isCancelled != true { runs.store(run, key: key) }  // a cancelled run is cut short
        return run
    }

    private func execute(_ lesson: Lesson, reuseProgram: Bool, progress: @Sendable (LessonEvent) -> Void) -> LessonRun {
        var results = lesson.cells.map { CellResult(cellIndex: $0.index, outcome: .notRun) }
        var problems: [Diagnostic] = []

        // The exercises' attempts run inside the lesson's program when it compiles with them;
        // otherwise (an attempt that does not compile inside a block, a lesson cell that does
        // not compile) the lesson's own program runs, and each attempt as a program of its own.
        var attempts: [CellOutputCollector.Attempt: CellResult] = [:]
        var ranWithExercises = false
        if !lesson.exercises.isEmpty {
            progress(.compiling)
            let source = ProgramGenerator.program(for: lesson, exercises: true)
            if case .success(let executable) = compile(source, optimized: lesson.frontMatter.optimize, reuse: reuseProgram) {
                attempts = execute(executable, lesson: lesson, withExercises: true, into: &results, problems: &problems, progress: progress)
                ranWithExercises = true
            }
        }
        if !ranWithExercises, lesson.cells.contains(where: \.runs) {
            progress(.compiling)
            switch compile(ProgramGenerator.program(for: lesson), optimized: lesson.frontMatter.optimize, reuse: reuseProgram) {
            case .failure(let compileErrors):
                apply(compileErrors, to: &results, problems: &problems, lesson: lesson)
            case .success(let executable):
                execute(executable, lesson: lesson, withExercises: false, into: &results, problems: &problems, progress: progress)
            }
        }
        for cell in lesson.cells where cell.has(.noRun) || cell.has(.compileFail) {
            results[cell.index] = typecheck(cell, in: lesson)
        }
        let exercises = lesson.exercises.map { exercise in
            func result(_ attempt: ExerciseAttempt, _ kind: CellOutputCollector.AttemptKind) -> CellResult {
                if let result = attempts[.init(exercise: exercise.number, kind: kind)] { return result }
                progress(.checkingExercise(exercise.number, of: lesson.exercises.count))
                return runExercise(exercise, in: lesson, attempt: attempt, reuseProgram: reuseProgram)
            }
            return ExerciseRuns(number: exercise.number, solution: result(.solution, .solution), starter: result(.starter, .starter))
        }
        return LessonRun(results: results, problems: problems, exercises: exercises)
    }

    // MARK: Compiling

    enum CompileFailure: Error {
        case errors([CompilerDiagnostics.Entry], output: String)
        case tool(Diagnostic)
    }

    private var baseFlags: [String] { ["-swift-version", "5", "-suppress-warnings", "-diagnostic-style=llvm"] }

    /// Compiles a lesson program, or takes it from the cache when the same source was compiled
    /// against the same library with the same toolchain and flags.
    ///
    /// With `scratch`, the program is compiled into that folder (created here; the caller
    /// removes it) and never cached: for a learner's files, which change on every save.
    func compile(_ source: String, optimized: Bool, reuse: Bool = true, scratch: String? = nil) -> Result<String, CompileFailure> {
        let flags = baseFlags + (optimized ? ["-O"] : ["-Onone", "-gline-tables-only"]) + library.compilerFlags
        var hash = SHA256()
        hash.update([source, library.key, toolchain.version, flags.joined(separator: " ")].joined(separator: "\n\u{0}"))
        let key = String(hash.hexDigest().prefix(24))
        let folder = cache + "/programs/" + key
        let executable = folder + "/lesson"
        if scratch == nil, reuse, FileManager.default.isExecutableFile(atPath: executable) {
            CacheFolder.touch(folder)
            return .success(executable)
        }

        // A cached program is built aside and moved into place whole; a scratch one stays where it is built.
        var staged: StagedFolder? = nil
        let staging: String
        do {
            if let scratch {
                staging = scratch
                try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            } else {
                staged = try StagedFolder(for: folder)
                staging = staged!.path
            }
            try source.write(toFile: staging + "/main.swift", atomically: false, encoding: .utf8)
        } catch {
            return .failure(.tool(Diagnostic(.compile, at: nil, "cannot write the lesson program: \(error)")))
        }
        defer { staged?.discard() }
        let result: (termination: Termination, output: String)
        do {
            result = try ChildProcess.capture(
                toolchain.swiftc, flags + [staging + "/main.swift", "-o", staging + "/lesson"], directory: root, timeout: 600,
                cancellation: cancellation)
        } catch {
            return .failure(.tool(Diagnostic(.compile, at: nil, "cannot run the Swift compiler: \(error)")))
        }
        guard result.termination == .exited(0) else {
            return .failure(.errors(CompilerDiagnostics.errors(in: result.output), output: result.output))
        }
        if scratch != nil { return .success(staging + "/lesson") }
        // The exact command, beside the program, for anyone (or a benchmark) who wants to redo it.
        let command = ([toolchain.swiftc] + flags + ["main.swift", "-o", "lesson"]).joined(separator: "\n")
        try? command.write(toFile: staging + "/command.txt", atomically: false, encoding: .utf8)
        if !reuse { try? FileManager.default.removeItem(atPath: folder) }
        if staged?.publish() != true || !FileManager.default.isExecutableFile(atPath: executable) {
            return .failure(.tool(Diagnostic(.compile, at: nil, "cannot move the compiled lesson into \(folder)")))
        }
        CacheFolder.keepNewest(Self.keptPrograms, in: cache + "/programs")
        return .success(executable)
    }

    /// Compiles `cell` after the runnable cells before it, without running anything.
    func typecheck(_ cell: Cell, in lesson: Lesson) -> CellResult {
        let source = ProgramGenerator.typecheckProgram(for: cell, in: lesson)
        let folder = cache + "/typecheck/.work-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output: (termination: Termination, output: String)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try source.write(toFile: folder + "/main.swift", atomically: false, encoding: .utf8)
            output = try ChildProcess.capture(
                toolchain.swiftc, ["-typecheck"] + baseFlags + library.compilerFlags + [folder + "/main.swift"],
                directory: root, timeout: 600)
        } catch {
            return CellResult(cellIndex: cell.index, outcome: .compileError([
                Diagnostic(.compile, at: cell.location, "cannot compile this cell: \(error)")]))
        }
        if output.termination == .exited(0) { return CellResult(cellIndex: cell.index, outcome: .compiled) }
        let entries = CompilerDiagnostics.errors(in: output.output)
        let inCell = entries.filter { cell.contains($0.location, lessonPath: lesson.path) }
        let diagnostics = (inCell.isEmpty ? entries : inCell).map(Self.diagnostic)
        let text = inCell.map { "error: \($0.message)\n" }.joined()
        return CellResult(cellIndex: cell.index, outcome: .compileError(
            diagnostics.isEmpty ? [Diagnostic(.compile, at: cell.location, "does not compile", detail: output.output)] : diagnostics),
            output: text)
    }

    static func diagnostic(_ entry: CompilerDiagnostics.Entry) -> Diagnostic {
        Diagnostic(.compile, at: entry.location, entry.message, detail: entry.excerpt.isEmpty ? nil : entry.excerpt)
    }

    private func apply(_ failure: CompileFailure, to results: inout [CellResult], problems: inout [Diagnostic], lesson: Lesson) {
        switch failure {
        case .tool(let diagnostic):
            problems.append(diagnostic)
        case .errors(let entries, let output):
            var placed = false
            for cell in lesson.cells where cell.runs {
                let mine = entries.filter { cell.contains($0.location, lessonPath: lesson.path) }
                guard !mine.isEmpty else { continue }
                results[cell.index].outcome = .compileError(mine.map(Self.diagnostic))
                results[cell.index].output = mine.map { "error: \($0.message)\n" }.joined()
                placed = true
            }
            if !placed {
                problems.append(Diagnostic(.compile, at: SourceLocation(path: lesson.path, line: 1),
                                           "the lesson's program does not compile", detail: output))
            }
        }
    }

    // MARK: Exercises

    /// Runs one attempt at an exercise (its solution, its starting code, or a learner's file)
    /// after the lesson's runnable cells before it, then its checks. Never throws.
    ///
    /// - Parameter reuseProgram: take the compiled program from the cache when the same source
    ///   was compiled before. Workspace attempts are never cached: they compile into a scratch
    ///   folder removed afterwards.
    public func runExercise(_ exercise: Exercise, in lesson: Lesson, attempt: ExerciseAttempt,
                            reuseProgram: Bool = true) -> CellResult {
        let source = ProgramGenerator.exerciseProgram(for: exercise, in: lesson, attempt: attempt)
        var scratch: String? = nil
        if case .workspace = attempt { scratch = cache + "/scratch/\(getpid())-\(UUID().uuidString)" }
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let contextCells = lesson.cells[..<exercise.exerciseCell].filter(\.runs)
        let index = exercise.exerciseCell
        let attemptCell = attempt == .solution ? exercise.solutionCell : index
        func result(_ outcome: Outcome, output: String = "") -> CellResult {
            CellResult(cellIndex: attemptCell, outcome: outcome, output: output)
        }

        let executable: String
        switch compile(source, optimized: lesson.frontMatter.optimize, reuse: reuseProgram, scratch: scratch) {
        case .success(let path):
            executable = path
        case .failure(.tool(let diagnostic)):
            return result(.contextFailed(diagnostic))
        case .failure(.errors(let entries, let output)):
            let own = entries.filter { entry in
                let location = entry.location
                if case .workspace(_, let path) = attempt, location.path == path { return true }
                return ([attemptCell] + exercise.checkCells).contains { lesson.cells[$0].contains(location, lessonPath: lesson.path) }
            }
            if own.isEmpty, let first = entries.first, contextCells.contains(where: { $0.contains(first.location, lessonPath: lesson.path) }) {
                return result(.contextFailed(Diagnostic(
                    .compile, at: first.location, "the lesson's cells before the exercise do not compile: \(first.message)")))
            }
            let diagnostics = (own.isEmpty ? entries : own).map(Self.diagnostic)
            return result(
                .compileError(diagnostics.isEmpty
                    ? [Diagnostic(.compile, at: lesson.cells[index].location, "the exercise's program does not compile", detail: output)]
                    : diagnostics),
                output: (own.isEmpty ? entries : own).map { "\($0.location): error: \($0.message)\n" }.joined())
        }

        let crashFolder = makeCrashFolder()
        defer { try? FileManager.default.removeItem(atPath: crashFolder) }
        let seconds = timeLimit(of: lesson)
        var collector = CellOutputCollector(limit: outputLimit)
        let termination: Termination
        do {
            termination = try launch(executable, timeout: seconds, crashFolder: crashFolder, collector: &collector)
        } catch {
            return result(.contextFailed(Diagnostic(.run, at: lesson.cells[index].location, "cannot run the exercise's program: \(error)")))
        }

        guard collector.started.contains(index) else {
            // Stopped in a cell before the exercise.
            let cell = collector.currentCell.map { lesson.cells[$0] }
            var stopped = CellResult(cellIndex: cell?.index ?? index, outcome: .notRun, output: cell.map { collector.text(of: $0.index) } ?? "")
            var message = "the lesson's cells before the exercise did not run to their end (\(termination))"
            if case .signaled(let signal) = termination {
                crash(&stopped, lesson: lesson, folder: crashFolder, pid: nil, signal: signal)
                if case .trapped(let trap, _) = stopped.outcome { message = "the lesson's cells before the exercise trapped: \(trap)" }
            }
            return result(.contextFailed(Diagnostic(.run, at: cell?.location ?? lesson.cells[index].location, message)),
                          output: stopped.output)
        }
        var workspacePath: String? = nil
        if case .workspace(_, let path) = attempt { workspacePath = path }
        return attemptResult(
            termination, of: .cell(index), in: collector, cell: attemptCell, lesson: lesson,
            crashFolder: crashFolder, pid: nil, seconds: seconds, alsoIn: workspacePath)
    }

    /// How an attempt ended, from its program (`owner` is the exercise cell) or its copy in the
    /// lesson's program: its checks ran to their end (each failed expectation listed), it ran
    /// out of time, trapped (its backtrace looked up by `pid`, or the only one in
    /// `crashFolder`), or ended otherwise.
    private func attemptResult(
        _ termination: Termination, of owner: CellOutputCollector.Owner, in collector: CellOutputCollector, cell: Int,
        lesson: Lesson, crashFolder: String, pid: Int32?, seconds: Double, alsoIn workspacePath: String? = nil
    ) -> CellResult {
        let output: String
        switch owner {
        case .cell(let index): output = collector.text(of: index)
        case .attempt(let attempt): output = collector.text(of: attempt)
        }
        var result = CellResult(cellIndex: cell, outcome: .completed, output: output,
                                richOutputs: collector.rich[owner] ?? [],
                                failedExpectations: collector.failedExpectations[owner] ?? [])
        if collector.checksFinished.contains(owner) { return result }
        switch termination {
        case .timedOut:
            result.outcome = .timedOut(seconds: seconds)
        case .signaled(let signal):
            crash(&result, lesson: lesson, folder: crashFolder, pid: pid, signal: signal, alsoIn: workspacePath)
            if case .trapped = result.outcome { break }
            result.outcome = .exited(status: signal)
        case .exited(let status):
            result.outcome = .exited(status: status)
        }
        return result
    }

    /// The lesson's time limit: the runner's override, else its front matter's, else the default.
    func timeLimit(of lesson: Lesson) -> Double { timeout ?? lesson.frontMatter.timeout ?? FrontMatter.defaultTimeout }

    /// A fresh folder for the backtraces a program's crashes write (the caller removes it).
    private func makeCrashFolder() -> String {
        let folder = cache + "/crashes/\(getpid())-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs a compiled program as every lesson program runs: in the course root, backtraces
    /// written as JSON into `crashFolder` (never waiting at a prompt), one BLAS thread, its
    /// stream read by `collector` while it runs.
    private func launch(
        _ executable: String, timeout: Double, environment extra: [String: String] = [:], crashFolder: String,
        collector: inout CellOutputCollector, afterChunk: (CellOutputCollector) -> Void = { _ in }
    ) throws -> Termination {
        var environment = [
            "SWIFT_BACKTRACE": "enable=yes,interactive=no,format=json,registers=none,images=none,output-to=\(crashFolder)",
        ]
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { environment["OPENBLAS_NUM_THREADS"] = "1" }
        environment.merge(extra) { _, new in new }
        let termination = try ChildProcess.run(
            executable, [], environment: environment, directory: root, timeout: timeout, cancellation: cancellation
        ) {
            collector.consume($0)
            afterChunk(collector)
        }
        collector.finish()
        return termination
    }

    // MARK: Running

    /// Runs a lesson's program and fills in its cells' results. With `withExercises` (a program
    /// made by `ProgramGenerator.program(for:exercises: true)`), the program keeps its own time
    /// limit, paused while an attempt runs, and the attempts that ended are returned; an attempt
    /// the program never reached or finished is missing, for the caller to run on its own.
    @discardableResult
    private func execute(_ executable: String, lesson: Lesson, withExercises: Bool, into results: inout [CellResult],
                         problems: inout [Diagnostic], progress: @Sendable (LessonEvent) -> Void)
        -> [CellOutputCollector.Attempt: CellResult]
    {
        let crashFolder = makeCrashFolder()
        defer { try? FileManager.default.removeItem(atPath: crashFolder) }
        let seconds = timeLimit(of: lesson)

        // With exercises the program ends itself at its time limit (SIGALRM); the runner's own
        // limit is only a backstop that leaves room for every attempt's limit too.
        var limit = seconds
        var environment: [String: String] = [:]
        if withExercises {
            environment["COURSE_SECONDS"] = String(seconds)
            limit = seconds * Double(1 + 2 * lesson.exercises.count) + 5
        }

        var collector = CellOutputCollector(limit: outputLimit)
        var termination: Termination
        let runnable = lesson.cells.filter(\.runs).count
        var (cells, attempts) = (0, 0)
        do {
            termination = try launch(executable, timeout: limit, environment: environment, crashFolder: crashFolder,
                                     collector: &collector) { collector in
                if collector.started.count != cells { progress(.running(cell: collector.started.count, of: runnable)) }
                if collector.attemptsStarted.count != attempts, let attempt = collector.attemptsStarted.last {
                    progress(.checkingExercise(attempt.exercise, of: lesson.exercises.count))
                }
                (cells, attempts) = (collector.started.count, collector.attemptsStarted.count)
            }
        } catch {
            problems.append(Diagnostic(.run, at: SourceLocation(path: lesson.path, line: 1), "cannot run the lesson's program: \(error)"))
            return [:]
        }
        if withExercises, termination == .signaled(SIGALRM) { termination = .timedOut }

        for index in collector.started {
            let cell = lesson.cells[index]
            var result = CellResult(cellIndex: index, outcome: .completed, output: collector.text(of: index),
                                    truncated: collector.dropped[index, default: 0] > 0,
                                    richOutputs: collector.richOutputs(of: index),
                                    statementOutputs: collector.statementOutputs[index] ?? [:])
            if cell.has(.trap), let end = collector.trapEnds[index] {
                if end.status != 0 { crash(&result, lesson: lesson, folder: crashFolder, pid: end.pid, signal: Termination(waitStatus: end.status).signal) }
            } else if index == collector.currentCell, !collector.reachedEnd {
                switch termination {
                case .timedOut: result.outcome = .timedOut(seconds: seconds)
                case .signaled(let signal): crash(&result, lesson: lesson, folder: crashFolder, pid: nil, signal: signal)
                case .exited(let status): result.outcome = .exited(status: status)
                }
            }
            results[index] = result
        }
        if collector.started.isEmpty, !collector.reachedEnd, collector.attemptsStarted.isEmpty {
            problems.append(Diagnostic(.run, at: SourceLocation(path: lesson.path, line: 1),
                                       "the lesson's program ended before its first cell (\(termination))"))
        }

        var ended: [CellOutputCollector.Attempt: CellResult] = [:]
        for exercise in lesson.exercises {
            for kind in [CellOutputCollector.AttemptKind.solution, .starter] {
                let attempt = CellOutputCollector.Attempt(exercise: exercise.number, kind: kind)
                guard let end = collector.attemptEnds[attempt], end.pid > 0 else { continue }
                // The copy's own timer ends it with SIGALRM: that is its timeout.
                var copyEnded = Termination(waitStatus: end.status)
                if copyEnded == .signaled(SIGALRM) { copyEnded = .timedOut }
                ended[attempt] = attemptResult(
                    copyEnded, of: .attempt(attempt), in: collector,
                    cell: kind == .solution ? exercise.solutionCell : exercise.exerciseCell,
                    lesson: lesson, crashFolder: crashFolder, pid: end.pid, seconds: seconds)
            }
        }
        return ended
    }

    /// With `alsoIn` (a workspace file's path), a frame in that file is preferred to the lesson's.
    private func crash(_ result: inout CellResult, lesson: Lesson, folder: String, pid: Int32?, signal: Int32,
                       alsoIn other: String? = nil) {
        var report = TrapReport(cellOutput: result.output, lessonPath: lesson.path, backtraceFolder: folder,
                                pid: pid, signal: signal)
        if let other {
            let inFile = TrapReport(cellOutput: result.output, lessonPath: other, backtraceFolder: folder,
                                    pid: pid, signal: signal)
            if inFile.location != nil { report = inFile }
        }
        result.output = report.output + report.message + "\n"
        result.outcome = .trapped(message: report.message, location: report.location)
    }
}

/// What a lesson's run is doing, for progress displays.
public enum LessonEvent: Hashable, Sendable {
    case compiling
    /// The `cell`-th runnable cell (from 1) of `of` has started.
    case running(cell: Int, of: Int)
    /// Exercise `number` (from 1) of `of` is being checked (its solution, then its starting code).
    case checkingExercise(Int, of: Int)
}

extension Cell {
    /// Whether a compiler location falls inside this cell's code.
    func contains(_ location: SourceLocation, lessonPath: String) -> Bool {
        location.path == lessonPath && span.contentLines.contains(location.line)
    }
}
