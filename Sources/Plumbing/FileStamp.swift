import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's size and modification time, to nanoseconds: any save changes it. How watchers
/// notice edits (the exercise loop, the reader, `course serve`) and how cache keys cover data
/// files without hashing them.
public struct FileStamp: Hashable, Sendable, CustomStringConvertible {
    public var size: Int64
    public var seconds: Int
    public var nanoseconds: Int

    /// The stamp of the file at `path` (links followed), or nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        size = Int64(info.st_size)
        seconds = Int(modified.tv_sec)
        nanoseconds = Int(modified.tv_nsec)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether it is a plain file (not a folder, device or socket).
    public var isRegularFile: Bool

    /// When the file was last modified.
    public var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9) }

    /// `size seconds.nanoseconds`.
    public var description: String { "\(size) \(seconds).\(nanoseconds)" }

    /// The stamp of every plain file under `folders` (recursively), by path.
    public static func stamps(under folders: [String]) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
            for case let relative as String in enumerator {
                let path = folder + "/" + relative
                if let stamp = FileStamp(path: path), stamp.isRegularFile { stamps[path] = stamp }
            }
        }
        return stamps
    }
}
