// Number formatting, in one place, so every printed tensor, value, layer and metric reads
// the same on every platform: fixed-point with 4 decimals ("0.7311", "-2.0000"), scientific
// notation for very large or very small magnitudes ("1.2346e-05"), and no dependence on the
// C library or Foundation.

/// How the library prints numbers.
public enum NumberFormatting {
    /// Digits after the decimal point in fixed notation (and in scientific notation's mantissa).
    public static let decimals = 4

    /// `x` with ``decimals`` digits after the point: `0.7311`, `-2.0000`, `nan`, `inf`.
    public static func fixed(_ x: Double, decimals: Int = decimals) -> String {
        if let special = nonFinite(x) { return special }
        if Swift.abs(x) >= 1e15 { return scientific(x, decimals: decimals) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (Swift.abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        let units = UInt64(rounded)
        let whole = units / UInt64(scale)
        let fraction = units % UInt64(scale)
        var text = String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return (x < 0 && units != 0 ? "-" : "") + text
    }

    /// `x` in scientific notation with ``decimals`` mantissa decimals: `1.2346e-05`, `-3.0000e+08`.
    public static func scientific(_ x: Double, decimals: Int = decimals) -> String {
        if let special = nonFinite(x) { return special }
        if x == 0 { return fixed(0, decimals: decimals) + "e+00" }
        var mantissa = Swift.abs(x)
        var exponent = 0
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        var text = fixed(mantissa, decimals: decimals)
        if text.hasPrefix("10") {  // 9.99996 rounds up to 10.0000
            exponent += 1
            text = fixed(mantissa / 10, decimals: decimals)
        }
        let e = Swift.abs(exponent)
        return (x < 0 ? "-" : "") + text + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + String(e)
    }

    /// A number as the library prints a lone value: fixed, or scientific when it is huge or tiny.
    public static func format(_ x: Double) -> String {
        let magnitude = Swift.abs(x)
        return magnitude != 0 && (magnitude >= 1e8 || magnitude < 1e-4) ? scientific(x) : fixed(x)
    }

    /// A number as the library prints a lone value.
    public static func format(_ x: Float) -> String { format(Double(x)) }

    static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }

    /// How the elements of one tensor are printed: one style for all of them, chosen from
    /// their range, so columns line up.
    enum Style {
        case integral, fixed, scientific

        init(_ values: some Sequence<Float>) {
            var largest: Float = 0
            var smallest = Float.infinity
            var allIntegral = true
            for v in values where v.isFinite {
                let a = Swift.abs(v)
                largest = Swift.max(largest, a)
                if a != 0 { smallest = Swift.min(smallest, a) }
                if v.rounded() != v { allIntegral = false }
            }
            if allIntegral && largest < 1e8 { self = .integral }
            else if largest >= 1e8 || (smallest < 1e-4 && largest / smallest > 1000) { self = .scientific }
            else { self = .fixed }
        }

        func format(_ v: Float) -> String {
            switch self {
            case .integral: return v.isFinite ? String(Int64(v)) + "." : nonFinite(Double(v))!
            case .fixed: return NumberFormatting.fixed(Double(v))
            case .scientific: return NumberFormatting.scientific(Double(v))
            }
        }
    }
}
