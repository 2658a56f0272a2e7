import CourseModel
import Foundation
import OutputChecking

/// Writes `--update`'s new output blocks into a lesson file: only when the file is still what
/// was read before the lesson ran, and atomically (a new file renamed over the old one), so an
/// interrupted update leaves the old file or the new one, never a mix.
enum OutputUpdater {
    /// Rewrites the blocks of `newOutputs` (cell index → text); returns the diagnostic that
    /// stopped it, if any.
    static func update(_ lesson: Lesson, at path: String, newOutputs: [Int: String]) -> Diagnostic? {
        let location = SourceLocation(path: lesson.path, line: 1)
        let updated = OutputPromoter.rewrite(source: lesson.source, lesson: lesson, newOutputs: newOutputs)
        guard updated != lesson.source else { return nil }
        guard let current = FileManager.default.contents(atPath: path), current == Data(lesson.source.utf8) else {
            return Diagnostic(.update, at: location, "the file changed on disk while the lesson ran; not updated (run the check again)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/." + (path as NSString).lastPathComponent + ".course-update-\(getpid())"
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(updated.utf8),
                                             attributes: attributes?[.posixPermissions].map { [.posixPermissions: $0] }) else {
            return Diagnostic(.update, at: location, "cannot write \(temporary); the lesson was not updated")
        }
        if let handle = FileHandle(forUpdatingAtPath: temporary) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            return Diagnostic(.update, at: location, "cannot replace the lesson file: \(reason); it was not updated")
        }
        return nil
    }
}
