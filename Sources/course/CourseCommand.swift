import ArgumentParser

@main
struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "course")
}
