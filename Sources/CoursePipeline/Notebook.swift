import Charts
import CourseModel
import CourseServer
import Foundation
import LessonExecution
import LessonParsing
import Plumbing

/// The notebook behind `course serve`: runs a lesson with a learner's edits of its cells
/// (through `Workbench.judge`, as `course check` runs it, so verdicts mean the same), checks
/// exercises (progress shared with `course exercise`), and keeps the edits in
/// `workspace/notebook/NN-slug.json`, never in the lesson. The HTTP contract is in
/// ARCHITECTURE.md ("The notebook's HTTP contract").
public final class Notebook: NotebookBackend, @unchecked Sendable {
    public let workbench: Workbench
    private var layout: CourseLayout { workbench.layout }
    private let lock = NSLock()
    /// The run in progress for each lesson: a newer run cancels it.
    private var running: [String: RunCancellation] = [:]
    /// At most `jobs` runs at once.
    private let slots: DispatchSemaphore

    public init(workbench: Workbench, jobs: Int) {
        self.workbench = workbench
        slots = DispatchSemaphore(value: max(1, jobs))
    }

    // MARK: The API

    public func respond(to call: APICall) async -> APIAnswer {
        await withCheckedContinuation { continuation in
            // Runs block on child processes: off the server's tasks.
            Thread { continuation.resume(returning: self.answer(call)) }.start()
        }
    }

    func answer(_ call: APICall) -> APIAnswer {
        do {
            switch (call.method, call.endpoint) {
            case ("GET", "notebook"):
                let file = try lessonFile(call.query["lesson"])
                return try encode(Saved(lesson: file.pageName, edits: loadEdits(file)))
            case ("PUT", "notebook"):
                let request = try decode(Saved.self, call.body)
                let file = try lessonFile(request.lesson)
                let lesson = try load(file)
                let edits = try Self.lineEdits(request.edits)
                _ = try Self.edited(lesson, edits: edits, upto: nil)  // every edit names an editable cell
                try saveEdits(edits, for: file)
                return try encode(Saved(lesson: file.pageName, edits: request.edits))
            case ("POST", "run"):
                return try run(decode(RunRequest.self, call.body))
            case ("POST", "check-exercise"):
                return try checkExercise(decode(ExerciseRequest.self, call.body))
            default:
                return .error(404, "no such API call: \(call.method) /api/\(call.endpoint)")
            }
        } catch let refusal as Refusal {
            return .error(refusal.status, refusal.message)
        } catch {
            return .error(500, "\(error)")
        }
    }

    struct Refusal: Error {
        var status: Int
        var message: String
        init(_ message: String, status: Int = 400) { (self.status, self.message) = (status, message) }
    }

    struct Saved: Codable {
        var lesson: String
        var edits: [String: String]
    }

    struct RunRequest: Decodable {
        var lesson: String
        var edits: [String: String]?
        var upto: Int?
    }

    struct ExerciseRequest: Decodable {
        var lesson: String
        var line: Int
        var code: String
    }

    // MARK: Running

    func run(_ request: RunRequest) throws -> APIAnswer {
        let file = try lessonFile(request.lesson)
        let lesson = try load(file)
        let edits = try Self.lineEdits(request.edits ?? [:])
        let edited = try Self.edited(lesson, edits: edits, upto: request.upto)
        try saveEdits(edits, for: file)

        let cancellation = RunCancellation()
        lock.withLock {
            running[file.pageName]?.cancel()
            running[file.pageName] = cancellation
        }
        defer { lock.withLock { if running[file.pageName] === cancellation { running[file.pageName] = nil } } }
        slots.wait()
        defer { slots.signal() }
        if cancellation.isCancelled { throw Refusal("cancelled: a newer run of this lesson started", status: 409) }

        let start = Date()
        let judged = workbench.judge(file, loaded: .success(edited), cancellation: cancellation)
        if cancellation.isCancelled { throw Refusal("cancelled: a newer run of this lesson started", status: 409) }
        let report = NotebookReport(judged: judged, edited: Set(edits.keys), seconds: Date().timeIntervalSince(start))
        return APIAnswer(json: try JSONEncoder().encode(report))
    }

