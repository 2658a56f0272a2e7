import ArgumentParser
import CoursePipeline
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the course as a notebook: edit and run any cell from the page; rebuild and reload pages when a lesson, the theme or the library changes.",
        discussion: """
            Prints an address with a secret token: every request must carry it (the first page \
            load keeps it in a cookie). Listens on 127.0.0.1 only, unless --host says otherwise; \
            requests that name another host or come from another site are refused. The learner's \
            edits are kept in workspace/notebook/, never in the lessons. Serves only files inside \
            the built site. Failing cells are marked on the pages rather than stopping the build.
            """
    )

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on; 0.0.0.0 makes the preview reachable from other machines.")
    var host = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The folder to write the site to (default: _site in the course root).")
    var output: String?

    @Option(help: "Notebook runs at once (a newer run of the same lesson cancels the older).")
    var jobs = 2

    @Flag(help: "Do not open the address in a browser.")
    var noOpen = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = CourseServe.Options()
        options.build.root = common.root
        options.build.output = output
        options.build.color = common.color.enabled(forDescriptor: 1)
        options.host = host
        options.port = port
        options.jobs = max(1, jobs)
        let serve = CourseServe(options: options, log: printLine)
        do {
            try serve.start()
        } catch {
            printLine("\(error)")
            throw ExitCode.failure
        }
        if !noOpen, let url = serve.url { openInBrowser(url) }
        while true { sleep(3600) }
    }
}

/// Opens `url` in the desktop's browser, where there is a desktop (`open` on macOS, `xdg-open`
/// under X11 or Wayland); says nothing when there is none.
func openInBrowser(_ url: String) {
    #if os(macOS)
    let opener = "/usr/bin/open"
    #else
    let environment = ProcessInfo.processInfo.environment
    guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return }
    let opener = "/usr/bin/xdg-open"
    #endif
    guard FileManager.default.isExecutableFile(atPath: opener) else { return }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: opener)
    process.arguments = [url]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try? process.run()
}
