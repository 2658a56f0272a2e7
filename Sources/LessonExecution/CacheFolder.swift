import Foundation
import Plumbing

/// Keeps a cache folder bounded: entries beyond the most recently used `limit` are removed.
/// Entries whose names start with "." (builds in progress) are left alone.
enum CacheFolder {
    static func keepNewest(_ limit: Int, in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let entries = names.filter { !$0.hasPrefix(".") }
        guard entries.count > limit else { return }
        let dated = entries.map { name -> (String, Double) in
            (name, FileStamp(path: folder + "/" + name)?.date.timeIntervalSince1970 ?? 0)
        }.sorted { $0.1 > $1.1 }
        for (name, _) in dated.dropFirst(limit) { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
    }

    /// Marks an entry as just used, so pruning keeps it.
    static func touch(_ path: String) { utime(path, nil) }
}
