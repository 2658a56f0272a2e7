// A seeded random number generator whose sequences are the same on every platform and
// every Swift version: xoshiro256** seeded through SplitMix64, with uniform, integer,
// normal sampling and shuffling built only from integer arithmetic and IEEE +, −, ×, ÷, √
// (no C library functions, no standard-library algorithms whose details may change).

/// A reproducible random number generator (xoshiro256**).
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// generator.nextUniform()   // the same number on macOS and Linux
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose sequence is determined by `seed`.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform `Float` in [0, 1) (24 random bits).
    public mutating func nextUniform() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A uniform `Double` in [0, 1) (53 random bits).
    public mutating func nextUniformDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform `Float` in `range`.
    public mutating func nextUniform(in range: ClosedRange<Float>) -> Float {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUniform()
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject, unbiased).
    public mutating func nextInt(below bound: Int, file: StaticString = #filePath, line: UInt = #line) -> Int {
        check(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)", file: file, line: line)
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// A sample of the normal distribution N(mean, standardDeviation²) (Marsaglia's polar method).
    public mutating func nextNormal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
        if let spare = spareNormal {
            spareNormal = nil
            return mean + standardDeviation * Float(spare)
        }
        while true {
            let u = 2 * nextUniformDouble() - 1
            let v = 2 * nextUniformDouble() - 1
            let s = u * u + v * v
            if s >= 1 || s == 0 { continue }
            let factor = (-2 * portableLog(s) / s).squareRoot()
            spareNormal = v * factor
            return mean + standardDeviation * Float(u * factor)
        }
    }

    private var spareNormal: Double?

    /// `true` with probability `probability`.
    public mutating func nextBool(probability: Float = 0.5) -> Bool { nextUniform() < probability }

    /// The elements of `array` in a random order (Fisher–Yates).
    public mutating func shuffled<T>(_ array: [T]) -> [T] {
        var result = array
        var i = result.count - 1
        while i > 0 {
            result.swapAt(i, nextInt(below: i + 1))
            i -= 1
        }
        return result
    }

    /// A random permutation of `0..<count`.
    public mutating func permutation(_ count: Int) -> [Int] { shuffled(Array(0..<count)) }
}

/// The natural logarithm from IEEE arithmetic only, so results agree on every platform:
/// `x = m·2ᵉ`, `ln x = e·ln 2 + 2 atanh((m − 1)/(m + 1))`, the series summed to double precision.
func portableLog(_ x: Double) -> Double {
    precondition(x > 0)
    var e = Double(Int(x.exponent))
    var m = x.significand  // in [1, 2)
    if m > 1.4142135623730951 { m /= 2; e += 1 }
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var term = s
    var sum = 0.0
    var k = 1.0
    for _ in 0..<14 {
        sum += term / k
        term *= s2
        k += 2
    }
    return 2 * sum + e * 0.6931471805599453
}

/// The generator used when no generator is passed (seed it with ``manualSeed(_:)``).
///
/// Not thread-safe: code that runs in parallel (such as tests) should pass its own
/// ``SeededGenerator``.
nonisolated(unsafe) public var defaultGenerator = SeededGenerator(seed: 0)

/// Restarts ``defaultGenerator`` from `seed` (PyTorch's `torch.manual_seed`).
public func manualSeed(_ seed: UInt64) { defaultGenerator = SeededGenerator(seed: seed) }

extension Tensor {
    /// A tensor of samples of N(mean, standardDeviation²).
    public static func randomNormal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, requiresGrad: Bool = false,
        using generator: inout SeededGenerator
    ) -> Tensor {
        let n = shape.reduce(1, *)
        let scalars = (0..<n).map { _ in generator.nextNormal(mean: mean, standardDeviation: standardDeviation) }
        return Tensor(shape: shape, scalars: scalars, requiresGrad: requiresGrad)
    }

    /// A tensor of samples of N(mean, standardDeviation²), from ``defaultGenerator``.
    public static func randomNormal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, requiresGrad: Bool = false
    ) -> Tensor {
        randomNormal(shape, mean: mean, standardDeviation: standardDeviation, requiresGrad: requiresGrad, using: &defaultGenerator)
    }

    /// A tensor of samples uniform in `range`.
    public static func randomUniform(
        _ shape: [Int], in range: ClosedRange<Float> = 0...1, requiresGrad: Bool = false,
        using generator: inout SeededGenerator
    ) -> Tensor {
        let n = shape.reduce(1, *)
        let scalars = (0..<n).map { _ in generator.nextUniform(in: range) }
        return Tensor(shape: shape, scalars: scalars, requiresGrad: requiresGrad)
    }

    /// A tensor of samples uniform in `range`, from ``defaultGenerator``.
    public static func randomUniform(
        _ shape: [Int], in range: ClosedRange<Float> = 0...1, requiresGrad: Bool = false
    ) -> Tensor {
        randomUniform(shape, in: range, requiresGrad: requiresGrad, using: &defaultGenerator)
    }
}
