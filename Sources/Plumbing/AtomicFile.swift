import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file or a folder so that a reader (or a crash) sees the old one or the new one,
/// never a mix: everything is written beside the target under a name of its own, then renamed
/// over it in one step (rename(2) is atomic within a file system).
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Writes `bytes` to `path`: into a temporary file in the same folder (created if needed),
    /// flushed to disk, then renamed over `path`. An existing file's permissions are kept.
    public static func write(_ bytes: some Sequence<UInt8>, to path: String) throws(Failure) {
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).writing-\(getpid())-\(UUID().uuidString.prefix(8))"
        let permissions = (try? manager.attributesOfItem(atPath: path))?[.posixPermissions]
        guard manager.createFile(atPath: temporary, contents: Data(bytes),
                                 attributes: permissions.map { [.posixPermissions: $0] }) else {
            throw Failure(description: "cannot write \(temporary)")
        }
        if let handle = FileHandle(forUpdatingAtPath: temporary) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(atPath: temporary)
            throw Failure(description: "cannot replace \(path): \(reason)")
        }
    }

    /// Writes `text` as UTF-8 (see `write(_:to:)`).
    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }
}

/// A folder built aside and then moved into place whole: a library build, a compiled
/// program, a site. Made next to its target (same file system), named `.<name>.staging-…`, so
/// the cache pruning that skips dot-names never takes it.
public struct StagedFolder: Sendable {
    /// Where the folder is built.
    public let path: String
    /// Where it goes.
    public let target: String

    /// Creates an empty staging folder beside `target` (the parent is created if needed).
    public init(for target: String) throws(AtomicFile.Failure) {
        self.target = target
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        path = parent + "/.\(name).staging-\(getpid())-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw AtomicFile.Failure(description: "cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// Moves the folder into place when nothing is there yet. When the target exists already
    /// (another process built the same thing first), the staging folder is dropped and the
    /// existing one kept. Returns whether the target exists afterwards.
    @discardableResult
    public func publish() -> Bool {
        if rename(path, target) == 0 { return true }
        discard()
        return FileManager.default.fileExists(atPath: target)
    }

    /// Moves the folder into place, replacing whatever is there: the old folder is moved aside,
    /// the new one takes its name, the old one is removed. Between the two renames the target
    /// is briefly absent; a failure puts the old one back.
    public func replace() throws(AtomicFile.Failure) {
        let manager = FileManager.default
        let old = path + ".old"
        if manager.fileExists(atPath: target) {
            guard rename(target, old) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw AtomicFile.Failure(description: "cannot replace \(target): \(reason)")
            }
        }
        guard rename(path, target) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, target)
            discard()
            throw AtomicFile.Failure(description: "cannot move the new folder to \(target): \(reason)")
        }
        try? manager.removeItem(atPath: old)
    }

    /// Removes the staging folder (after a failure, or when it is not wanted).
    public func discard() { try? FileManager.default.removeItem(atPath: path) }
}
