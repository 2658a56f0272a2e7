/// The little of HTTP/1.1 a static preview server needs: the request line and headers.
struct HTTPRequest: Hashable, Sendable {
    var method: String
    /// The path as sent, before decoding (`/lessons/01.html?x=1` gives `/lessons/01.html`).
    var rawPath: String
    var headers: [String: String]

    /// Parses the head of a request (everything before the blank line); nil if malformed.
    init?(head: String) {
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return nil }
        let parts = lines.removeFirst().split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        method = String(parts[0])
        let target = String(parts[1])
        rawPath = String(target.prefix { $0 != "?" && $0 != "#" })
        headers = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
}

/// Percent-decodes a URL path once; nil for malformed escapes or a decoded NUL.
func percentDecoded(_ path: String) -> String? {
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

import Foundation
