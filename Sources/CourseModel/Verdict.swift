/// A cell's verdict: what `course check` reports and counts.
public enum Verdict: Hashable, Sendable, Codable {
    case passed
    case failed([Diagnostic])
    /// Not run because something before it failed (the reason names it).
    case skipped(String)
}
