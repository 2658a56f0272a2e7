import CourseModel
import Foundation
import Testing
@testable import CoursePipeline
import TestSupport

/// `course init`: what it writes passes `course check` and `course build` at once, and it
/// never overwrites a file.
@Suite(.offThePool) struct CourseInitTests {
    @Test func aNewCoursePassesCheckAndBuildAtOnce() throws {
        let parent = temporaryFolder("course-init")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let written = try CourseInit.run(directory: "my-first-course", workingDirectory: parent)
        #expect(written.library == "MyFirstCourse")
        #expect(written.files == [
            "my-first-course/.gitignore", "my-first-course/Lessons/01-first-steps.md", "my-first-course/Lessons/index.md",
            "my-first-course/Package.swift", "my-first-course/Sources/MyFirstCourse/Statistics.swift", "my-first-course/course.yml",
        ])
        let root = parent + "/my-first-course"

        let (report, text) = check(root)
        #expect(text == """
            ✓ Lessons/01-first-steps.md  5 cells
            5 passed, 0 failed

            """)
        #expect(report.title == "MyFirstCourse")

        let (problems, log) = build(root, output: root + "/_site")
        #expect(problems.isEmpty, "\(log)")
        // Without a Site/ folder of its own, the course is built with the built-in theme.
        #expect(read(root + "/_site/01-first-steps.html").contains("First steps"))
        #expect(FileManager.default.fileExists(atPath: root + "/_site/assets/style.css"))
    }

    @Test func itNeverOverwritesAFile() throws {
        let root = temporaryFolder("course-init-existing")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/Lessons", withIntermediateDirectories: true)
        try "# My own landing page\n".write(toFile: root + "/Lessons/index.md", atomically: true, encoding: .utf8)
        try "my ignores\n".write(toFile: root + "/.gitignore", atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic(.load, at: nil, "not initialized: .gitignore, Lessons/index.md already exist; nothing was written (course init never overwrites a file)")) {
            try CourseInit.run(directory: ".", library: "Mine", workingDirectory: root)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [".gitignore", "Lessons"])
        #expect(read(root + "/Lessons/index.md") == "# My own landing page\n")
    }

    @Test func moduleNamesComeFromTheFolder() {
        #expect(CourseTemplate.moduleName(forFolder: "my-first-course") == "MyFirstCourse")
        #expect(CourseTemplate.moduleName(forFolder: "2024 notes") == "Course2024Notes")
        #expect(CourseTemplate.moduleName(forFolder: "swift") == "SwiftLibrary")
        #expect(!CourseTemplate.isModuleName("my-lib"))
    }
}
