import CourseModel
import Foundation

/// The runner's support module, `CourseSupport` (`Runtime/CourseSupport.swift`, a resource of
/// this module): compiled first into every lesson library build, imported by every generated
/// lesson program. The stream protocol it writes (`CourseRuntimeEvent`) is read back by
/// `CellOutputCollector`.
enum RuntimeSupport {
    static let moduleName = "CourseSupport"

    /// The module's source, as shipped with the runner.
    static func source() throws(Diagnostic) -> String {
        guard let url = Bundle.module.url(forResource: moduleName, withExtension: "swift"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw Diagnostic(.compile, at: nil,
                "the runner's support module (\(moduleName).swift) is missing from its resources in \(Bundle.module.bundlePath)")
        }
        return text
    }
}
