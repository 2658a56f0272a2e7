import ArgumentParser
import CoursePipeline
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every Swift cell of the lessons and compare what it prints with the lesson's output blocks.",
        discussion: """
            Failures are reported at their Markdown file:line, and the run carries on to the \
            end. The last line reads "N passed, N failed" (cells); the exit status is non-zero \
            when anything failed.
            """
    )

    @Argument(help: "Lessons to check, by number, slug or path (default: all).")
    var lessons: [String] = []

    @Flag(help: "Rewrite output blocks that do not match (and add missing ones) from the actual output.")
    var update = false

    @OptionGroup var common: CommonOptions

    @Option(help: "Lessons compiled and run at once.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a lesson may run before it is killed (overrides every lesson's front matter).")
    var timeout: Double?

    func run() throws {
        var options = CourseCheck.Options()
        options.root = common.root
        options.lessons = lessons
        options.update = update
        options.jobs = jobs
        options.timeout = timeout
        options.color = common.color.enabled(forDescriptor: 1)
        let report = CourseCheck(options: options, log: { print($0) }).run()
        if !report.succeeded { throw ExitCode.failure }
    }
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "The course root (default: this folder or the nearest parent holding Lessons/).")
    var root: String?

    @Option(help: "Color the output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    func enabled(forDescriptor descriptor: Int32) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return isatty(descriptor) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}
