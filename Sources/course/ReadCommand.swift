import ArgumentParser
import CoursePipeline
import Foundation
import CourseModel
import TerminalRendering

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read a lesson in the terminal, one section or cell at a time, running its code.",
        discussion: """
            Keys: → l space j next, ← h k previous, r run again, e edit a scratch copy of this \
            cell in $EDITOR and run the lesson with it (kept in workspace/notebook/, shared with \
            course serve's notebook), u undo that edit, E open the lesson itself in $EDITOR, ? help, \
            q quit. The lesson runs again whenever its file or an edit changes. When \
            standard output is not a terminal, or NO_COLOR is set, the whole lesson is printed \
            plainly after running it.
            """
    )

    @Argument(help: "The lesson, by number, slug or path.")
    var lesson: String

    @Option(help: "The course root (default: this folder or the nearest parent holding course.yml or Lessons/).")
    var root: String?

    @Option(help: "Columns to wrap to when printing plainly (default: the terminal's width, else 80).")
    var width: Int?

    @Flag(help: "Print the lesson as written, without running it (only when printing plainly).")
    var noRun = false

    func run() throws {
        let workbench: Workbench
        let file: CourseLayout.LessonFile
        do {
            workbench = try Workbench(root: root)
            file = try workbench.layout.lesson(lesson)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        let interactive = TerminalReader.isAvailable && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        if interactive {
            let notebook = Notebook(workbench: workbench, jobs: 1)
            let source = TerminalReader.Source(
                file: file, load: { notebook.lessonWithEdits(file) }, run: { workbench.judge(file, loaded: .success($0)) },
                scratchFile: { notebook.scratchFile(for: $0, of: file) },
                adoptScratch: { notebook.adoptScratch(for: $0, of: file) },
                restore: { notebook.restore($0, of: file) })
            TerminalReader(source: source).run()
            return
        }
        // Not a terminal (or NO_COLOR): the whole lesson, plainly.
        let loaded = workbench.load(file)
        guard case .success(let parsed) = loaded else {
            if case .failure(let diagnostics) = loaded { for diagnostic in diagnostics.all { print(diagnostic) } }
            throw ExitCode.failure
        }
        let judged = noRun ? JudgedLesson(file: file, lesson: parsed) : workbench.judge(file, loaded: loaded)
        let columns = width ?? TerminalReader.terminalWidth ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
        let renderer = TerminalLessonRenderer(width: columns, color: false)
        print(renderer.render(RenderContext(course: JudgedCourse(lessons: [judged]), width: columns)), terminator: "")
    }
}
