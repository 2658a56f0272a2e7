import CourseModel
import Foundation

/// Compiles a lesson's cells into one program, runs it in a child process, and reports what
/// each cell did. `no-run` and `compile-fail` cells are compiled (not run) in the context of
/// the cells before them.
public struct LessonRunner: Sendable {
    public var library: LessonLibrary
    public var toolchain: Toolchain
    /// The course root: the child's working directory, so `Lessons/data/...` paths work.
    public var root: String
    /// Folder for compiled programs and crash reports.
    public var cache: String
    /// Most bytes kept of one cell's output; the rest is counted and dropped.
    public var outputLimit: Int
    /// Overrides every lesson's timeout (seconds).
    public var timeout: Double?

    /// Compiled programs kept in the cache (the least recently used go first).
    static let keptPrograms = 200

    public init(library: LessonLibrary, toolchain: Toolchain, root: String, cache: String,
                outputLimit: Int = 1 << 20, timeout: Double? = nil) {
        self.library = library
        self.toolchain = toolchain
        self.root = root
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
        runs.store(run, key: key)
        return run
    }

    private func execute(_ lesson: Lesson, reuseProgram: Bool, progress: @Sendable (LessonEvent) -> Void) -> LessonRun {
        var results = lesson.cells.map { CellResult(cellIndex: $0.index, outcome: .notRun) }
        var problems: [Diagnostic] = []

        if lesson.cells.contains(where: \.runs) {
            progress(.compiling)
            switch compile(ProgramGenerator.program(for: lesson), optimized: lesson.frontMatter.optimize, reuse: reuseProgram) {
            case .failure(let compileErrors):
                apply(compileErrors, to: &results, problems: &problems, lesson: lesson)
            case .success(let executable):
                execute(executable, lesson: lesson, into: &results, problems: &problems, progress: progress)
            }
        }
        for cell in lesson.cells where cell.has(.noRun) || cell.has(.compileFail) {
            results[cell.index] = typecheck(cell, in: lesson)
        }
        return LessonRun(results: results, problems: problems)
    }

    // MARK: Compiling

    enum CompileFailure: Error {
        case errors([CompilerDiagnostics.Entry], output: String)
        case tool(Diagnostic)
    }

    private var baseFlags: [String] { ["-swift-version", "5", "-suppress-warnings", "-diagnostic-style=llvm"] }

    /// Compiles a lesson program, or takes it from the cache when the same source was compiled
    /// against the same library with the same toolchain and flags.
    func compile(_ source: String, optimized: Bool, reuse: Bool = true) -> Result<String, CompileFailure> {
        let flags = baseFlags + (optimized ? ["-O"] : ["-Onone", "-gline-tables-only"]) + library.compilerFlags
        var hash = SHA256()
        hash.update([source, library.key, toolchain.version, flags.joined(separator: " ")].joined(separator: "\n\u{0}"))
        let key = String(hash.hexDigest().prefix(24))
        let folder = cache + "/programs/" + key
        let executable = folder + "/lesson"
        if reuse, FileManager.default.isExecutableFile(atPath: executable) {
            CacheFolder.touch(folder)
            return .success(executable)
        }

        let staging = cache + "/programs/.staging-\(key)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try source.write(toFile: staging + "/main.swift", atomically: false, encoding: .utf8)
        } catch {
            return .failure(.tool(Diagnostic(.compile, at: nil, "cannot write the lesson program in \(staging): \(error.localizedDescription)")))
        }
        let result: (termination: Termination, output: String)
        do {
            result = try ChildProcess.capture(
                toolchain.swiftc, flags + [staging + "/main.swift", "-o", staging + "/lesson"], directory: root, timeout: 600)
        } catch {
            return .failure(.tool(Diagnostic(.compile, at: nil, "cannot run the Swift compiler: \(error)")))
        }
        guard result.termination == .exited(0) else {
            return .failure(.errors(CompilerDiagnostics.errors(in: result.output), output: result.output))
        }
        // The exact command, beside the program, for anyone (or a benchmark) who wants to redo it.
        let command = ([toolchain.swiftc] + flags + ["main.swift", "-o", "lesson"]).joined(separator: "\n")
        try? command.write(toFile: staging + "/command.txt", atomically: false, encoding: .utf8)
        if !reuse { try? FileManager.default.removeItem(atPath: folder) }
        if rename(staging, folder) != 0 && !FileManager.default.isExecutableFile(atPath: executable) {
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

    // MARK: Running

    private func execute(_ executable: String, lesson: Lesson, into results: inout [CellResult], problems: inout [Diagnostic],
                         progress: @Sendable (LessonEvent) -> Void) {
        let crashFolder = cache + "/crashes/\(getpid())-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: crashFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: crashFolder) }
        var environment = [
            "SWIFT_BACKTRACE": "enable=yes,interactive=no,format=json,registers=none,images=none,output-to=\(crashFolder)",
        ]
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { environment["OPENBLAS_NUM_THREADS"] = "1" }
        let seconds = timeout ?? lesson.frontMatter.timeout ?? FrontMatter.defaultTimeout

        var collector = CellOutputCollector(limit: outputLimit)
        let termination: Termination
        do {
            let runnable = lesson.cells.filter(\.runs).count
            termination = try ChildProcess.run(executable, [], environment: environment, directory: root, timeout: seconds) {
                let before = collector.started.count
                collector.consume($0)
                if collector.started.count != before { progress(.running(cell: collector.started.count, of: runnable)) }
            }
        } catch {
            problems.append(Diagnostic(.run, at: SourceLocation(path: lesson.path, line: 1), "cannot run the lesson's program: \(error)"))
            return
        }
        collector.finish()

        for index in collector.started {
            let cell = lesson.cells[index]
            var result = CellResult(cellIndex: index, outcome: .completed, output: collector.text(of: index),
                                    truncated: collector.dropped[index, default: 0] > 0,
                                    richOutputs: collector.richOutputs[index] ?? [])
            if cell.has(.trap), let end = collector.trapEnds[index] {
                if end.status != 0 { crash(&result, lesson: lesson, folder: crashFolder, pid: end.pid, status: end.status) }
            } else if index == collector.currentCell, !collector.reachedEnd {
                switch termination {
                case .timedOut: result.outcome = .timedOut(seconds: seconds)
                case .signaled(let signal): crash(&result, lesson: lesson, folder: crashFolder, pid: nil, status: signal)
                case .exited(let status): result.outcome = .exited(status: status)
                }
            }
            results[index] = result
        }
        if collector.started.isEmpty, !collector.reachedEnd {
            problems.append(Diagnostic(.run, at: SourceLocation(path: lesson.path, line: 1),
                                       "the lesson's program ended before its first cell (\(termination))"))
        }
    }

    private func crash(_ result: inout CellResult, lesson: Lesson, folder: String, pid: Int32?, status: Int32) {
        let report = TrapReport(cellOutput: result.output, lessonPath: lesson.path, backtraceFolder: folder,
                                pid: pid, signal: status & 0x7f)
        result.output = report.output + report.message + "\n"
        result.outcome = .trapped(message: report.message, location: report.location)
    }
}

/// What a lesson's run is doing, for progress displays.
public enum LessonEvent: Hashable, Sendable {
    case compiling
    /// The `cell`-th runnable cell (from 1) of `of` has started.
    case running(cell: Int, of: Int)
}

extension Cell {
    /// Whether a compiler location falls inside this cell's code.
    func contains(_ location: SourceLocation, lessonPath: String) -> Bool {
        location.path == lessonPath && span.contentLines.contains(location.line)
    }
}
