import CourseModel
import Foundation
import LessonExecution
import OutputChecking
import Plumbing

/// `course exercise N`: a lesson's exercises as files in a learner's workspace, checked on
/// demand against the lesson's earlier cells and the exercises' checks, with progress kept in
/// `workspace/progress.json`.
///
/// The workspace is `workspace/` under the course root (ignored by git): one folder per lesson
/// (`workspace/01-perceptron/`), one file per exercise (`1-the-sigmoids-slope.swift`).
public final class ExerciseSession: @unchecked Sendable {
    public let workbench: Workbench
    public var layout: CourseLayout { workbench.layout }
    public let file: CourseLayout.LessonFile
    public let lesson: Lesson
    public var color: Bool

    /// Loads lesson `selector` (a number, slug, file name or path) of the course found from
    /// `workingDirectory` (or at `root`).
    public init(lesson selector: String, root: String? = nil,
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                cacheFolder: String? = nil, color: Bool = false) throws(Diagnostics) {
        do {
            workbench = try Workbench(root: root, workingDirectory: workingDirectory, cacheFolder: cacheFolder)
            file = try workbench.layout.lesson(selector)
        } catch {
            throw Diagnostics([error])
        }
        switch workbench.load(file) {
        case .success(let lesson): self.lesson = lesson
        case .failure(let problems): throw problems
        }
        self.color = color
    }

    /// A session on a lesson already loaded (the notebook's, whose edits it holds).
    init(workbench: Workbench, file: CourseLayout.LessonFile, lesson: Lesson, color: Bool = false) {
        (self.workbench, self.file, self.lesson, self.color) = (workbench, file, lesson, color)
    }

    // MARK: The workspace

    public var workspaceRoot: String { layout.workspaceFolder }
    /// `workspace/NN-slug` (the lesson's page name).
    public var lessonFolderName: String { file.pageName }
    public var workspaceFolder: String { workspaceRoot + "/" + lessonFolderName }

