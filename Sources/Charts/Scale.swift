#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One axis of a chart: the data's extent mapped to the drawing, with tick values at
/// "nice" steps (1, 2 or 5 times a power of ten), as a reader would mark a ruler.
struct Scale: Hashable {
    var lower: Double
    var upper: Double
    var ticks: [Double]
    /// Digits after the point that tell the ticks apart.
    var decimals: Int
    /// Whether positions follow the logarithm of the value (see `init(logarithmicFrom:to:...)`).
    var isLogarithmic = false

    /// A scale covering `lower...upper`, extended to whole steps when `extend` (a y axis that
    /// starts and ends on a tick), else exactly the data's extent with the ticks inside it.
    /// With `integers`, ticks fall on whole numbers only (epochs, counts). Without `extend`,
    /// the step shrinks until at least two ticks fall inside.
    init(lower: Double, upper: Double, tickCount: Int, extend: Bool, integers: Bool = false) {
        self.init(lower: lower, upper: upper, tickCount: tickCount, extendLower: extend, extendUpper: extend, integers: integers)
    }

    /// A scale whose ends are extended to whole steps each on its own: an end the author fixed
    /// stays where it is.
    init(lower: Double, upper: Double, tickCount: Int, extendLower: Bool, extendUpper: Bool, integers: Bool = false) {
        var lower = lower.isFinite ? lower : 0, upper = upper.isFinite ? upper : 1
        if lower > upper { swap(&lower, &upper) }
        if upper - lower < 1e-12 * max(1, abs(lower)) {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            lower -= pad
            upper += pad
        }
        var step = Scale.niceStep((upper - lower) / Double(max(1, tickCount)))
        if integers { step = max(1, step) }
        // The data are Floats seen as Doubles: 1.2 is 1.2000000476..., which must not round up to 1.4.
        if extendLower { lower = (lower / step + 1e-6).rounded(.down) * step }
        if extendUpper { upper = (upper / step - 1e-6).rounded(.up) * step }
        if !(extendLower && extendUpper) {
            while step > (integers ? 1 : 0) && ((upper / step + 1e-9).rounded(.down) - (lower / step - 1e-9).rounded(.up)) < 1 {
                step = Scale.smallerStep(step)
                if integers { step = max(1, step) }
            }
        }
        var ticks: [Double] = []
        var k = (lower / step - 1e-9).rounded(.up)
        while k * step <= upper + step * 1e-9 {
            let tick = k * step
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            k += 1
        }
        self.lower = lower
        self.upper = upper
        self.ticks = ticks
        self.decimals = max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    }

    /// A logarithmic scale from `low` to `high` (both positive): equal ratios get equal
    /// lengths. An extended end moves out to the next 1, 2 or 5 times a power of ten; ticks fall
    /// on powers of ten (every second or third one over many decades), and on 2 and 5 times
    /// them (or every digit) when fewer than three powers fall inside.
    init(logarithmicFrom low: Double, to high: Double, tickCount: Int, extendLower: Bool, extendUpper: Bool) {
        var high = high.isFinite && high > 0 ? high : 10
        var low = low.isFinite && low > 0 ? low : high / 10
        if low > high { swap(&low, &high) }
        var lo = log10(low), hi = log10(high)
        if hi - lo < 1e-9 { lo -= 0.5; hi += 0.5 }
        let steps = [1.0, 2, 5, 10].map(log10)
        if extendLower {
            let decade = (lo + 1e-9).rounded(.down)
            lo = decade + steps.last { decade + $0 <= lo + 1e-9 }!
        }
        if extendUpper {
            let decade = (hi - 1e-9).rounded(.down)
            hi = decade + steps.first { decade + $0 >= hi - 1e-9 }!
        }
        let first = Int((lo - 1e-9).rounded(.up)), last = Int((hi + 1e-9).rounded(.down))
        var ticks: [Double] = []
        if last >= first {
            let every = max(1, Int((Double(last - first) / Double(max(1, tickCount))).rounded(.up)))
            ticks = stride(from: first, through: last, by: every).map { pow(10, Double($0)) }
        }
        if ticks.count < 3 {
            for multiples in [[1.0, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]] {
                let candidates = (first - 1...last + 1).flatMap { e in multiples.map { $0 * pow(10, Double(e)) } }
                    .filter { log10($0) >= lo - 1e-9 && log10($0) <= hi + 1e-9 }
                if candidates.count > ticks.count && candidates.count <= 2 * max(2, tickCount) { ticks = candidates }
                if ticks.count >= 2 { break }
            }
        }
        self.lower = pow(10, lo)
        self.upper = pow(10, hi)
        self.ticks = ticks
        self.decimals = 0
        self.isLogarithmic = true
    }