    /// The lesson with the learner's code in place of the author's, cut after the cell at
    /// line `upto` (default: the last edited cell; with no edits, the whole lesson). Exercises
    /// that reach past the cut are left out.
    static func edited(_ lesson: Lesson, edits: [Int: String], upto: Int?) throws -> Lesson {
        var result = lesson
        let byLine = Dictionary(lesson.cells.map { ($0.span.openingLine, $0.index) }, uniquingKeysWith: { a, _ in a })
        for (line, code) in edits {
            guard let index = byLine[line] else { throw Refusal("no cell opens at line \(line) of \(lesson.path)") }
            guard isEditable(lesson.cells[index]) else {
                throw Refusal("the cell at line \(line) of \(lesson.path) cannot be edited (only shown cells that run, trap cells and exercises)")
            }
            let code = code.isEmpty || code.hasSuffix("\n") ? code : code + "\n"
            result.cells[index].code = code
            // A `prints` cell's edited comments are what its edited statements must print.
            if result.cells[index].has(.prints) { result.cells[index].printsExpectations = PrintsComments.read(code).expectations }
            // The edited code's lines are the cell's now (the compiler's errors are mapped to
            // cells by them), even where it is longer than the author's.
            result.cells[index].span.closingLine = max(lesson.cells[index].span.closingLine, result.cells[index].codeLines.upperBound)
        }
        let last = upto ?? edits.keys.max() ?? lesson.cells.last?.span.openingLine ?? 0
        guard upto == nil || byLine[last] != nil else { throw Refusal("no cell opens at line \(last) of \(lesson.path)") }
        result.cells = result.cells.filter { $0.span.openingLine <= last }
        let count = result.cells.count
        result.exercises = result.exercises.filter { ([$0.exerciseCell, $0.solutionCell] + $0.checkCells).allSatisfy { $0 < count } }
        return result
    }

    static func isEditable(_ cell: Cell) -> Bool {
        !cell.has(.hidden) && (cell.has(.exercise) || (cell.runs && !cell.isExercisePart) || cell.has(.trap))
    }

    // MARK: Exercises

    func checkExercise(_ request: ExerciseRequest) throws -> APIAnswer {
        let file = try lessonFile(request.lesson)
        var lesson = try load(file)
        guard let exercise = lesson.exercises.first(where: { lesson.cells[$0.exerciseCell].span.openingLine == request.line }) else {
            throw Refusal("no exercise starts at line \(request.line) of \(file.displayPath)")
        }
        // The learner's code in place of the starting code: errors name the page's lines.
        let code = request.code
        lesson.cells[exercise.exerciseCell].code = code.isEmpty || code.hasSuffix("\n") ? code : code + "\n"
        slots.wait()
        defer { slots.signal() }
        let result = try workbench.runner().runExercise(exercise, in: lesson, attempt: .starter, reuseProgram: false)
        let session = ExerciseSession(workbench: workbench, file: file, lesson: lesson)
        session.record(exercise, passed: result.passedChecks)
        let report = NotebookReport.Exercise(result: result, lessonPath: lesson.path)
        return APIAnswer(json: try JSONEncoder().encode(report))
    }

    // MARK: The terminal reader's edits (the same store)

    /// The lesson with the learner's saved edits, whole (the terminal reader runs it all).
    /// Edits that no longer name an editable cell (the lesson changed) are left out.
    public func lessonWithEdits(_ file: CourseLayout.LessonFile) -> Result<Lesson, Diagnostics> {
        let loaded = workbench.load(file)
        guard case .success(let lesson) = loaded else { return loaded }
        let editable = Set(lesson.cells.filter(Self.isEditable).map(\.span.openingLine))
        let edits = ((try? Self.lineEdits(loadEdits(file))) ?? [:]).filter { editable.contains($0.key) }
        return .success((try? Self.edited(lesson, edits: edits, upto: lesson.cells.last?.span.openingLine)) ?? lesson)
    }

