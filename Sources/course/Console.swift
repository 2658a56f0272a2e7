import Foundation

/// Writes a line to standard output at once (not held in a buffer), so progress shows up
/// live when output goes to a pipe or a file, as in CI or `course serve > log`.
@Sendable func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
