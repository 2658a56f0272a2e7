import CourseModel
import Foundation

/// Where a course lives: the root folder holding `Lessons/` (and the lesson library's
/// `Sources/Neural`), and the lesson files in course order.
public struct CourseLayout: Sendable {
    /// Absolute path of the course root.
    public var root: String
    /// The directory paths are shown relative to (the working directory).
    public var displayBase: String

    public var lessonsFolder: String { root + "/Lessons" }
    /// Folder for the runner's caches (ignored by git).
    public var cacheFolder: String { root + "/.build/course" }

    /// The course root is `override` if given, else the current folder or its nearest parent
    /// holding `Lessons/`.
    public static func locate(from directory: String, override: String? = nil) throws(Diagnostic) -> CourseLayout {
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        if let override {
            let root = URL(fileURLWithPath: override, relativeTo: URL(fileURLWithPath: base + "/")).standardizedFileURL.path
            guard isDirectory(root + "/Lessons") else {
                throw Diagnostic(.load, at: nil, "no Lessons/ folder in \(override)")
            }
            return CourseLayout(root: root, displayBase: base)
        }
        var candidate = base
        while true {
            if isDirectory(candidate + "/Lessons") { return CourseLayout(root: candidate, displayBase: base) }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { break }
            candidate = parent
        }
        throw Diagnostic(.load, at: nil, "no course here: neither \(base) nor a parent folder holds Lessons/ (use --root DIR)")
    }

    /// A lesson's Markdown file.
    public struct LessonFile: Hashable, Sendable {
        /// The number its name starts with (`01-perceptron.md` is 1).
        public var number: Int
        /// The name without number and extension (`perceptron`).
        public var slug: String
        public var path: String
        /// The path as diagnostics show it (relative to the working directory when inside it).
        public var displayPath: String
    }

    /// The numbered lessons (`NN-slug.md`) in `Lessons/`, in order.
    public func lessonFiles() throws(Diagnostic) -> [LessonFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: lessonsFolder)
        } catch {
            throw Diagnostic(.load, at: nil, "cannot list \(display(lessonsFolder)): \(error.localizedDescription)")
        }
        let files = names.compactMap { name -> LessonFile? in
            guard name.hasSuffix(".md"), let dash = name.firstIndex(of: "-"), let number = Int(name[..<dash]) else { return nil }
            let slug = String(name[name.index(after: dash)..<name.index(name.endIndex, offsetBy: -3)])
            let path = lessonsFolder + "/" + name
            return LessonFile(number: number, slug: slug, path: path, displayPath: display(path))
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
            let absolute = URL(fileURLWithPath: selector, relativeTo: URL(fileURLWithPath: displayBase + "/")).standardizedFileURL.path
            let matches = files.filter { file in
                Int(selector) == file.number || selector == file.slug || selector == (file.path as NSString).lastPathComponent
                    || absolute == file.path
            }
            guard !matches.isEmpty else {
                let known = files.map { "\($0.number) (\($0.slug))" }.joined(separator: ", ")
                throw Diagnostic(.load, at: nil, "no lesson '\(selector)' (lessons: \(known))")
            }
            chosen.formUnion(matches)
        }
        return files.filter(chosen.contains)
    }

    /// `path` relative to the working directory when it lies inside it.
    public func display(_ path: String) -> String {
        let prefix = displayBase.hasSuffix("/") ? displayBase : displayBase + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
