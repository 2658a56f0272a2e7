import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Splits Swift source into classified tokens with swift-syntax's classifier, for the site
/// (HTML spans) and the terminal (ANSI colors) alike.
public enum SwiftHighlighter {
    /// What a piece of source is, as a reader's eye groups it.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case keyword, type, identifier, string, number, comment, attribute, label, plain
    }

    public struct Token: Hashable, Sendable {
        public var kind: Kind
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// The tokens of `code`, in order; their texts joined give back `code` exactly.
    /// Neighbouring pieces of the same kind are merged.
    public static func tokens(in code: String) -> [Token] {
        let tree = Parser.parse(source: code)
        let bytes = Array(code.utf8)
        var tokens: [Token] = []
        var position = 0
        func add(_ kind: Kind, _ start: Int, _ end: Int) {
            guard end > start else { return }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            if let last = tokens.last, last.kind == kind {
                tokens[tokens.count - 1].text += text
            } else {
                tokens.append(Token(kind, text))
            }
        }
        for range in tree.classifications {
            let start = range.range.lowerBound.utf8Offset, end = range.range.upperBound.utf8Offset
            guard start >= position, end <= bytes.count else { continue }
            add(.plain, position, start)
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            add(kind(of: range.kind, text: text), start, end)
            position = end
        }
        add(.plain, position, bytes.count)
        return tokens
    }

    static func kind(of classification: SyntaxClassification, text: String) -> Kind {
        switch classification {
        case .keyword, .ifConfigDirective: return .keyword
        case .type: return .type
        case .identifier, .dollarIdentifier, .operator:
            // The classifier only knows a name is a type where grammar says so (`x: Tensor`);
            // Swift's naming convention tells the rest (`Tensor(...)`).
            if classification == .identifier, let first = text.first, first.isUppercase { return .type }
            return classification == .operator ? .plain : .identifier
        case .stringLiteral, .regexLiteral: return .string
        case .integerLiteral, .floatLiteral: return .number
        case .lineComment, .blockComment, .docLineComment, .docBlockComment: return .comment
        case .attribute: return .attribute
        case .argumentLabel: return .label
        case .none, .editorPlaceholder: return .plain
        @unknown default: return .plain
        }
    }
}
