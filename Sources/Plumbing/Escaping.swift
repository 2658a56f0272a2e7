/// Escaping text for the formats the project writes: HTML (pages, MathML), XML (JUnit
/// reports) and Swift string literals (generated lesson programs). Every text that comes from
/// a lesson or a run goes through one of these before it is written into markup or code.
public enum Escape {
    /// Text for HTML (or MathML) content and attribute values: `& < > " '`.
    public static func html(_ text: String) -> String { replacing(in: text, htmlEntities) }

    /// Text for XML 1.0 content and attribute values; characters XML cannot hold (most
    /// control characters, U+FFFE/U+FFFF) become U+FFFD.
    public static func xml(_ text: String) -> String {
        replacing(in: text, htmlEntities.merging(["'": "&apos;"]) { _, xml in xml }) { scalar in
            let value = scalar.value
            let allowed = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || value >= 0x10000
            return allowed ? nil : "\u{FFFD}"
        }
    }

    /// A Swift string literal (with its quotes) that evaluates to `text`.
    public static func swiftStringLiteral(_ text: String) -> String {
        "\"" + replacing(in: text, ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r"]) + "\""
    }

    static let htmlEntities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]

    /// `text` with each scalar in `table` replaced, and each one `other` has a replacement for.
    static func replacing(
        in text: String, _ table: [Unicode.Scalar: String], other: (Unicode.Scalar) -> String? = { _ in nil }
    ) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let replacement = table[scalar] ?? other(scalar) {
                escaped += replacement
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
