import Foundation
import Testing
@testable import Neural
import TestSupport

/// The library's own exp, log, log1p, tanh and pow (ElementaryFunctions.swift) against the C
/// library's Double functions rounded to Float, which are correctly rounded Floats but for
/// rare double roundings: never more than one unit in the last place apart, and equal on
/// all but a few inputs in a million.
@Suite(.offThePool) struct ElementaryFunctionTests {
    // The Float functions by themselves (Math also has the C library's Double ones).
    func floatExp(_ x: Float) -> Float { Math.exp(x) }
    func floatLog(_ x: Float) -> Float { Math.log(x) }
    func floatLog1p(_ x: Float) -> Float { Math.log1p(x) }
    func floatTanh(_ x: Float) -> Float { Math.tanh(x) }
    func floatPow(_ x: Float, _ y: Float) -> Float { Math.pow(x, y) }

    /// Units in the last place between two Floats of the same sign (0 when both are equal,
    /// including two infinities or two NaNs).
    func ulps(_ x: Float, _ y: Float) -> Int {
        if x.isNaN && y.isNaN || x == y { return 0 }
        if x.isNaN || y.isNaN || x.sign != y.sign { return .max }
        return abs(Int(x.bitPattern) - Int(y.bitPattern))
    }

    /// Every `stride`-th Float between `low` and `high` (by bit pattern, so every binade is
    /// sampled alike), as the inputs of a sweep.
    func sweep(from low: Float, to high: Float, count: Int) -> [Float] {
        func ordered(_ x: Float) -> Int64 { x.sign == .minus ? -Int64(x.magnitude.bitPattern) : Int64(x.bitPattern) }
        func float(_ n: Int64) -> Float { n < 0 ? -Float(bitPattern: UInt32(-n)) : Float(bitPattern: UInt32(n)) }
        let (a, b) = (ordered(low), ordered(high))
        let step = max(1, (b - a) / Int64(count))
        return stride(from: a, through: b, by: Int(step)).map(float)
    }

    func check(_ name: String, _ inputs: [Float], _ ours: (Float) -> Float, _ reference: (Double) -> Double) {
        var worst = 0, different = 0
        for x in inputs {
            let distance = ulps(ours(x), Float(reference(Double(x))))
            if distance > 0 { different += 1 }
            if distance > worst {
                worst = distance
                if distance > 1 { Issue.record("\(name)(\(x)) = \(ours(x)), expected \(Float(reference(Double(x))))") }
            }
        }
        #expect(worst <= 1, "\(name): \(worst) ulps at worst")
        #expect(Double(different) <= Double(inputs.count) * 1e-5, "\(name): \(different) of \(inputs.count) not correctly rounded")
    }

    @Test func expIsCorrectlyRounded() {
        check("exp", sweep(from: -104, to: 89, count: 1_000_000), Math.exp, Foundation.exp)
        check("exp", sweep(from: -1, to: 1, count: 500_000), Math.exp, Foundation.exp)
        #expect(floatExp(0) == 1 && floatExp(-.infinity) == 0 && floatExp(.infinity) == .infinity && floatExp(.nan).isNaN)
        #expect(floatExp(88.8) == .infinity && floatExp(-110) == 0 && floatExp(-103.5) > 0)  // a subnormal
    }

    @Test func logIsCorrectlyRounded() {
        check("log", sweep(from: .leastNonzeroMagnitude, to: .greatestFiniteMagnitude, count: 1_000_000), Math.log, Foundation.log)
        check("log", sweep(from: 0.5, to: 2, count: 500_000), Math.log, Foundation.log)
        #expect(floatLog(1) == 0 && floatLog(0) == -.infinity && floatLog(-1).isNaN && floatLog(.infinity) == .infinity)
    }

    @Test func log1pIsCorrectlyRounded() {
        check("log1p", sweep(from: -0.999, to: 1e30, count: 1_000_000), Math.log1p, Foundation.log1p)
        check("log1p", sweep(from: -1e-3, to: 1e-3, count: 500_000), Math.log1p, Foundation.log1p)
        #expect(floatLog1p(-1) == -.infinity && floatLog1p(-2).isNaN && floatLog1p(1e-30) == 1e-30)
    }

    @Test func tanhIsCorrectlyRounded() {
        check("tanh", sweep(from: -12, to: 12, count: 1_000_000), Math.tanh, Foundation.tanh)
        check("tanh", sweep(from: -1e-3, to: 1e-3, count: 200_000), Math.tanh, Foundation.tanh)
        #expect(floatTanh(0) == 0 && floatTanh(20) == 1 && floatTanh(-.infinity) == -1 && floatTanh(.nan).isNaN)
    }

    @Test func powIsCorrectlyRounded() {
        var inputs: [(Float, Float)] = []
        for x in sweep(from: 1e-3, to: 1e3, count: 400) {
            for y in sweep(from: -12, to: 12, count: 250) { inputs.append((x, y)) }
        }
        var worst = 0
        for (x, y) in inputs { worst = max(worst, ulps(floatPow(x, y), Float(Foundation.pow(Double(x), Double(y))))) }
        #expect(worst <= 1)
        // The C library's special cases.
        #expect(floatPow(3, 2) == 9 && floatPow(2, 10) == 1024 && floatPow(0.999, 1) == 0.999)
        #expect(floatPow(-2, 3) == -8 && floatPow(-2, 2) == 4 && floatPow(-2, 0.5).isNaN)
        #expect(floatPow(0, -1) == .infinity && floatPow(-0.0, -1) == -.infinity && floatPow(0, 2) == 0)
        #expect(floatPow(.nan, 0) == 1 && floatPow(1, .nan) == 1 && floatPow(2, .nan).isNaN)
        #expect(floatPow(.infinity, -1) == 0 && floatPow(-.infinity, 3) == -.infinity && floatPow(10, 50) == .infinity)
    }

    /// Fixed forever, like the generator's sequence: lessons print these digits on every
    /// platform, so a change here changes checked lesson outputs.
    @Test func bitsAreFixed() {
        #expect(floatExp(1).bitPattern == 0x402D_F854)  // 2.7182817
        #expect(floatLog(10).bitPattern == 0x4013_5D8E)  // 2.3025851
        #expect(floatTanh(0.5).bitPattern == 0x3EEC_9A9F)  // 0.46211717
        #expect(floatLog1p(1e-3).bitPattern == 0x3A83_01AB)  // 0.0009995004
        #expect(floatPow(0.9, 100).bitPattern == 0x37DE_D005)  // 2.6561358e-05
    }
}