    /// `1-the-sigmoids-slope.swift`.
    public func fileName(for exercise: Exercise) -> String {
        var slug = ""
        for character in exercise.title.lowercased() {
            if character.isLetter && character.isASCII || character.isNumber && character.isASCII {
                slug.append(character)
            } else if character == "'" || character == "’" {
                continue
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "\(exercise.number)-\(slug.isEmpty ? "exercise" : String(slug.prefix(40)))".replacingOccurrences(of: "--", with: "-") + ".swift"
    }

    /// The exercise's file, absolute.
    public func path(for exercise: Exercise) -> String { workspaceFolder + "/" + fileName(for: exercise) }
    /// The exercise's file relative to the course root: what its compiler errors name.
    public func rootRelativePath(for exercise: Exercise) -> String {
        layout.rootRelative(path(for: exercise))
    }
    /// The exercise's file as the learner's terminal should show it.
    public func displayPath(for exercise: Exercise) -> String { layout.display(path(for: exercise)) }

    /// What a fresh exercise file holds: a short header, then the starting code.
    public func starterFile(for exercise: Exercise) -> String {
        let cell = lesson.cells[exercise.exerciseCell]
        var text = "// Exercise \(exercise.number): \(exercise.title)\n"
        text += "// From \(file.displayPath):\(exercise.line). Save to check; h: hint; q: quit.\n\n"
        text += cell.code
        return text
    }

    /// Creates the lesson's exercise files that do not exist yet (never overwriting a learner's
    /// work). With `reset`, first moves the lesson's current files to
    /// `workspace/.trash/<timestamp>/NN-slug/` and forgets the lesson's progress.
    /// - Returns: the files created, and the trash folder when something was moved there.
    @discardableResult
    public func prepare(reset: Bool = false) throws -> (created: [String], trash: String?) {
        let manager = FileManager.default
        var trash: String? = nil
        if reset, manager.fileExists(atPath: workspaceFolder) {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMdd-HHmmss-SSS"
            let folder = workspaceRoot + "/.trash/" + formatter.string(from: Date())
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try manager.moveItem(atPath: workspaceFolder, toPath: folder + "/" + lessonFolderName)
            trash = folder
            var progress = loadProgress()
            progress.lessons[lessonFolderName] = nil
            try saveProgress(progress)
        }
        try manager.createDirectory(atPath: workspaceFolder, withIntermediateDirectories: true)
        var created: [String] = []
        for exercise in lesson.exercises where !manager.fileExists(atPath: path(for: exercise)) {
            try AtomicFile.write(starterFile(for: exercise), to: path(for: exercise))
            created.append(path(for: exercise))
        }
        return (created, trash)
    }

    // MARK: Progress

    /// `workspace/progress.json`: for each lesson (by folder name) and exercise (by number),
    /// whether it was solved and when it was last checked or solved.
    public struct Progress: Codable, Equatable, Sendable {
        public struct Entry: Codable, Equatable, Sendable {
            public var solved: Bool
            public var date: String
        }
        public var lessons: [String: [String: Entry]] = [:]
    }

    public var progressPath: String { layout.progressFile }

    public func loadProgress() -> Progress {
        guard let data = FileManager.default.contents(atPath: progressPath),
              let progress = try? JSONDecoder().decode(Progress.self, from: data) else { return Progress() }
        return progress
    }

    func saveProgress(_ progress: Progress) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(encoder.encode(progress), to: progressPath)
    }

    /// Whether the progress file says the exercise was solved.
    public func isSolved(_ exercise: Exercise) -> Bool {
        loadProgress().lessons[lessonFolderName]?[String(exercise.number)]?.solved ?? false
    }

    /// Records a check: solved stays solved (until `--reset`).
    func record(_ exercise: Exercise, passed: Bool) {
        var progress = loadProgress()
        let key = String(exercise.number)
        let wasSolved = progress.lessons[lessonFolderName]?[key]?.solved ?? false
        if wasSolved { return }
        let date = ISO8601DateFormatter().string(from: Date())
        progress.lessons[lessonFolderName, default: [:]][key] = Progress.Entry(solved: passed, date: date)
        try? saveProgress(progress)
    }

    // MARK: Checking

    /// One check of a workspace file.
    public struct Check: Sendable {
        public var exercise: Exercise
        public var result: CellResult
        /// What to show the learner: the verdict line, then what explains it.
        public var lines: [String]
        public var passed: Bool { result.passedChecks }
    }

    /// Compiles the exercise's workspace file after the lesson's runnable cells before the
    /// exercise, with the exercise's checks appended; runs it; records the progress.
    public func check(_ exercise: Exercise) -> Check {
        let style = ConsoleStyle(color: color)
        let title = "\(exercise.number). \(exercise.title)"
        let result: CellResult
        do {
            let runner = try workbench.runner()
            guard let data = FileManager.default.contents(atPath: path(for: exercise)) else {
                let message = "cannot read \(displayPath(for: exercise)) (run `course exercise \(file.number) --reset` to recreate it)"
                return Check(exercise: exercise, result: CellResult(cellIndex: exercise.exerciseCell, outcome: .contextFailed(Diagnostic(.load, at: nil, message))),
                             lines: [style.failed(VerdictText.failureMark) + " \(title): " + message])
            }
            let code = String(decoding: data, as: UTF8.self)
            result = runner.runExercise(exercise, in: lesson, attempt: .workspace(code: code, path: rootRelativePath(for: exercise)))
        } catch {
            return Check(exercise: exercise, result: CellResult(cellIndex: exercise.exerciseCell, outcome: .contextFailed(error)),
                         lines: [style.error(error)])
        }
        record(exercise, passed: result.passedChecks)
        var lines: [String] = []
        if result.passedChecks {
            lines.append(style.passed(VerdictText.passMark) + " \(title): " + VerdictText.allChecksPassed)
            let printed = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            lines += printed.map { "    " + $0 }
            return Check(exercise: exercise, result: result, lines: lines)
        }
        let location = SourceLocation(path: layout.display(path(for: exercise)), line: 1)
        switch result.outcome {
        case .completed:
            let count = result.failedExpectations.count
            lines.append(style.failed(VerdictText.failureMark) + " \(title): \(count) check\(count == 1 ? "" : "s") failed")
            for line in result.output.split(separator: "\n") {
                lines.append("    " + (VerdictText.isFailedExpectation(line, of: result)
                    ? style.failed(VerdictText.failureMark) + line.dropFirst(VerdictText.failureMark.count) : String(line)))
            }
        case .compileError(let diagnostics):
            lines.append(style.failed(VerdictText.failureMark) + " \(title): does not compile")
            for diagnostic in diagnostics { lines.append(style.error(displayed(diagnostic))) }
        default:
            let diagnostics = CellChecker.failure(result, at: location, subject: "it")
            lines.append(style.failed(VerdictText.failureMark) + " \(title): " + (diagnostics.first?.message ?? "failed"))
            if let detail = diagnostics.first?.detail { lines.append(detail) }
            if let at = diagnostics.first?.location, at != location { lines.append("    at \(at)") }
        }
        return Check(exercise: exercise, result: result, lines: lines)
    }

    /// A diagnostic whose location names a workspace file relative to the root, shown relative
    /// to the working directory.
    private func displayed(_ diagnostic: Diagnostic) -> Diagnostic {
        var shown = diagnostic
        if let location = diagnostic.location, location.path.hasPrefix("workspace/") {
            shown.location?.path = layout.display(layout.root + "/" + location.path)
        }
        return shown
    }

    /// The solution's code, as written in the lesson.
    public func solution(of exercise: Exercise) -> String { lesson.cells[exercise.solutionCell].code }
}
