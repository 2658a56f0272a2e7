/// A number written in output text: `[-+]?digits(.digits)?([eE][-+]?digits)?`, standing on its
/// own (see `NumberToken.scan(_:at:)` for what "on its own" means).
struct NumberToken: Hashable, Sendable {
    /// The token exactly as written.
    var text: String
    /// Its value (finite for any token the grammar admits, unless it overflows a Double).
    var value: Double
    /// Whether it has neither a decimal point nor an exponent: such numbers match only textually.
    var isInteger: Bool
    /// Half a unit in the last place the author wrote: `0.731` gives 0.0005, `1.5e-3` gives
    /// 0.00005, `2e3` gives 500. Zero for integers.
    var halfUnit: Double

    /// Whether `actual` agrees with this number to the precision it was written with.
    ///
    /// Integers compare as text. Otherwise |actual − self| ≤ halfUnit, with a tiny relative
    /// allowance so that binary floating-point noise on the boundary (`0.7305` against `0.731`)
    /// does not decide the result.
    func accepts(_ actual: NumberToken) -> Bool {
        if isInteger { return actual.text == text }
        guard value.isFinite, actual.value.isFinite else { return actual.text == text }
        let difference = abs(actual.value - value)
        let noise = halfUnit * 1e-9 + max(abs(actual.value), abs(value)) * 1e-12
        return difference <= halfUnit + noise
    }

    /// The number token that starts at `start` in `characters`, if there is one.
    ///
    /// The token is the longest that the grammar allows from `start`. It counts only if it stands
    /// on its own: it is not preceded by a letter, digit, `_` or `.`, and not followed by a
    /// letter, digit or `_`, nor by a `.` and a digit (so `x1`, `conv2d`, `1.2.3` and `v1.2.3`
    /// are text, while the `0.5` in `loss 0.5.` is a number). With `afterWildcard` (the token
    /// follows a `...` of the expected line) a preceding `.` is allowed: the wildcard may have
    /// absorbed the dots of `0...100`, whose `100` the expected line holds as a number.
    static func scan(_ characters: [Character], at start: Int, afterWildcard: Bool = false) -> (token: NumberToken, end: Int)? {
        guard start < characters.count else { return nil }
        if start > 0, isWordCharacter(characters[start - 1]) || (characters[start - 1] == "." && !afterWildcard) {
            return nil
        }
        var i = start
        if characters[i] == "-" || characters[i] == "+" { i += 1 }
        let integerStart = i
        i = skipDigits(characters, from: i)
        guard i > integerStart else { return nil }
        var isInteger = true
        var fractionDigits = 0
        if i + 1 < characters.count, characters[i] == ".", isDigit(characters[i + 1]) {
            let fractionStart = i + 1
            i = skipDigits(characters, from: fractionStart)
            fractionDigits = i - fractionStart
            isInteger = false
        }
        var exponent = 0
        if i < characters.count, characters[i] == "e" || characters[i] == "E" {
            var j = i + 1
            var negative = false
            if j < characters.count, characters[j] == "-" || characters[j] == "+" {
                negative = characters[j] == "-"
                j += 1
            }
            let exponentStart = j
            j = skipDigits(characters, from: j)
            if j > exponentStart {
                let digits = String(characters[exponentStart..<j])
                exponent = (Int(digits) ?? Int(Int16.max)) * (negative ? -1 : 1)
                i = j
                isInteger = false
            }
        }
        if i < characters.count {
            let next = characters[i]
            if isWordCharacter(next) { return nil }
            if next == ".", i + 1 < characters.count, isDigit(characters[i + 1]) { return nil }
        }
        let text = String(characters[start..<i])
        guard let value = Double(text) else { return nil }
        let halfUnit = isInteger ? 0 : 0.5 * power10(exponent - fractionDigits)
        return (NumberToken(text: text, value: value, isInteger: isInteger, halfUnit: halfUnit), i)
    }

    private static func power10(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? (exponent < 0 ? 0 : .infinity)
    }

    private static func skipDigits(_ characters: [Character], from start: Int) -> Int {
        var i = start
        while i < characters.count, isDigit(characters[i]) { i += 1 }
        return i
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// Letters, digits (of any script) and `_`: what a number must not touch.
    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
