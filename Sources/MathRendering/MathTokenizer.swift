/// One lexical unit of TeX math, with the UTF-8 offset where it starts.
struct MathToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `\name` (letters) or `\c` (one other character: `\,`, `\{`, `\\`...); the name without the backslash.
        case command(String)
        /// One letter, with any combining marks that follow it.
        case letter(String)
        /// Digits, with at most one decimal point between digits: `0.6`, `10`.
        case number(String)
        /// Any other character (`+`, `(`, `'`, `≤`...), with any combining marks that follow it.
        case symbol(String)
        case openBrace, closeBrace, superscript, `subscript`, ampersand
        /// `~`: a non-breaking space.
        case tilde
        case end
    }

    var kind: Kind
    var offset: Int
}

/// Splits TeX math into tokens on demand, skipping spaces and `%` comments.
///
/// The parser pulls tokens one at a time so that it can switch to reading raw text
/// (`\text{...}`, environment names) at the current position.
struct MathTokenizer {
    private let scalars: [Unicode.Scalar]
    /// UTF-8 offset of each scalar, plus one past the end.
    private let offsets: [Int]
    private var position = 0
    private var pending: [MathToken] = []

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.offsets = offsets
    }

    /// Rejects characters XML cannot hold (controls, noncharacters) anywhere, comments included.
    func checkCharacters() throws(MathError) {
        for index in scalars.indices {
            try checkAllowed(scalars[index], at: index)
        }
    }

    /// The UTF-8 offset just past the last character.
    var endOffset: Int { offsets[scalars.count] }

    /// The next token without consuming it.
    mutating func peek() throws(MathError) -> MathToken {
        if let token = pending.last { return token }
        let token = try scan()
        pending.append(token)
        return token
    }

    /// Consumes and returns the next token.
    mutating func next() throws(MathError) -> MathToken {
        if let token = pending.popLast() { return token }
        return try scan()
    }

    /// Puts a token back; it is returned by the next `peek()` or `next()`.
    mutating func pushBack(_ token: MathToken) {
        pending.append(token)
    }

    // MARK: Raw text

    /// Reads a `{...}` group as raw text (for `\text`, `\operatorname`, environment names):
    /// braces nest, `\{ \} \$ \% \& \_ \#` are the characters, `\ `, `\,`, `\;`, `\:`, `\\` and `~` are spaces.
    /// Without a brace, reads one character, like TeX.
    mutating func readRawGroup(for command: String, commandOffset: Int) throws(MathError) -> String {
        guard pending.isEmpty else {
            throw MathError(message: "missing argument for \\\(command)", offset: commandOffset)
        }
        skipSpaces()
        guard position < scalars.count else {
            throw MathError(message: "missing argument for \\\(command)", offset: commandOffset)
        }
        if scalars[position] != "{" {
            let scalar = scalars[position]
            if scalar == "}" || scalar == "\\" {
                throw MathError(message: "missing argument for \\\(command)", offset: offsets[position])
            }
            position += 1
            return String(scalar)
        }
        let open = position
        position += 1
        var text = ""
        var depth = 0
        while position < scalars.count {
            let scalar = scalars[position]
            switch scalar {
            case "{":
                depth += 1
                text.unicodeScalars.append(scalar)
                position += 1
            case "}":
                if depth == 0 {
                    position += 1
                    return text
                }
                depth -= 1
                text.unicodeScalars.append(scalar)
                position += 1
            case "\\":
                let start = position
                position += 1
                guard position < scalars.count else {
                    throw MathError(message: "missing } for { (the text ends with \\)", offset: offsets[open])
                }
                let escaped = scalars[position]
                if MathTokenizer.isASCIILetter(escaped) {
                    var name = ""
                    while position < scalars.count, MathTokenizer.isASCIILetter(scalars[position]) {
                        name.unicodeScalars.append(scalars[position])
                        position += 1
                    }
                    if name == "textbackslash" {
                        text += "\\"
                    } else {
                        throw MathError(message: "unsupported command \\\(name) in \\\(command)", offset: offsets[start])
                    }
                } else {
                    position += 1
                    switch escaped {
                    case "{", "}", "$", "%", "&", "_", "#": text.unicodeScalars.append(escaped)
                    case " ", ",", ";", ":", "\\", "\n", "\t", "\r": text += " "
                    case "!": break
                    default:
                        throw MathError(message: "unsupported command \\\(escaped) in \\\(command)", offset: offsets[start])
                    }
                }
            case "%":
                skipComment()
            case "~":
                text += "\u{A0}"
                position += 1
            case "\n", "\t", "\r":
                text += " "
                position += 1
            default:
                text.unicodeScalars.append(scalar)
                position += 1
            }
        }
        throw MathError(message: "missing } for {", offset: offsets[open])
    }

    /// Skips an optional `[...]` right here (the spacing argument of `\\[4pt]`).
    mutating func skipOptionalBracket() {
        guard pending.isEmpty else { return }
        let saved = position
        skipSpaces()
        guard position < scalars.count, scalars[position] == "[" else {
            position = saved
            return
        }
        var end = position + 1
        while end < scalars.count, scalars[end] != "]" {
            end += 1
        }
        if end < scalars.count {
            position = end + 1
        } else {
            position = saved
        }
    }

    // MARK: Scanning

    private mutating func skipSpaces() {
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                position += 1
            } else if scalar == "%" {
                skipComment()
            } else {
                return
            }
        }
    }

    private mutating func skipComment() {
        while position < scalars.count, scalars[position] != "\n" {
            position += 1
        }
    }

    private mutating func scan() throws(MathError) -> MathToken {
        skipSpaces()
        guard position < scalars.count else { return MathToken(kind: .end, offset: endOffset) }
        let start = position
        let offset = offsets[start]
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "\\":
            guard position < scalars.count else {
                throw MathError(message: "lone \\ at the end of the formula", offset: offset)
            }
            if MathTokenizer.isASCIILetter(scalars[position]) {
                var name = ""
                while position < scalars.count, MathTokenizer.isASCIILetter(scalars[position]) {
                    name.unicodeScalars.append(scalars[position])
                    position += 1
                }
                // `\operatorname*`, `\align*`-style starred names.
                if name == "operatorname", position < scalars.count, scalars[position] == "*" {
                    name += "*"
                    position += 1
                }
                return MathToken(kind: .command(name), offset: offset)
            }
            let escaped = scalars[position]
            if escaped == "\n" || escaped == "\t" || escaped == "\r" {
                position += 1
                return MathToken(kind: .command(" "), offset: offset)
            }
            position += 1
            return MathToken(kind: .command(String(escaped)), offset: offset)
        case "{": return MathToken(kind: .openBrace, offset: offset)
        case "}": return MathToken(kind: .closeBrace, offset: offset)
        case "^": return MathToken(kind: .superscript, offset: offset)
        case "_": return MathToken(kind: .`subscript`, offset: offset)
        case "&": return MathToken(kind: .ampersand, offset: offset)
        case "~": return MathToken(kind: .tilde, offset: offset)
        case "#", "$":
            throw MathError(message: "unexpected \(scalar) (write \\\(scalar) for the character)", offset: offset)
        default:
            break
        }
        if MathTokenizer.isDigit(scalar) || (scalar == "." && position < scalars.count && MathTokenizer.isDigit(scalars[position])) {
            var number = String(scalar)
            var seenPoint = scalar == "."
            while position < scalars.count {
                let next = scalars[position]
                if MathTokenizer.isDigit(next) {
                    number.unicodeScalars.append(next)
                    position += 1
                } else if next == ".", !seenPoint, position + 1 < scalars.count, MathTokenizer.isDigit(scalars[position + 1]) {
                    seenPoint = true
                    number.unicodeScalars.append(next)
                    position += 1
                } else {
                    break
                }
            }
            return MathToken(kind: .number(number), offset: offset)
        }
        var text = String(scalar)
        while position < scalars.count, MathTokenizer.isCombiningMark(scalars[position]) {
            text.unicodeScalars.append(scalars[position])
            position += 1
        }
        if MathTokenizer.isCombiningMark(scalar) || !scalar.properties.isAlphabetic {
            return MathToken(kind: .symbol(text), offset: offset)
        }
        return MathToken(kind: .letter(text), offset: offset)
    }

    /// Control characters and noncharacters cannot appear in XML; reject them here, once.
    private func checkAllowed(_ scalar: Unicode.Scalar, at index: Int) throws(MathError) {
        let value = scalar.value
        let isControl = value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D
        if isControl || value == 0x7F || (0x80...0x9F).contains(value) || scalar.properties.isNoncharacterCodePoint {
            let hex = String(value, radix: 16, uppercase: true)
            throw MathError(message: "unexpected control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)", offset: offsets[index])
        }
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
