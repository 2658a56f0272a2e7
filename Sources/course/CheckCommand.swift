import ArgumentParser
import CoursePipeline
import Foundation
import Plumbing

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

    @OptionGroup var running: RunOptions

    @Flag(name: .customLong("no-cache"), help: "Compile and run every lesson, even unchanged ones.")
    var noCache = false

    @Flag(name: .shortAndLong, help: "Print only failures and the closing line.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print each lesson's time and whether it came from the cache.")
    var verbose = false

    @Option(help: "Check only shard i of n (i/n): lessons are dealt out in course order, for CI machines.")
    var shard: String?

    @Option(help: "Also write the report as junit (XML) or json.")
    var format: ReportFormatChoice?

    @Option(name: .customLong("output"), help: "File for --format (default: standard output).")
    var outputFile: String?

    func validate() throws {
        if let shard, CourseCheck.Shard(shard) == nil { throw ValidationError("--shard takes i/n with 1 ≤ i ≤ n, e.g. 2/4") }
        if outputFile != nil && format == nil { throw ValidationError("--output goes with --format junit|json") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    func run() throws {
        var options = CourseCheck.Options()
        running.configure(&options, common: common, colorDescriptor: format != nil && outputFile == nil ? 2 : 1)
        options.lessons = lessons
        options.update = update
        options.useCache = !noCache
        options.verbosity = quiet ? .quiet : verbose ? .verbose : .normal
        options.shard = shard.flatMap(CourseCheck.Shard.init)
        // The report goes to stderr when stdout carries the machine-readable format.
        let reportDescriptor: Int32 = format != nil && outputFile == nil ? 2 : 1
        let reportHandle = FileHandle(fileDescriptor: reportDescriptor)
        let log: @Sendable (String) -> Void = { line in reportHandle.write(Data((line + "\n").utf8)) }
        var live: (@Sendable (String) -> Void)? = nil
        if isatty(reportDescriptor) != 0 && ProcessInfo.processInfo.environment["CI"] == nil {
            live = { text in reportHandle.write(Data(text.utf8)) }
        }
        let report = CourseCheck(options: options, log: log, liveOutput: live).run()
        if let format {
            let text = format.format.render(report)
            if let outputFile {
                do { try AtomicFile.write(text, to: outputFile) } catch {
                    throw ValidationError("cannot write \(outputFile): \(error)")
                }
            } else {
                print(text, terminator: "")
            }
        }
        if !report.succeeded { throw ExitCode.failure }
    }
}

enum ReportFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case junit, json
    var format: ReportFormat { self == .junit ? .junit : .json }
}

/// How lessons run: the options of every subcommand that runs the whole course.
struct RunOptions: ParsableArguments {
    @Option(help: "Lessons compiled and run at once.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a lesson may run before it is killed (overrides every lesson's front matter).")
    var timeout: Double?

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs takes a number of at least 1") }
    }

    /// The check's options from these, the course root and the color choice for `colorDescriptor`.
    func configure(_ options: inout CourseCheck.Options, common: CommonOptions, colorDescriptor: Int32) {
        options.root = common.root
        options.jobs = jobs
        options.timeout = timeout
        options.color = common.color.enabled(forDescriptor: colorDescriptor)
    }
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "The course root (default: this folder or the nearest parent holding course.yml or Lessons/).")
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
