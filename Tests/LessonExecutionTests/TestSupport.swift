import CourseModel
import Foundation
@testable import LessonExecution

/// The repository's `Tests/Fixtures` folder.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

/// A lesson built by hand: cell i opens at line 10·i + 1, its code starts on the next line.
func lesson(_ cells: [(attributes: Set<CellAttribute>, code: String)], path: String = "Lessons/01-test.md",
            timeout: Double? = nil) -> Lesson {
    let built = cells.enumerated().map { index, cell in
        let opening = 10 * index + 1
        let lines = cell.code.split(separator: "\n", omittingEmptySubsequences: false).count
        return Cell(index: index, attributes: cell.attributes, code: cell.code + "\n",
                    span: FenceSpan(openingLine: opening, closingLine: opening + lines + 1, fence: "```", linePrefix: ""),
                    codeColumnOffset: 0, output: nil, path: path)
    }
    return Lesson(path: path, source: "", frontMatter: FrontMatter(timeout: timeout), document: .document([]), cells: built)
}

/// The fixture library, built once for every test of the process.
let fixtureRunner = Result { () throws -> LessonRunner in
    let toolchain = try Toolchain.detect()
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("course-execution-tests").path
    let library = try LessonLibrary.build(layout: CourseLayout(root: fixtures + "/library"), cache: cache, toolchain: toolchain)
    return LessonRunner(library: library, toolchain: toolchain, layout: CourseLayout(root: fixtures + "/library"), cache: cache)
}

/// A runner over the fixture library.
func makeRunner(outputLimit: Int = 1 << 20) throws -> LessonRunner {
    var runner = try fixtureRunner.get()
    runner.outputLimit = outputLimit
    return runner
}

extension LessonRunner {
    /// Tests of execution always execute: `run(useCache: false, lesson)`.
    func run(useCache: Bool, _ lesson: Lesson) -> LessonRun { run(lesson, useCache: useCache) }
}
