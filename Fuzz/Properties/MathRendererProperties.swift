import MathRendering

/// Properties of `MathRenderer`: the input (as text) is a TeX formula.
/// - Neither function crashes or hangs (libFuzzer's timeout finds hangs).
/// - `mathML` either throws a `MathError` whose offset lies in the formula (0...UTF-8 count)
///   with a message, or returns one `<math>` element (with `display="block"` exactly when
///   asked) that is well-formed XML: balanced tags, quoted attributes, every `<` and `&` in
///   text part of a tag or an entity.
/// - `unicode` returns text with no control characters other than "\n" that the formula did
///   not have.
enum MathRendererProperties {
    static func violations(_ data: [UInt8]) -> [String] {
        let tex = text(data)
        var problems: [String] = []
        for display in [false, true] {
            do {
                let xml = try MathRenderer.mathML(tex, display: display)
                let opening = display ? "<math display=\"block\"" : "<math"
                if !xml.hasPrefix(opening) { problems.append("mathML(display: \(display)) does not start with \(opening)") }
                if !display, xml.hasPrefix("<math display=\"block\"") { problems.append("inline mathML is a block") }
                if !xml.hasSuffix("</math>") { problems.append("mathML does not end with </math>") }
                if let error = XMLCheck.problem(in: xml) { problems.append("mathML is not well-formed XML: \(error)\n\(xml)") }
            } catch {
                if !(0...tex.utf8.count).contains(error.offset) {
                    problems.append("MathError offset \(error.offset) outside the formula (\(tex.utf8.count) bytes)")
                }
                if error.message.isEmpty { problems.append("MathError with an empty message") }
            }
        }
        let plain = MathRenderer.unicode(tex)
        for scalar in plain.unicodeScalars where scalar.properties.generalCategory == .control && scalar != "\n"
            && !tex.unicodeScalars.contains(scalar) {
            problems.append("unicode() produced the control character U+\(String(scalar.value, radix: 16))")
            break
        }
        if !problems.isEmpty { problems.append("tex: \(tex.debugDescription)") }
        return problems
    }
}

/// A small well-formedness check for the XML the renderers write: elements, attributes,
/// character and entity references, no comments, CDATA or processing instructions.
enum XMLCheck {
    static func problem(in xml: String) -> String? {
        let s = Array(xml.unicodeScalars)
        var i = 0
        var stack: [String] = []
        var roots = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ":" || c == "."
        }
        func name() -> String? {
            let start = i
            while i < s.count, isNameChar(s[i]) { i += 1 }
            return i > start ? String(String.UnicodeScalarView(s[start..<i])) : nil
        }
        func skipSpace() { while i < s.count, s[i] == " " || s[i] == "\n" || s[i] == "\t" { i += 1 } }
        func entity() -> String? {
            // At "&": a known entity or a character reference, up to ";".
            guard let semicolon = s[i...].firstIndex(of: ";"), semicolon - i <= 10 else { return "bare & at \(i)" }
            let body = String(String.UnicodeScalarView(s[(i + 1)..<semicolon]))
            let known = ["amp", "lt", "gt", "quot", "apos"].contains(body)
            let numeric = (body.hasPrefix("#x") && body.count > 2 && UInt32(body.dropFirst(2), radix: 16) != nil)
                || (body.hasPrefix("#") && body.count > 1 && UInt32(body.dropFirst()) != nil)
            guard known || numeric else { return "unknown entity &\(body); at \(i)" }
            i = semicolon + 1
            return nil
        }
        while i < s.count {
            let c = s[i]
            if c == "<" {
                i += 1
                if i < s.count, s[i] == "/" {
                    i += 1
                    guard let closing = name() else { return "bad closing tag at \(i)" }
                    skipSpace()
                    guard i < s.count, s[i] == ">" else { return "unterminated closing tag </\(closing) at \(i)" }
                    i += 1
                    guard stack.last == closing else { return "</\(closing)> closes <\(stack.last ?? "nothing")>" }
                    stack.removeLast()
                    continue
                }
                guard let element = name() else { return "bad tag name at \(i)" }
                if stack.isEmpty { roots += 1 }
                var attributes = Set<String>()
                while true {
                    let hadSpace = i < s.count && (s[i] == " " || s[i] == "\n" || s[i] == "\t")
                    skipSpace()
                    guard i < s.count else { return "unterminated tag <\(element)" }
                    if s[i] == ">" { i += 1; stack.append(element); break }
                    if s[i] == "/", i + 1 < s.count, s[i + 1] == ">" { i += 2; break }
                    guard hadSpace, let attribute = name() else { return "bad attribute in <\(element)> at \(i)" }
                    guard attributes.insert(attribute).inserted else { return "repeated attribute \(attribute) in <\(element)>" }
                    guard i + 1 < s.count, s[i] == "=", s[i + 1] == "\"" || s[i + 1] == "'" else {
                        return "attribute \(attribute) of <\(element)> without a quoted value"
                    }
                    let quote = s[i + 1]
                    i += 2
                    while i < s.count, s[i] != quote {
                        if s[i] == "<" { return "< in the value of \(attribute)" }
                        if s[i] == "&" { if let problem = entity() { return problem } } else { i += 1 }
                    }
                    guard i < s.count else { return "unterminated value of \(attribute)" }
                    i += 1
                }
            } else if c == "&" {
                if let problem = entity() { return problem }
            } else {
                if stack.isEmpty, !(c == " " || c == "\n") { return "text outside the root element at \(i)" }
                if c == ">" , i > 1, s[i - 1] == "]", s[i - 2] == "]" { return "]]> in text" }
                if c.value < 0x20, c != "\n", c != "\t", c != "\r" { return "control character U+\(String(c.value, radix: 16)) in XML" }
                i += 1
            }
        }
        if let open = stack.last { return "<\(open)> never closed" }
        if roots != 1 { return "\(roots) root elements" }
        return nil
    }
}
