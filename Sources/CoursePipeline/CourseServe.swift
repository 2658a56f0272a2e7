import CourseModel
import Foundation
import CourseServer
import Plumbing

/// `course serve`: build the site, serve it on loopback as a notebook (every shown cell can be
/// edited and run from the page, see `Notebook`), and rebuild when a lesson, the theme or the
/// lesson library changes (only the lessons that changed run again: the rest come from the
/// cache); open pages reload by themselves.
public final class CourseServe: @unchecked Sendable {
    public struct Options: Sendable {
        public var build = CourseBuild.Options()
        /// The address to listen on: loopback unless the author asks for another.
        public var host = "127.0.0.1"
        public var port: UInt16 = 8000
        /// Seconds between looks at the watched files.
        public var pollInterval = 0.3
        /// The secret every request must carry (random unless given, for tests).
        public var token = RequestGate.randomToken()
        /// Notebook runs at once.
        public var jobs = 2

        public init() {
            build.allowFailures = true  // a preview shows failures on the page rather than refusing to build
        }
    }

    public let options: Options
    private let log: @Sendable (String) -> Void
    private var server: CourseHTTPServer?
    private let lock = NSLock()
    private var stopped = false

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
    }

    /// The address pages are served at, once started, with the token a first visit needs.
    public var url: String? { server.map { "http://\($0.host):\($0.port)/?token=\($0.token)" } }

    /// Builds, starts serving and watching; returns at once (the work goes on in the background).
    public func start() throws(Diagnostic) {
        let layout = try CourseLayout.open(from: options.build.workingDirectory, override: options.build.root)
            .overriding(theme: options.build.theme, site: options.build.output)
        var build = options.build
        build.root = layout.root
        let output = layout.siteFolder
        build.output = output
        let problems = CourseBuild(options: build, log: log).run()
        guard FileManager.default.fileExists(atPath: output + "/" + CourseBuild.marker) else {
            throw problems.first ?? Diagnostic(.build, at: nil, "the site could not be built")
        }
        do {
            let notebook = Notebook(workbench: Workbench(layout: layout, timeout: options.build.check.timeout), jobs: options.jobs)
            let server = CourseHTTPServer(site: output, assets: layout.themeFolder + "/notebook", host: options.host,
                                          port: options.port, token: options.token, backend: notebook)
            try server.start()
            lock.withLock { self.server = server }
        } catch {
            throw Diagnostic(.build, at: nil, "cannot serve the site: \(error)")
        }
        log("Serving \(layout.display(output)) at \(url ?? "") — edit and run any cell on the page; edit a lesson and open pages reload (Ctrl-C to stop)")
        if !["127.0.0.1", "::1", "localhost"].contains(options.host) {
            log("warning: listening on \(options.host): anyone who can reach this port and has the token can run code as this user")
        }
        let watched = [layout.lessonsFolder, layout.themeFolder] + layout.librarySourceFolders
        let settings = build
        let thread = Thread { [self] in watch(watched, build: settings) }
        thread.start()
    }

    public func stop() {
        lock.withLock { stopped = true }
        server?.stop()
    }

    private func watch(_ folders: [String], build: CourseBuild.Options) {
        var last = Self.fingerprint(folders)
        while !lock.withLock({ stopped }) {
            Thread.sleep(forTimeInterval: options.pollInterval)
            let now = Self.fingerprint(folders)
            guard now != last else { continue }
            let changed = Set(now.keys).symmetricDifference(last.keys).union(now.keys.filter { now[$0] != last[$0] })
            last = now
            log("Changed: \(changed.sorted().prefix(3).joined(separator: ", "))\(changed.count > 3 ? ", …" : ""); rebuilding")
            let problems = CourseBuild(options: build, log: log).run()
            if problems.isEmpty || FileManager.default.fileExists(atPath: (build.output ?? "") + "/" + CourseBuild.marker) {
                server?.reload()
            }
            last = Self.fingerprint(folders)  // what the build itself wrote (caches) is not a change
        }
    }

    /// Every file under the folders with its size and modification time.
    static func fingerprint(_ folders: [String]) -> [String: FileStamp] { FileStamp.stamps(under: folders) }
}
