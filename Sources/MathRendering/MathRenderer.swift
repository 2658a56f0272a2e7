// A stand-in for the real MathRendering (being written in its own branch), so that
// TerminalRendering compiles before it lands. Replaced by the real file at merge.

/// Renders TeX math for readers.
public enum MathRenderer {
    /// TeX turned into readable Unicode (the stand-in returns it unchanged).
    public static func unicode(_ tex: String) -> String { tex }
    /// TeX turned into MathML (the stand-in returns nothing).
    public static func mathML(_ tex: String, display: Bool) throws(MathError) -> String { "" }
}

/// TeX that cannot be rendered, with the offset of the problem.
public struct MathError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { message }
}