    /// `workspace/notebook/NN-slug/cell-LINE.swift`, written with the cell's code as it is
    /// now (the learner's edit, or the author's); nil for a cell that cannot be edited.
    public func scratchFile(for cell: Cell, of file: CourseLayout.LessonFile) -> String? {
        guard Self.isEditable(cell) else { return nil }
        let path = layout.workspaceFolder + "/notebook/\(file.pageName)/cell-\(cell.span.openingLine).swift"
        do {
            try AtomicFile.write(Data(cell.code.utf8), to: path)
        } catch {
            return nil
        }
        return path
    }

    /// Takes the scratch copy of `cell` as its edit, or drops the edit when the copy is the
    /// author's code again.
    public func adoptScratch(for cell: Cell, of file: CourseLayout.LessonFile) {
        let path = layout.workspaceFolder + "/notebook/\(file.pageName)/cell-\(cell.span.openingLine).swift"
        guard let data = FileManager.default.contents(atPath: path), case .success(let lesson) = workbench.load(file),
              let original = lesson.cells.first(where: { $0.span.openingLine == cell.span.openingLine }) else { return }
        var edits = (try? Self.lineEdits(loadEdits(file))) ?? [:]
        let code = String(decoding: data, as: UTF8.self)
        edits[cell.span.openingLine] = code == original.code ? nil : code
        try? saveEdits(edits, for: file)
    }

    /// Drops the learner's edit of `cell`.
    public func restore(_ cell: Cell, of file: CourseLayout.LessonFile) {
        var edits = (try? Self.lineEdits(loadEdits(file))) ?? [:]
        edits[cell.span.openingLine] = nil
        try? saveEdits(edits, for: file)
        try? FileManager.default.removeItem(atPath: layout.workspaceFolder + "/notebook/\(file.pageName)/cell-\(cell.span.openingLine).swift")
    }

    // MARK: Files

    func lessonFile(_ name: String?) throws -> CourseLayout.LessonFile {
        guard let name, !name.isEmpty else { throw Refusal("say which lesson: \"lesson\": \"01-perceptron\"") }
        let files = (try? layout.lessonFiles()) ?? []
        guard let file = files.first(where: { $0.pageName == name }) else { throw Refusal("no lesson \(name)", status: 404) }
        return file
    }

    func load(_ file: CourseLayout.LessonFile) throws -> Lesson {
        switch workbench.load(file) {
        case .success(let lesson): return lesson
        case .failure(let problems): throw Refusal("the lesson does not parse: \(problems)", status: 422)
        }
    }

    func notebookFile(_ file: CourseLayout.LessonFile) -> String { layout.notebookFile(for: file) }

    func loadEdits(_ file: CourseLayout.LessonFile) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: notebookFile(file)),
              let saved = try? JSONDecoder().decode(Saved.self, from: data) else { return [:] }
        return saved.edits
    }

    func saveEdits(_ edits: [Int: String], for file: CourseLayout.LessonFile) throws {
        let saved = Saved(lesson: file.pageName, edits: Dictionary(uniqueKeysWithValues: edits.map { (String($0.key), $0.value) }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(encoder.encode(saved), to: notebookFile(file))
    }

    static func lineEdits(_ edits: [String: String]) throws -> [Int: String] {
        var result: [Int: String] = [:]
        for (key, code) in edits {
            guard let line = Int(key), line > 0 else { throw Refusal("edits are keyed by a cell's fence line, not \"\(key)\"") }
            result[line] = code
        }
        return result
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch {
            throw Refusal("the request is not the JSON this call takes: \(error)")
        }
    }

    func encode<T: Encodable>(_ value: T) throws -> APIAnswer { APIAnswer(json: try JSONEncoder().encode(value)) }
}
