import CourseModel
import Foundation
import LessonParsing
import SiteRendering
import Plumbing

/// `course build`: check the course (running or reusing every lesson's outputs), render it
/// to a static site with the course's theme, and write the site into the output folder in
/// one swap. Reads top to bottom as the list of its steps.
public struct CourseBuild: Sendable {
    public struct Options: Sendable {
        public var root: String?
        /// Where the site goes; relative paths are from the working directory. Default `_site`
        /// under the course root.
        public var output: String?
        /// The theme folder; default `Site` under the course root.
        public var theme: String?
        /// Build even when checks fail, marking the failed cells on the pages.
        public var allowFailures = false
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var timeout: Double?
        public var color = false
        public var workingDirectory = FileManager.default.currentDirectoryPath
        public var cacheFolder: String?

        public init() {}
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
        let layout: CourseLayout
        do {
            layout = try CourseLayout.locate(from: options.workingDirectory, override: options.root)
        } catch {
            return fail([error])
        }
        let output = Self.absolute(options.output ?? layout.root + "/_site", base: options.workingDirectory)
        let themeFolder = Self.absolute(options.theme ?? layout.root + "/Site", base: options.workingDirectory)

        // Refuse a bad output folder before spending time on the lessons.
        if let problem = Self.refusal(output: output, root: layout.root, display: layout.display) { return fail([problem]) }
        let theme: Theme
        do {
            theme = try Theme.load(from: themeFolder)
        } catch {
            return fail([error])
        }

        // [check] Every lesson runs (or its cached outputs are reused) and is judged.
        var checkOptions = CourseCheck.Options()
        checkOptions.root = layout.root
        checkOptions.jobs = options.jobs
        checkOptions.timeout = options.timeout
        checkOptions.color = options.color
        checkOptions.workingDirectory = options.workingDirectory
        checkOptions.cacheFolder = options.cacheFolder
        checkOptions.stepCount = 6
        let report = CourseCheck(options: checkOptions, log: log).run()
        if !report.problems.isEmpty || (!report.succeeded && !options.allowFailures) {
            log("error: the site was not built: the course has failing checks (build with --allow-failures to mark them on the pages instead)")
            return report.problems + report.lessons.flatMap(\.diagnostics)
        }

        // [render]
        log("[5/6] Rendering the site")
        var problems: [Diagnostic] = []
        var index: Lesson?
        let indexPath = layout.lessonsFolder + "/index.md"
        if FileManager.default.fileExists(atPath: indexPath) {
            let file = CourseLayout.LessonFile(number: 0, slug: "index", path: indexPath, displayPath: layout.display(indexPath))
            switch LessonLoader.load(file) {
            case .success(let lesson): index = lesson
            case .failure(let diagnostics): problems += diagnostics.all
            }
        }
        var pages: [SiteCourse.LessonPage] = []
        for lesson in report.lessons {
            guard let parsed = lesson.lesson else {
                log("warning: \(lesson.file.displayPath) is left out of the site: it could not be read")
                continue
            }
            var verdicts: [Int: Verdict] = [:]
            for (cell, verdict) in lesson.verdicts { verdicts[cell.index] = verdict }
            let name = String((lesson.file.path as NSString).lastPathComponent.dropLast(3))
            pages.append(SiteCourse.LessonPage(
                lesson: parsed, number: lesson.file.number, name: name, run: lesson.run, verdicts: verdicts,
                problems: lesson.problems))
        }
        let site: RenderedSite
        do {
            site = try SiteRenderer(theme: theme).render(SiteCourse(index: index, lessons: pages))
        } catch {
            return fail(problems + [error])
        }
        problems += site.problems
        let style = ConsoleStyle(color: options.color)
        if !problems.isEmpty {
            for problem in problems { log(style.error(problem)) }
            if !options.allowFailures {
                return fail(problems, summary: "error: the site was not built: \(problems.count) problem\(problems.count == 1 ? "" : "s") while rendering")
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

        // [write] Into a staging folder beside the output, then swapped in.
        log("[6/6] Writing \(files.count) files to \(layout.display(output))")
        do {
            try Self.write(files, to: output)
        } catch {
            return fail([error])
        }
        log(style.passed("Built \(pages.count) lesson\(pages.count == 1 ? "" : "s") into \(layout.display(output))/index.html"))
        return []
    }

    private func fail(_ problems: [Diagnostic], summary: String? = nil) -> [Diagnostic] {
        let style = ConsoleStyle(color: options.color)
        if summary == nil { for problem in problems { log(style.error(problem)) } }
        if let summary { log(summary) }
        return problems
    }

    static func absolute(_ path: String, base: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base + "/")).standardizedFileURL.path
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
