import CourseModel
import Foundation
import LessonParsing
import SiteRendering
import Plumbing

/// `course build`: check the course (running or reusing every lesson's outputs), render it
/// to a static site with the course's theme, and write the site into the output folder in
/// one swap. Reads top to bottom as the list of its steps.
public struct CourseBuild: Sendable {
    /// The check's options (the course, jobs, timeout, color, caches: `options.jobs` reads
    /// `options.check.jobs`), and the site's.
    @dynamicMemberLookup
    public struct Options: Sendable {
        /// How the lessons are checked first (every lesson, never updating).
        public var check = CourseCheck.Options()
        /// Where the site goes; relative paths are from the working directory. Default `_site`
        /// under the course root.
        public var output: String?
        /// The theme folder; default `Site` under the course root.
        public var theme: String?
        /// Build even when checks fail, marking the failed cells on the pages.
        public var allowFailures = false

        public init() {}

        public subscript<Value>(dynamicMember option: WritableKeyPath<CourseCheck.Options, Value>) -> Value {
            get { check[keyPath: option] }
            set { check[keyPath: option] = newValue }
        }
    }

    /// The name of the file that marks a folder as a site `course build` wrote (and may replace).
    public static let marker = ".course-site"

    public var options: Options
    public var log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
    }

    /// Builds the site; returns the problems that stopped it (empty when the site was written).
    @discardableResult
    public func run() -> [Diagnostic] {
        let check = CourseCheck(options: checkOptions, log: log)
        var state: BuildState
        switch check.prepare() {
        case .success(let prepared):
            var layout = prepared.workbench.layout.overriding(theme: options.theme, site: options.output)
            layout.displayBase = prepared.workbench.layout.displayBase
            state = BuildState(check: prepared, layout: layout)
        case .failure(let problem):
            return fail([problem])
        }
        // Refuse a bad output folder, and a broken theme, before spending time on the lessons.
        if let problem = Self.refusal(output: state.layout.siteFolder, root: state.layout.root, display: state.layout.display) {
            return fail([problem])
        }
        do {
            state.theme = try Theme.load(from: state.layout.themeFolder)
        } catch {
            return fail([error])
        }
        var steps: [PipelineStep<BuildState>] = check.steps()
        steps[steps.count - 1] = steps[steps.count - 1].followed { state in
            let report = state.check.report
            guard !report.problems.isEmpty || (!report.succeeded && !options.allowFailures) else { return .proceed }
            log("error: the site was not built: the course has failing checks (build with --allow-failures to mark them on the pages instead)")
            state.problems = report.problems + report.lessons.flatMap(\.diagnostics)
            return .stop
        }
        steps += [
            PipelineStep({ _ in "Rendering the site" }) { state in render(&state) },
            PipelineStep({ "Writing \($0.files.count) files to \($0.layout.display($0.layout.siteFolder))" }) { state in
                do throws(Diagnostic) {
                    try Self.write(state.files, to: state.layout.siteFolder)
                } catch {
                    state.problems = fail([error])
                    return .stop
                }
                let count = state.check.lessons.filter { $0.lesson != nil }.count
                log(ConsoleStyle(color: options.color).passed(
                    "Built \(count) lesson\(count == 1 ? "" : "s") into \(state.layout.display(state.layout.siteFolder))/index.html"))
                return .proceed
            },
        ]
        _ = PipelineStep.run(steps, on: &state, announce: log)
        return state.problems
    }

    /// The check's options: every lesson, never updating.
    var checkOptions: CourseCheck.Options {
        var check = options.check
        check.lessons = []
        check.update = false
        return check
    }

    /// Renders the judged course with the theme into `state.files`, with the images the pages show.
    private func render(_ state: inout BuildState) -> PipelineStep<BuildState>.Next {
        let layout = state.layout
        var problems: [Diagnostic] = []
        var index: Lesson?
        if let file = layout.indexLessonFile {
            switch state.check.workbench.load(file) {
            case .success(let lesson): index = lesson
            case .failure(let diagnostics): problems += diagnostics.all
            }
        }
        for lesson in state.check.lessons where lesson.lesson == nil {
            log("warning: \(lesson.file.displayPath) is left out of the site: it could not be read")
        }
        var course = state.check.report
        course.index = index
        let site: RenderedSite
        do {
            site = try SiteRenderer(theme: state.theme!).render(RenderContext(course: course))
        } catch {
            state.problems = fail(problems + [error])
            return .stop
        }
        problems += site.problems
        let style = ConsoleStyle(color: options.color)
        if !problems.isEmpty {
            for problem in problems { log(style.error(problem)) }
            if !options.allowFailures {
                state.problems = fail(problems, summary: "error: the site was not built: \(problems.count) problem\(problems.count == 1 ? "" : "s") while rendering")
                return .stop
            }
        }
        var files = site.files
        files[Self.marker] = Array("This folder is a site written by `course build`; the next build replaces it whole.\n".utf8)
        for image in site.images {
            let source = URL(fileURLWithPath: image, relativeTo: URL(fileURLWithPath: layout.lessonsFolder + "/")).standardizedFileURL.path
            guard !image.hasPrefix("/"), source.hasPrefix(layout.lessonsFolder + "/"),
                  let data = FileManager.default.contents(atPath: source)
            else {
                log("warning: the image \(image) is not a file under \(layout.display(layout.lessonsFolder)): it is left out of the site")
                continue
            }
            files[String(source.dropFirst(layout.lessonsFolder.count + 1))] = [UInt8](data)
        }
        state.files = files
        return .proceed
    }

    private func fail(_ problems: [Diagnostic], summary: String? = nil) -> [Diagnostic] {
        let style = ConsoleStyle(color: options.color)
        if summary == nil { for problem in problems { log(style.error(problem)) } }
        if let summary { log(summary) }
        return problems
    }

    /// Why `output` must not be written, if it must not: it is `/`, the home folder, the
    /// course root or a folder above it, or a folder that holds files and no site marker.
    static func refusal(output: String, root: String, display: (String) -> String) -> Diagnostic? {
        let output = resolved(output), root = resolved(root)
        let home = resolved(FileManager.default.homeDirectoryForCurrentUser.path)
        if output == "/" || output == home || output == root || root.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
            return Diagnostic(.build, at: nil, "refusing to write the site into \(output): it would replace the course or a folder above it (use --output DIR)")
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: output, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            return Diagnostic(.build, at: nil, "refusing to write the site into \(display(output)): it is a file")
        }
        let contents = (try? manager.contentsOfDirectory(atPath: output)) ?? []
        if contents.isEmpty || contents.contains(marker) { return nil }
        return Diagnostic(
            .build, at: nil,
            "refusing to write the site into \(display(output)): it holds files that `course build` did not write (no \(marker) in it); remove it or choose another --output")
    }

    /// The path with symbolic links resolved, so `/tmp/x` and `/private/tmp/x` compare equal.
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Writes `files` into a fresh folder beside `output`, then replaces `output` with it.
    static func write(_ files: [String: [UInt8]], to output: String) throws(Diagnostic) {
        let manager = FileManager.default
        do {
            let staged = try StagedFolder(for: output)
            do {
                for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
                    let target = staged.path + "/" + path
                    try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try Data(bytes).write(to: URL(fileURLWithPath: target))
                }
            } catch {
                staged.discard()
                throw AtomicFile.Failure(description: error.localizedDescription)
            }
            try staged.replace()
        } catch {
            throw Diagnostic(.build, at: nil, "cannot write the site: \(error)")
        }
    }
}

/// What `course build`'s steps work on: the check's state, then the theme and the site's files.
struct BuildState: CheckingContext {
    var check: CheckState
    /// The course, with the theme and output folders the command gave.
    var layout: CourseLayout
    var theme: Theme?
    var files: [String: [UInt8]] = [:]
    /// What stopped the build.
    var problems: [Diagnostic] = []

    init(check: CheckState, layout: CourseLayout) {
        self.check = check
        self.layout = layout
    }
}