    /// The smallest of 1, 2, 5 or 10 times a power of ten that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, log10(raw).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-9) { return factor * magnitude }
        return 10 * magnitude
    }

    /// The next nice step below `step`: 5 → 2 → 1 → 0.5 → ...
    static func smallerStep(_ step: Double) -> Double {
        let magnitude = pow(10, log10(step).rounded(.down))
        let factor = (step / magnitude).rounded()
        return factor >= 5 ? 2 * magnitude : factor >= 2 ? magnitude : magnitude / 2
    }

    /// Where `value` falls, from 0 (lower) to 1 (upper).
    func fraction(_ value: Double) -> Double {
        isLogarithmic ? (log10(value) - log10(lower)) / (log10(upper) - log10(lower)) : (value - lower) / (upper - lower)
    }

    func label(_ value: Double) -> String { isLogarithmic ? logarithmicLabel(value) : formatNumber(value, decimals: decimals) }

    /// A tick of a logarithmic axis: plain digits from 0.0001 to 10000 (`0.02`, `500`), a power
    /// of ten beyond (`10⁻⁶`, `2·10⁸`).
    private static let superscripts: [Character: Character] = [
        "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
    ]

    func logarithmicLabel(_ value: Double) -> String {
        let exponent = Int((log10(value) + 1e-9).rounded(.down))
        let mantissa = (value / pow(10, Double(exponent))).rounded()
        if (-4...4).contains(exponent) { return formatNumber(value, decimals: max(0, -exponent)) }
        let power = "10" + String(String(exponent).map { Self.superscripts[$0] ?? $0 })
        return mantissa == 1 ? power : formatNumber(mantissa, decimals: 0) + "·" + power
    }

    /// An extent widened by 5% on each side (by 0.5 when it is one value), so points at the
    /// ends are not drawn on the frame; (0, 1) when there are no values.
    static func padded(_ extent: (Double, Double)?) -> (Double, Double) {
        guard let (low, high) = extent else { return (0, 1) }
        let pad = high > low ? (high - low) * 0.05 : 0.5
        return (low - pad, high + pad)
    }

    /// The extent of finite values, or nil when there are none.
    static func extent<S: Sequence>(_ values: S) -> (Double, Double)? where S.Element == Float {
        var low = Double.infinity, high = -Double.infinity
        for value in values where value.isFinite {
            low = min(low, Double(value))
            high = max(high, Double(value))
        }
        return low <= high ? (low, high) : nil
    }
}

/// `value` with exactly `decimals` digits after the point ("-0" prints as "0").
func formatNumber(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    let scale = pow(10, Double(decimals))
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 1e17 else { return "\(value)" }
    var digits = String(UInt64(scaled))
    if decimals > 0 {
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return (value < 0 && scaled != 0 ? "-" : "") + digits
}

/// `value` with at most `decimals` digits after the point and no trailing zeros ("-0" as "0").
func formatTrimmed(_ value: Double, decimals: Int) -> String {
    var text = formatNumber(value, decimals: decimals)
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
}

/// A number as short as it reads well in a heat map cell: integers as integers, else 2 to 3
/// significant digits.
func formatCompact(_ value: Float) -> String {
    let v = Double(value)
    if v == v.rounded(), abs(v) < 1e7 { return formatNumber(v, decimals: 0) }
    let magnitude = abs(v)
    return formatNumber(v, decimals: magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2)
}

/// A short, stable hash of `text` (FNV-1a), for element ids that differ between charts on one page.
func stableHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(8))
}
