import ArgumentParser
import CoursePipeline
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons with their title, number of cells and status from the last check."
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        do {
            let rows = try CourseList.rows(root: common.root)
            print(CourseList.table(rows, color: common.color.enabled(forDescriptor: 1)), terminator: "")
        } catch {
            print("error: \(error.message)")
            throw ExitCode.failure
        }
    }
}
