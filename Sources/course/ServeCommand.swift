import ArgumentParser
import CoursePipeline
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it locally, and rebuild and reload pages when a lesson, the theme or the library changes.",
        discussion: """
            Listens on 127.0.0.1 only, unless --host says otherwise. Serves only files inside the \
            built site. Failing cells are marked on the pages rather than stopping the build.
            """
    )

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on; 0.0.0.0 makes the preview reachable from other machines.")
    var host = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The folder to write the site to (default: _site in the course root).")
    var output: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = CourseServe.Options()
        options.build.root = common.root
        options.build.output = output
        options.build.color = common.color.enabled(forDescriptor: 1)
        options.host = host
        options.port = port
        let serve = CourseServe(options: options, log: printLine)
        do {
            try serve.start()
        } catch {
            printLine("\(error)")
            throw ExitCode.failure
        }
        while true { sleep(3600) }
    }
}
