import Foundation

/// Where everything of a course lives. The one place that knows the course's folders and
/// file names: the lessons and their data, the lesson library's sources, the theme, the built
/// site and its page names, the caches, the learner's workspace.
///
/// ```
/// <root>/course.yml          what the course says of itself     configuration (optional)
/// <root>/Lessons/            index.md + NN-slug.md lessons      lessonsFolder, lessonFiles()
/// <root>/Lessons/data/       files lesson code reads            dataFolder
/// <root>/Sources/NeuralKernels/  its matrix kernel, in C (optional)  libraryModules
/// <root>/Sources/Neural/     the lesson library (required)      libraryModules
/// <root>/Sources/Charts/     charts for lessons (optional)
/// <root>/Package.swift       with course.yml's `libraries:`, the library products lessons import
/// <root>/Site/               the theme                          themeFolder (or --theme)
/// <root>/_site/              the built site                     siteFolder (or --output)
/// <root>/.build/course/      caches                             cacheFolder
/// <root>/workspace/          the learner's files and progress   workspaceFolder
/// ```
public struct CourseLayout: Sendable, Hashable {
    /// Absolute path of the course root.
    public var root: String
    /// The directory paths are shown relative to (the working directory).
    public var displayBase: String
    /// The theme folder: `Site` under the root unless overridden (`--theme`).
    public var themeFolder: String
    /// Where the site is built: `_site` under the root unless overridden (`--output`).
    public var siteFolder: String
    /// What `course.yml` says (the defaults when the course has none).
    public var configuration: CourseConfiguration

    public init(root: String, displayBase: String? = nil, configuration: CourseConfiguration = CourseConfiguration()) {
        self.root = root
        self.displayBase = displayBase ?? root
        self.configuration = configuration
        themeFolder = root + "/Site"
        siteFolder = root + "/_site"
    }

    /// `course.yml`, whether or not the course has one.
    public var configurationFile: String { root + "/" + CourseConfiguration.fileName }
    /// The lessons' folder: `Lessons`, or `course.yml`'s `lessons:`.
    public var lessonsFolder: String { root + "/" + configuration.lessons }
    /// The course's `Package.swift`, whose library products `course.yml`'s `libraries:` names.
    public var packageManifest: String { root + "/Package.swift" }
    /// `Lessons/index.md`: the course's landing page.
    public var indexFile: String { lessonsFolder + "/index.md" }
    /// Files lesson code may read, by paths relative to the root (the programs' working directory).
    public var dataFolder: String { lessonsFolder + "/data" }
    /// Folder for the runner's caches (ignored by git).
    public var cacheFolder: String { root + "/.build/course" }
    /// The learner's files: exercises (`NN-slug/`), notebook edits, `progress.json`.
    public var workspaceFolder: String { root + "/workspace" }
    /// `workspace/progress.json`: which exercises the learner solved.
    public var progressFile: String { workspaceFolder + "/progress.json" }
    /// A lesson's notebook edits (the learner's code for its cells): `workspace/notebook/NN-slug.json`.
    public func notebookFile(for lesson: LessonFile) -> String { workspaceFolder + "/notebook/" + lesson.pageName + ".json" }
    /// `Sources/`: the library's modules, and system-library module maps (a BLAS shim, say).
    public var sourcesFolder: String { root + "/Sources" }

    /// The library modules the runner compiles for lessons to import, in build order, each
    /// with its source folder; `required` ones must exist. A module whose folder holds `.c`
    /// files is a C module (its headers and `module.modulemap` in `include/`, as SwiftPM lays
    /// out a C target). None for a course whose `course.yml` has `libraries:` (SwiftPM builds
    /// the products it names; `[]`: the lessons import no library of the course).
    public var libraryModules: [(name: String, folder: String, required: Bool)] {
        guard configuration.libraries == nil else { return [] }
        return [("NeuralKernels", sourcesFolder + "/NeuralKernels", false),
                ("Neural", sourcesFolder + "/Neural", true), ("Charts", sourcesFolder + "/Charts", false)]
    }

    /// The "edit this page" address of a lesson (or the landing page), from `course.yml`
    /// (`CourseConfiguration.editURLTemplate`, `{path}` relative to the course root); nil when
    /// the course gives none.
    public func editURL(for lesson: LessonFile) -> String? {
        configuration.editURL(forPath: rootRelative(lesson.path))
    }

    /// The folders whose files make the lesson library: `Sources/` for a course whose
    /// `course.yml` names `libraries:` (SwiftPM builds them), else the built-in modules'.
    public var librarySourceFolders: [String] {
        configuration.libraries?.isEmpty == false ? [sourcesFolder] : libraryModules.map(\.folder)
    }

    /// The theme and site folders given on the command line (relative to the working
    /// directory), instead of the defaults.
    public func overriding(theme: String? = nil, site: String? = nil) -> CourseLayout {
        var layout = self
        if let theme { layout.themeFolder = absolute(theme) }
        if let site { layout.siteFolder = absolute(site) }
        return layout
    }

