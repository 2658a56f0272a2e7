import CourseModel
import Foundation
import Plumbing

/// The Swift compiler the runner uses, and what identifies it in cache keys.
public struct Toolchain: Sendable, Hashable {
    /// `swiftc`, or `$SWIFTC` when set.
    public var swiftc: String
    /// What `swiftc --version` prints: a different toolchain gives different cache keys.
    public var version: String
    /// The host processor's name and features: the library is built for this CPU.
    public var cpu: String

    /// Finds `swiftc` and asks it for its version, or reads the answer remembered in `cache`
    /// for the same compiler file (same path, size and modification time).
    public static func detect(cache: String? = nil) throws(Diagnostic) -> Toolchain {
        let swiftc = ProcessInfo.processInfo.environment["SWIFTC"] ?? "swiftc"
        let identity = resolve(swiftc).map(fileIdentity)
        let remembered = cache.map { $0 + "/toolchain.json" }
        if let identity, let remembered, let data = FileManager.default.contents(atPath: remembered),
           let saved = try? JSONDecoder().decode([String: String].self, from: data),
           saved["identity"] == identity, let version = saved["version"] {
            return Toolchain(swiftc: swiftc, version: version, cpu: hostCPU())
        }
        let version: String
        do {
            let (termination, output) = try ChildProcess.capture(swiftc, ["--version"], timeout: 60)
            guard termination == .exited(0) else {
                throw Diagnostic(.compile, at: nil, "`\(swiftc) --version` failed", detail: output)
            }
            version = output.trimmingCharacters(in: .whitespacesAndNewlines)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic(.compile, at: nil, "cannot run the Swift compiler: \(error)")
        }
        if let identity, let remembered, let data = try? JSONEncoder().encode(["identity": identity, "version": version]) {
            try? AtomicFile.write(data, to: remembered)
        }
        return Toolchain(swiftc: swiftc, version: version, cpu: hostCPU())
    }

    /// The C compiler for a library's C module: the `clang` beside `swiftc` (every Swift
    /// toolchain ships one, matching its Clang importer), else `clang` in PATH.
    public var clang: String {
        if let swiftc = Self.resolve(swiftc) {
            let sibling = URL(fileURLWithPath: swiftc).deletingLastPathComponent().appendingPathComponent("clang").path
            if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        }
        return "clang"
    }

    /// SwiftPM's driver for a course's `libraries:`: the `swift` beside `swiftc`, else `swift` in PATH.
    public var swift: String {
        if let swiftc = Self.resolve(swiftc) {
            let sibling = URL(fileURLWithPath: swiftc).deletingLastPathComponent().appendingPathComponent("swift").path
            if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        }
        return "swift"
    }

    /// The compiler's file: `swiftc` looked up in PATH, links followed.
    static func resolve(_ command: String) -> String? {
        let candidates = command.contains("/") ? [command]
            : (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(command)" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        return URL(fileURLWithPath: found).resolvingSymlinksInPath().path
    }

    static func fileIdentity(_ path: String) -> String {
        FileStamp(path: path).map { "\(path) \($0)" } ?? path
    }

    static func hostCPU() -> String {
        #if os(Linux)
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) {
            let wanted = info.split(separator: "\n").filter { $0.hasPrefix("model name") || $0.hasPrefix("flags") }
            return Array(Set(wanted)).sorted().joined(separator: "\n")
        }
        #endif
        return ProcessInfo.processInfo.machineHardwareName
    }

    /// File name of a shared library for a module on this platform.
    static func sharedLibraryName(_ module: String) -> String {
        #if canImport(Darwin)
        return "lib\(module).dylib"
        #else
        return "lib\(module).so"
        #endif
    }
}

extension ProcessInfo {
    fileprivate var machineHardwareName: String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
