import Foundation

/// The built site's folder, and the one rule for which of its files a URL path may reach:
/// paths with `..` segments (also percent-encoded), backslashes or NUL are refused, and a file
/// reached through a symbolic link that points outside the folder is refused.
public struct SiteFolder: Sendable {
    public let root: String

    public init(_ root: String) {
        self.root = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
    }

    public enum Resolution: Equatable, Sendable {
        case file(String)
        case missing
        case refused
    }

    /// Maps a request path (percent-encoded, as sent) to a file inside the root, or refuses it.
    public func resolve(_ rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/"), let path = Self.percentDecoded(rawPath), !path.contains("\\") else { return .refused }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return .refused }
        var candidate = root + "/" + segments.joined(separator: "/")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), isFolder.boolValue {
            candidate += "/index.html"
        }
        guard FileManager.default.fileExists(atPath: candidate) else { return .missing }
        let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return .refused }
        return .file(real)
    }

    /// Percent-decodes a URL path once; nil for malformed escapes or a decoded NUL.
    static func percentDecoded(_ path: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(path.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    public static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "txt", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
