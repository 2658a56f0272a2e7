// The elementary functions tensors use (exp, log, log1p, tanh, pow), written in Swift from
// IEEE arithmetic alone, so that a lesson prints the same digits on every machine.
//
// Why not the C library: glibc picks an implementation by CPU at load time (with or without
// FMA), and macOS has its own. They agree to within one unit in the last place, but a
// training run amplifies one differing bit into a different third decimal after a few
// hundred epochs, and a checked lesson output would then fail on another machine. Swift never
// fuses `a * b + c` into an FMA on its own, and `+ - * /` and `squareRoot()` are exactly
// rounded everywhere, so the functions below give identical bits on every CPU and OS.
//
// Each function works in Double and rounds once to Float at the end. The Double result is
// within about 1e-13 (relative) of the true value, so the Float result is the correctly
// rounded one except in the rare cases where the true value lies within 1e-13 of halfway
// between two Floats; it is never more than one unit in the last place away
// (`ElementaryFunctionTests` checks both against the C library over millions of inputs).

enum Math {
    /// `eˣ`. Range reduction `x = k·ln 2 + r` with `|r| ≤ ln 2 / 2`, then `eˣ = 2ᵏ·eʳ`.
    @inline(__always) static func exp(_ x: Float) -> Float {
        if !(x > -104) { return x.isNaN ? x : 0 }  // e^-104 is below half the smallest subnormal
        if x > 89 { return .infinity }  // e^88.73 is above Float.greatestFiniteMagnitude
        return Float(expInRange(Double(x)))
    }

    /// `ln x`: `x = 2ᵉ·m` with `m` in `[√½, √2)`, `ln x = e·ln 2 + ln m`.
    @inline(__always) static func log(_ x: Float) -> Float {
        if !(x > 0) { return x == 0 ? -.infinity : .nan }
        if x == .infinity { return x }
        return Float(logOfPositiveFinite(Double(x)))
    }

    /// `ln(1 + x)`, accurate for small `x` too (Goldberg's method: `ln(u)·x / (u − 1)` with
    /// `u = 1 + x` rounded, which cancels the rounding of `u`).
    @inline(__always) static func log1p(_ x: Float) -> Float {
        if !(x > -1) { return x == -1 ? -.infinity : .nan }
        if x == .infinity { return x }
        let d = Double(x)
        let u = 1 + d
        if u == 1 { return x }
        return Float(logOfPositiveFinite(u) * (d / (u - 1)))
    }

    /// `tanh x = (e²ˣ − 1) / (e²ˣ + 1)`, through `e²ˣ − 1` computed without cancellation.
    @inline(__always) static func tanh(_ x: Float) -> Float {
        if x.isNaN { return x }
        let a = Swift.abs(Double(x))
        let t: Double
        if a > 10 {
            t = 1  // tanh(10) = 1 − 4e-9 rounds to 1
        } else if a < 0x1p-12 {
            t = a - a * a * a / 3
        } else {
            let e = expMinusOne(2 * a)
            t = e / (e + 2)
        }
        return Float(x < 0 ? -t : t)
    }

    /// `xʸ` with the C library's special cases (`x⁰ = 1`, `1ʸ = 1`, negative `x` only for
    /// integral `y`, zeros and infinities), otherwise `e^(y·ln x)` in Double.
    static func pow(_ x: Float, _ y: Float) -> Float {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        let integral = y == y.rounded(.towardZero)
        let odd = integral && Swift.abs(y) < 0x1p24 && Int(y) % 2 != 0
        if x == 0 || x.isInfinite {
            let huge = (x == 0) == (y < 0)  // 0 to a negative power, ∞ to a positive one
            let magnitude: Float = huge ? .infinity : 0
            return odd && x.sign == .minus ? -magnitude : magnitude
        }
        if x < 0 && !integral { return .nan }
        let exponent = Double(y) * logOfPositiveFinite(Swift.abs(Double(x)))
        let magnitude: Float = exponent > 89 ? .infinity : exponent < -104 ? 0 : Float(expInRange(exponent))
        return x < 0 && odd ? -magnitude : magnitude
    }

    // MARK: Double kernels (arguments already checked)

    private static let ln2 = 0.693147180559945309417232121458176568
    private static let log2e = 1.44269504088896340735992468100189214
    /// `1.5·2⁵²`: adding and subtracting it rounds a Double of magnitude below 2⁵¹ to the
    /// nearest integer, in the default rounding mode, with no call and no CPU dependence.
    private static let roundingShift = 0x1.8p52

    /// `eˣ` for `x` in `[-104, 89]` (every Float argument that reaches it): `eʳ` by its Taylor
    /// series to degree 11, whose remainder at `|r| ≤ 0.347` is below `2e-13` of the result.
    @inline(__always) static func expInRange(_ x: Double) -> Double {
        let k = (x * log2e + roundingShift) - roundingShift
        let r = x - k * ln2
        var p = 1.0 / 39916800  // 1/11!
        p = p * r + 1.0 / 3628800
        p = p * r + 1.0 / 362880
        p = p * r + 1.0 / 40320
        p = p * r + 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        return p * Double(bitPattern: UInt64(Int(k) + 1023) << 52)  // 2ᵏ, k in [-150, 128]
    }

    /// `ln x` for a positive, normal `x` (a Float's value, or `1 + x` for a Float `x > -1`, always
    /// is one as a Double): with `f = (m − 1)/(m + 1)` and `s = f²`,
    /// `ln m = 2f·(1 + s/3 + s²/5 + … + s⁷/15)`; at `|f| ≤ 0.1716` the rest is below `4e-14`.
    @inline(__always) static func logOfPositiveFinite(_ x: Double) -> Double {
        let bits = x.bitPattern
        var e = Int((bits >> 52) & 0x7ff) - 1023
        var m = Double(bitPattern: (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)  // [1, 2)
        if m > 1.41421356237309504880 {
            m *= 0.5
            e += 1
        }
        let f = (m - 1) / (m + 1)
        let s = f * f
        var p = 1.0 / 15
        p = p * s + 1.0 / 13
        p = p * s + 1.0 / 11
        p = p * s + 1.0 / 9
        p = p * s + 1.0 / 7
        p = p * s + 1.0 / 5
        p = p * s + 1.0 / 3
        p = p * s + 1
        return Double(e) * ln2 + 2 * f * p
    }

    // Each function has its own Horner loop of Taylor terms (as `expInRange` above): the
    // coefficients and the degree are the function's, and a shared helper would hide them.

    /// `eˣ − 1` for `x` in `[0, 20]`: the Taylor series of `eˣ − 1` below `0.35` (no
    /// cancellation), `eˣ` minus one above it (where `eˣ − 1 ≥ 0.4`).
    @inline(__always) static func expMinusOne(_ x: Double) -> Double {
        if x >= 0.35 { return expInRange(x) - 1 }
        var p = 1.0 / 6227020800  // 1/13!
        p = p * x + 1.0 / 479001600
        p = p * x + 1.0 / 39916800
        p = p * x + 1.0 / 3628800
        p = p * x + 1.0 / 362880
        p = p * x + 1.0 / 40320
        p = p * x + 1.0 / 5040
        p = p * x + 1.0 / 720
        p = p * x + 1.0 / 120
        p = p * x + 1.0 / 24
        p = p * x + 1.0 / 6
        p = p * x + 0.5
        p = p * x + 1
        return p * x
    }
}
