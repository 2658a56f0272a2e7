import CourseModel
import Foundation

/// The Swift compiler the runner uses, and what identifies it in cache keys.
public struct Toolchain: Sendable, Hashable {
    /// `swiftc`, or `$SWIFTC` when set.
    public var swiftc: String
    /// What `swiftc --version` prints: a different toolchain gives different cache keys.
    public var version: String
    /// The host processor's name and features: the library is built for this CPU.
    public var cpu: String

    /// Finds `swiftc` and asks it for its version.
    public static func detect() throws(Diagnostic) -> Toolchain {
        let swiftc = ProcessInfo.processInfo.environment["SWIFTC"] ?? "swiftc"
        do {
            let (termination, output) = try ChildProcess.capture(swiftc, ["--version"], timeout: 60)
            guard termination == .exited(0) else {
                throw Diagnostic(.compile, at: nil, "`\(swiftc) --version` failed", detail: output)
            }
            return Toolchain(swiftc: swiftc, version: output.trimmingCharacters(in: .whitespacesAndNewlines), cpu: hostCPU())
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic(.compile, at: nil, "cannot run the Swift compiler: \(error)")
        }
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
