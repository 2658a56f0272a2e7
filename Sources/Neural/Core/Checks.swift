#if canImport(Runtime)
import Runtime
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the program with `message` when `condition` is false, naming the caller's file and
/// line, so a lesson's mistake is reported at the lesson's line, even in optimized builds.
///
/// The public API passes its own `file`/`line` defaults through. Where a call cannot carry
/// them (an operator such as `a + b`, `model(x)` through the `Module` protocol) the location
/// given is the library's own, and the caller is found on the stack instead: the first frame
/// with a source location outside `Sources/Neural` (see `misuseLocation`).
@inline(__always)
func check(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString, line: UInt
) {
    if !condition() { misuse(message(), file: file, line: line) }
}

/// Stops the program: `path:line: Fatal error: message` on standard error, at the caller's
/// location (see `check`).
@inline(never)
func misuse(_ message: String, file: StaticString, line: UInt) -> Never {
    guard isLibraryFile("\(file)"), let caller = callerOutsideLibrary() else {
        fatalError(message, file: file, line: line)
    }
    // The runtime's own format, so what reads its messages (the course runner) reads this too.
    let text = Array("\(caller.path):\(caller.line): Fatal error: \(message)\n".utf8)
    fflush(nil)  // what the program printed before comes first
    _ = text.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    abort()
}

/// The folder of the library's sources (`…/Sources/Neural/`), from this file's path.
private let librarySourceFolder: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(2)  // Core/Checks.swift
    return parts.joined(separator: "/") + "/"
}()

func isLibraryFile(_ path: String) -> Bool { path.hasPrefix(librarySourceFolder) }

/// The innermost frame of the calling code that has a source location and is not the
/// library's: where a misuse really is. Nil when the platform cannot say.
func callerOutsideLibrary() -> (path: String, line: Int)? {
    #if canImport(Runtime)
    if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
        guard let frames = (try? Backtrace.capture())?.symbolicated()?.frames else { return nil }
        for frame in frames {
            // Compiler-made code (thunks, macro expansions) has no line a reader wrote.
            guard let location = frame.symbol?.sourceLocation, location.line > 0, !location.path.isEmpty,
                  !isLibraryFile(location.path), !location.path.contains("<compiler-generated>"),
                  !location.path.contains("@__swiftmacro_") else { continue }
            return (location.path, location.line)
        }
    }
    #endif
    return nil
}
