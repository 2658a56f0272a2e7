import CourseModel
import Foundation
import OutputChecking
import Plumbing

/// Writes `--update`'s new output blocks into a lesson file: only when the file is still what
/// was read before the lesson ran, and atomically (a new file renamed over the old one), so an
/// interrupted update leaves the old file or the new one, never a mix.
enum OutputUpdater {
    /// Rewrites the blocks of `newOutputs` (cell index → text) and the `// Prints` comments of
    /// `newPrints` (cell index → expectation index → text); returns the diagnostic that
    /// stopped it, if any.
    static func update(_ lesson: Lesson, at path: String, newOutputs: [Int: String],
                       newPrints: [Int: [Int: String]] = [:]) -> Diagnostic? {
        let location = SourceLocation(path: lesson.path, line: 1)
        let updated = OutputPromoter.rewrite(source: lesson.source, lesson: lesson, newOutputs: newOutputs, newPrints: newPrints)
        guard updated != lesson.source else { return nil }
        guard let current = FileManager.default.contents(atPath: path), current == Data(lesson.source.utf8) else {
            return Diagnostic(.update, at: location, "the file changed on disk while the lesson ran; not updated (run the check again)")
        }
        do {
            try AtomicFile.write(updated, to: path)
        } catch {
            return Diagnostic(.update, at: location, "\(error); the lesson was not updated")
        }
        return nil
    }
}
