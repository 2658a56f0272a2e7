import CourseModel
import Foundation
import Plumbing

/// `course init [DIR]`: writes a course that `course check` and `course build` accept at once:
/// a `Package.swift` with a small library, `course.yml` naming it, `Lessons/index.md` and a
/// first lesson whose cells pass (`CourseTemplate`). It never overwrites a file: when any file
/// it would write exists, it writes none and says which.
public enum CourseInit {
    /// What was written, as paths relative to the working directory.
    public struct Written: Sendable {
        public var folder: String
        public var files: [String]
        public var library: String
    }

    /// Writes the course into `directory` (created if needed).
    ///
    /// - Parameters:
    ///   - directory: The course's folder, relative to `workingDirectory`.
    ///   - library: The library's module name; default: made from the folder's name.
    public static func run(directory: String, library: String? = nil,
                           workingDirectory: String = FileManager.default.currentDirectoryPath) throws(Diagnostic) -> Written {
        let layout = CourseLayout(root: URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: workingDirectory + "/")).standardizedFileURL.path,
                                  displayBase: workingDirectory)
        let name = library ?? CourseTemplate.moduleName(forFolder: URL(fileURLWithPath: layout.root).lastPathComponent)
        guard CourseTemplate.isModuleName(name) else {
            throw Diagnostic(.load, at: nil, "'\(name)' cannot name a Swift module: use letters, digits and _, not starting with a digit (--library NAME)")
        }
        let files = CourseTemplate.files(library: name)
        let manager = FileManager.default
        let existing = files.keys.sorted().filter { manager.fileExists(atPath: layout.root + "/" + $0) }
        guard existing.isEmpty else {
            throw Diagnostic(.load, at: nil, "not initialized: \(existing.map { layout.display(layout.root + "/" + $0) }.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : ""); nothing was written (course init never overwrites a file)")
        }
        var written: [String] = []
        for (relative, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = layout.root + "/" + relative
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(text, to: path)
            } catch {
                throw Diagnostic(.load, at: nil, "cannot write \(layout.display(path)): \(error) (written before it: \(written.isEmpty ? "nothing" : written.joined(separator: ", ")))")
            }
            written.append(layout.display(path))
        }
        return Written(folder: layout.display(layout.root), files: written, library: name)
    }
}
