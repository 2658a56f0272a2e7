import ArgumentParser
import CoursePipeline
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a course: Package.swift with a small library, course.yml, Lessons/index.md and a first lesson.",
        discussion: """
            What it writes passes `course check` and `course build` at once. It never overwrites a \
            file: when any file it would write exists, it writes none.
            """
    )

    @Argument(help: "The course's folder (default: this folder).")
    var directory: String = "."

    @Option(help: "The library's module name (default: made from the folder's name).")
    var library: String?

    func run() throws {
        do {
            let written = try CourseInit.run(directory: directory, library: library)
            for file in written.files { printLine("  wrote \(file)") }
            let root = written.folder == "." || written.folder.isEmpty ? "" : " --root \(written.folder)"
            printLine("Created a course over the library \(written.library). Next: course check\(root), then course build\(root).")
        } catch {
            printLine("error: \(error.message)")
            throw ExitCode.failure
        }
    }
}
