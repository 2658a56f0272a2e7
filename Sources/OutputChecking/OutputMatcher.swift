/// Decides whether a cell's actual output matches the `output` block its author wrote.
///
/// The rules (ARCHITECTURE.md, "The lesson format, rule by rule"; authors depend on them):
///
/// - **Lines.** "\r\n" counts as "\n". Trailing whitespace on each line, and trailing blank
///   lines, are ignored on both sides. Leading whitespace and blank lines elsewhere count.
/// - **`...` alone on a line** (leading and trailing whitespace aside) matches any number of
///   actual lines, including none. Several such lines may appear anywhere.
/// - **`...` inside a line** matches any text within that one line, possibly none.
/// - **Numbers.** A number token is `[-+]?digits(.digits)?([eE][-+]?digits)?`, not preceded
///   by a letter, digit, `_` or `.`, and not followed by a letter, digit or `_`, nor by a `.`
///   and a digit (so `x1`, `conv2d`, `1.2.3` and `v1.2.3` are plain text). In the actual line
///   the longest such token at the same position is taken. Right after a `...` inside a line
///   a number may also follow a `.` in the actual line (the dots absorbed by the wildcard),
///   so a line such as `0...100` matches itself.
///   - An expected number with a decimal point or an exponent matches an actual number that
///     agrees to the precision written: with `d` digits after the point and exponent `e`,
///     |actual − expected| ≤ 0.5·10^(e−d), plus a tiny relative allowance for binary
///     floating-point noise. `0.731` matches `0.7310586` and `0.7305`; `0.73106` does not
///     match `0.73112`; `1.0` matches `0.96` and `1.04` but not `0.94`; `1.5e-3` matches `0.00154`;
///     `-0.000` matches `0.0001`.
///   - An integer (no point, no exponent) matches only the same text: `3` matches `3`, not
///     `3.0` nor `+3`.
///   - `nan`, `inf` and anything else are plain text.
/// - **Everything else** is compared character by character.
public enum OutputMatcher {
    /// Whether `actual` matches `expected` under the rules above.
    public static func matches(expected: String, actual: String) -> Bool {
        Pattern(expected).matches(actual)
    }
}
