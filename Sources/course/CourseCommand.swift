import ArgumentParser

@main
struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course",
        abstract: "Check, build and read a literate Swift course whose every example runs.",
        subcommands: [
            CheckCommand.self, BuildCommand.self, ServeCommand.self, ListCommand.self, ReadCommand.self,
            ExerciseCommand.self, InitCommand.self,
        ]
    )
}