    /// The course root is `override` if given, else the current folder or its nearest parent
    /// holding `course.yml` or `Lessons/`. The layout has the default configuration: reading
    /// `course.yml` is the pipeline's (`CoursePipeline`'s `CourseLayout.open`).
    public static func locate(from directory: String, override: String? = nil) throws(Diagnostic) -> CourseLayout {
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        func isCourse(_ folder: String) -> Bool {
            FileManager.default.fileExists(atPath: folder + "/" + CourseConfiguration.fileName) || isDirectory(folder + "/Lessons")
        }
        if let override {
            let root = URL(fileURLWithPath: override, relativeTo: URL(fileURLWithPath: base + "/")).standardizedFileURL.path
            guard isCourse(root) else {
                throw Diagnostic(.load, at: nil, "no course.yml or Lessons/ folder in \(override)")
            }
            return CourseLayout(root: root, displayBase: base)
        }
        var candidate = base
        while true {
            if isCourse(candidate) { return CourseLayout(root: candidate, displayBase: base) }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { break }
            candidate = parent
        }
        throw Diagnostic(.load, at: nil, "no course here: neither \(base) nor a parent folder holds course.yml or Lessons/ (use --root DIR)")
    }

    /// A lesson's Markdown file.
    public struct LessonFile: Hashable, Sendable, Codable {
        /// The number its name starts with (`01-perceptron.md` is 1).
        public var number: Int
        /// The name without number and extension (`perceptron`).
        public var slug: String
        public var path: String
        /// The path as diagnostics show it (relative to the working directory when inside it).
        public var displayPath: String

        /// The lesson file at `path`, if its name is a lesson's: `NN-slug.md`.
        public init?(path: String, displayPath: String) {
            let name = (path as NSString).lastPathComponent
            guard name.hasSuffix(".md"), let dash = name.firstIndex(of: "-"), let number = Int(name[..<dash]) else { return nil }
            self.init(number: number, slug: String(name[name.index(after: dash)..<name.index(name.endIndex, offsetBy: -3)]),
                      path: path, displayPath: displayPath)
        }

        /// A file named otherwise (the landing page, `index.md`, is number 0).
        public init(number: Int, slug: String, path: String, displayPath: String) {
            (self.number, self.slug, self.path, self.displayPath) = (number, slug, path, displayPath)
        }

        /// The file's name, `01-perceptron.md`.
        public var fileName: String { (path as NSString).lastPathComponent }
        /// The name without `.md` (`01-perceptron`): the lesson's page is `01-perceptron.html`,
        /// its workspace folder `workspace/01-perceptron/`.
        public var pageName: String {
            fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        }
    }

    /// `Lessons/index.md` as a lesson file (number 0), when the course has one.
    public var indexLessonFile: LessonFile? {
        guard FileManager.default.fileExists(atPath: indexFile) else { return nil }
        return LessonFile(number: 0, slug: "index", path: indexFile, displayPath: display(indexFile))
    }

    /// The numbered lessons (`NN-slug.md`) in `Lessons/`, in order.
    public func lessonFiles() throws(Diagnostic) -> [LessonFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: lessonsFolder)
        } catch {
            throw Diagnostic(.load, at: nil, "cannot list \(display(lessonsFolder)): \(error.localizedDescription)")
        }
        let files = names.compactMap { name in
            LessonFile(path: lessonsFolder + "/" + name, displayPath: display(lessonsFolder + "/" + name))
        }
        guard !files.isEmpty else {
            throw Diagnostic(.load, at: nil, "no lessons in \(display(lessonsFolder)): lesson files are named like 01-perceptron.md")
        }
        return files.sorted { ($0.number, $0.slug) < ($1.number, $1.slug) }
    }

    /// The lessons named by `selectors` (a number, a slug, a file name or a path), in course
    /// order; all of them when there is no selector.
    public func select(_ selectors: [String], from files: [LessonFile]) throws(Diagnostic) -> [LessonFile] {
        guard !selectors.isEmpty else { return files }
        var chosen = Set<LessonFile>()
        for selector in selectors {
            let absolute = absolute(selector)
            let matches = files.filter { file in
                Int(selector) == file.number || selector == file.slug || selector == file.fileName || absolute == file.path
            }
            guard !matches.isEmpty else {
                let known = files.map { "\($0.number) (\($0.slug))" }.joined(separator: ", ")
                throw Diagnostic(.load, at: nil, "no lesson '\(selector)' (lessons: \(known))")
            }
            chosen.formUnion(matches)
        }
        return files.filter(chosen.contains)
    }

    /// The one lesson `selector` names.
    public func lesson(_ selector: String) throws(Diagnostic) -> LessonFile {
        let files = try select([selector], from: try lessonFiles())
        guard files.count == 1 else { throw Diagnostic(.load, at: nil, "'\(selector)' names \(files.count) lessons: name one") }
        return files[0]
    }

    /// `path` relative to the working directory when it lies inside it.
    public func display(_ path: String) -> String {
        let prefix = displayBase.hasSuffix("/") ? displayBase : displayBase + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// `path` relative to the course root when it lies inside it (how lesson programs, which
    /// run in the root, name files).
    public func rootRelative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    /// `path` made absolute against the working directory.
    public func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: displayBase + "/")).standardizedFileURL.path
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
