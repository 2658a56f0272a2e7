import ArgumentParser
import CoursePipeline
import Foundation
import TerminalRendering

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read a lesson in the terminal, one section or cell at a time, running its code.",
        discussion: """
            Keys: → l space j next, ← h k previous, r run again, e open the lesson in $EDITOR at \
            this cell, ? help, q quit. The lesson runs again whenever its file changes. When \
            standard output is not a terminal, or NO_COLOR is set, the whole lesson is printed \
            plainly after running it.
            """
    )

    @Argument(help: "The lesson, by number, slug or path.")
    var lesson: String

    @Option(help: "The course root (default: this folder or the nearest parent holding Lessons/).")
    var root: String?

    @Option(help: "Columns to wrap to when printing plainly (default: the terminal's width, else 80).")
    var width: Int?

    @Flag(help: "Print the lesson as written, without running it (only when printing plainly).")
    var noRun = false

    func run() throws {
        let session: LessonSession
        do {
            session = try LessonSession(lesson: lesson, root: root)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        let interactive = TerminalReader.isAvailable && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        if interactive {
            TerminalReader(source: .init(path: session.file.path, load: { session.load() }, run: { session.run($0) })).run()
            return
        }
        // Not a terminal (or NO_COLOR): the whole lesson, plainly.
        guard case .success(let lesson) = session.load() else {
            if case .failure(let diagnostics) = session.load() { for diagnostic in diagnostics.all { print(diagnostic) } }
            throw ExitCode.failure
        }
        let view = noRun ? LessonView(lesson: lesson) : session.run(lesson)
        let columns = width ?? TerminalReader.terminalWidth ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
        print(TerminalLessonRenderer(width: columns, color: false).render(view), terminator: "")
    }
}
