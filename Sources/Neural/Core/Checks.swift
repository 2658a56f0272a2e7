/// Stops the program with `message` when `condition` is false, naming the caller's file and
/// line (the public API passes its own `file`/`line` defaults through, so a lesson's mistake
/// is reported at the lesson's line, even in optimized builds).
@inline(__always)
func check(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString, line: UInt
) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
