/// A lesson's text split into lines the way cmark splits them: "\n", "\r\n" and a lone "\r"
/// each end a line. Line numbers are 1-based, as in cmark's source positions.
struct SourceLines {
    /// Each line's bytes, without its line ending.
    var lines: [[UInt8]]

    init(_ text: String) {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\n"):
                lines.append(current)
                current = []
            case UInt8(ascii: "\r"):
                if bytes.first == UInt8(ascii: "\n") { bytes.removeFirst() }
                lines.append(current)
                current = []
            default:
                current.append(byte)
            }
        }
        // A final line without a line ending still counts; an empty text has no line.
        if !current.isEmpty { lines.append(current) }
        self.lines = lines
    }

    var count: Int { lines.count }

    /// The bytes of 1-based line `number`, or empty past the end.
    subscript(number: Int) -> [UInt8] {
        number >= 1 && number <= lines.count ? lines[number - 1] : []
    }

    /// The text as cmark should read it: every line ended by "\n".
    static func joined(_ lines: [[UInt8]]) -> String {
        var bytes: [UInt8] = []
        for line in lines {
            bytes.append(contentsOf: line)
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension UInt8 {
    var isSpaceOrTab: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }
}

/// Whether a line holds only spaces and tabs.
func isBlank<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    bytes.allSatisfy(\.isSpaceOrTab)
}
