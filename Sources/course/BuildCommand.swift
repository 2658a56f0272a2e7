import ArgumentParser
import CoursePipeline
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the course to a static site: a page per lesson with its real outputs, an index, a print page.",
        discussion: """
            Runs and checks every lesson first (reusing cached outputs), so the pages show what \
            the code prints. A failing check stops the build with the same file:line errors as \
            `course check`, unless --allow-failures is given; then the failed cells are marked \
            on the pages. The site is written to a fresh folder and swapped in whole; an existing \
            output folder is replaced only if `course build` wrote it (it holds a .course-site file).
            """
    )

    @Option(name: .shortAndLong, help: "The folder to write the site to (default: _site in the course root).")
    var output: String?

    @Option(help: "The theme folder: templates/ and assets/ (default: Site in the course root).")
    var theme: String?

    @Flag(help: "Build even when checks fail, marking the failed cells on the pages.")
    var allowFailures = false

    @OptionGroup var common: CommonOptions

    @OptionGroup var running: RunOptions

    func run() throws {
        var options = CourseBuild.Options()
        running.configure(&options.check, common: common, colorDescriptor: 1)
        options.output = output
        options.theme = theme
        options.allowFailures = allowFailures
        let problems = CourseBuild(options: options, log: printLine).run()
        if !problems.isEmpty { throw ExitCode.failure }
    }
}
