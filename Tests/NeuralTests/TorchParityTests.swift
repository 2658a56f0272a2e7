import Testing
@testable import Neural
import TestSupport

/// The cases where the library once computed something other than what PyTorch computes,
/// each with torch's number (torch 2.13, float32), and the options a torch user expects.
@Suite(.offThePool) struct TorchParityTests {
    /// A parameter that first gets a gradient at a later step is bias-corrected with its own
    /// step count, as torch's per-parameter `state["step"]` is.
    @Test(arguments: [false, true])
    func adamCountsStepsPerParameter(decoupled: Bool) {
        let a = Tensor([1, -2], requiresGrad: true), b = Tensor([0.5, 0.5], requiresGrad: true)
        let optimizer: Adam = decoupled ? AdamW(parameters: [a, b], learningRate: 0.1) : Adam(parameters: [a, b], learningRate: 0.1)
        for step in 0..<5 {
            optimizer.zeroGrad()
            (step > 0 ? (a * a).sum() + (b * b * 3).sum() : (a * a).sum()).backward()
            optimizer.step()
        }
        // torch.optim.Adam / AdamW with the same steps:
        let expected: (a: [Float], b: [Float]) = decoupled
            ? ([0.504080176, -1.49404573], [0.111620106, 0.111620106])
            : ([0.507963717, -1.50295579], [0.112915389, 0.112915389])
        expectClose(a.scalars, expected.a, relative: 1e-6, "a")
        expectClose(b.scalars, expected.b, relative: 1e-6, "b")
        #expect(optimizer.stepCounts == [5, 4])
    }

    /// The vector lanes of the Adam update (16 at a time) and its scalar tail give the same
    /// bits: both use the correctly rounded square root.
    @Test(arguments: [false, true])
    func adamVectorLanesAgreeWithTheScalarTailBitForBit(amsgrad: Bool) {
        var g = SeededGenerator(seed: 7)
        let count = 16 * 64
        let p0 = (0..<count).map { _ in g.nextUniform(in: -3...3) }
        let grad = (0..<count).map { _ in g.nextUniform(in: -1...1) * Float(g.nextInt(below: 1000) + 1) / 100 }
        let m0 = (0..<count).map { _ in g.nextUniform(in: -1...1) }
        let v0 = (0..<count).map { _ in g.nextUniform(in: 0...4) }
        let rule = AdamStep(l2: 0.01, shrink: 1, weight1: 0.1, beta2: 0.999, weight2: 0.001, stepSize: -0.01,
                            correction2Root: 0.0447, epsilon: 1e-8)
        var (p, m, v, largest) = (p0, m0, v0, v0.map { $0 * 1.01 })
        rule.update(count: count, p: &p, g: grad, m: &m, v: &v, largest: amsgrad ? UnsafeMutablePointer(mutating: largest) : nil)
        var (q, n, w, most) = (p0, m0, v0, v0.map { $0 * 1.01 })
        for i in 0..<count {
            q.withUnsafeMutableBufferPointer { q in
                n.withUnsafeMutableBufferPointer { n in
                    w.withUnsafeMutableBufferPointer { w in
                        most.withUnsafeMutableBufferPointer { most in
                            grad.withUnsafeBufferPointer { grad in
                                rule.update(count: 1, p: q.baseAddress! + i, g: grad.baseAddress! + i, m: n.baseAddress! + i,
                                            v: w.baseAddress! + i, largest: amsgrad ? most.baseAddress! + i : nil)
                            }
                        }
                    }
                }
            }
        }
        #expect(p.map(\.bitPattern) == q.map(\.bitPattern))
        #expect(m.map(\.bitPattern) == n.map(\.bitPattern))
        _ = largest
    }

    @Test func logSoftmaxAndCrossEntropyKeepTheirDigitsAtHugeLogits() {
        let ce = crossEntropy(logits: Tensor([[1e4, 9999]]), labels: [0]).item()
        #expect(abs(ce - 0.313261658) <= 1e-6, "\(ce)")  // torch: 0.3132617
        let ls = logSoftmax(Tensor([[1e4, 1e4]]), axis: 1).scalars
        #expect(ls.allSatisfy { abs($0 - -0.693147182) <= 1e-6 }, "\(ls)")  // torch: −0.6931472
    }

    @Test func maxAlongAnAxisGivesTheIndicesToo() {
        let (values, indices) = Tensor([[1, 5, 2], [7, 0, 7]]).max(axis: 1)
        #expect(values.scalars == [5, 7])
        #expect(indices == [1, 0])
    }

    @Test func matmulAndLinearTakeVectorsAsTorchDoes() {
        let w = Tensor([[1, 2], [3, 4], [5, 6]])
        #expect(matmul(Tensor([1, 0, 1]), w).shape == [2])
        #expect(matmul(Tensor([1, 0, 1]), w).scalars == [6, 8])
        #expect(matmul(w, Tensor([1, 1])).scalars == [3, 7, 11])
        #expect(matmul(Tensor([1, 2]), Tensor([3, 4])).shape == [])
        #expect(matmul(Tensor([1, 2]), Tensor([3, 4])).item() == 11)
        let layer = Linear(weight: w, bias: Tensor([1, 1]))
        #expect(layer(Tensor([1, 0, 1])).scalars == [7, 9])
        #expect(layer(Tensor(shape: [2, 2, 3], scalars: Array(repeating: 1, count: 12))).shape == [2, 2, 2])
    }

    @Test func lossReductionsAreTheMeanTheSumOrEachElement() {
        let p = Tensor([[0.5, 2], [1, -1]]), y = Tensor([[0, 2], [3, -1]])
        let mean: Float = (0.25 + 0 + 4 + 0) / 4
        #expect(meanSquaredError(predicted: p, expected: y).item() == mean)
        #expect(meanSquaredError(predicted: p, expected: y, reduction: .sum).item() == 4.25)
        #expect(meanSquaredError(predicted: p, expected: y, reduction: .none).scalars == [0.25, 0, 4, 0])
        #expect(crossEntropy(logits: Tensor([[0, 0], [0, 0]]), labels: [0, 1], reduction: .none).shape == [2])
    }
}

/// Misuses, each at a known line (called from the exit tests, whose own bodies are macro
/// expansions with no line of this file).
enum Misuse {
    static let operatorLine = #line + 1
    static func mismatchedSum() { _ = Tensor([1, 2, 3]) + Tensor([1, 2, 3, 4]) }

    static let compoundAssignmentLine = #line + 3
    static func mismatchedProductInPlace() {
        var x = Tensor([1, 2, 3])
        x *= Tensor([1, 2])
    }

    static let layerLine = #line + 3
    static func layerOfTheWrongWidth() {
        let model = Sequential(Linear(inputSize: 3, outputSize: 2), ReLU())
        _ = model(Tensor([[1, 2]]))
    }

    static let emptyBatchLine = #line + 1
    static func meanOfAnEmptyBatch() { _ = meanSquaredError(predicted: Tensor(shape: [0, 2], scalars: []), expected: Tensor(shape: [0, 2], scalars: [])) }

    static let twoGroupsLine = #line + 3
    static func aParameterInTwoGroups() {
        let layer = Linear(inputSize: 2, outputSize: 3)
        _ = AdamW(parameterGroups: [.init(layer.parameters), .init([layer.weight], weightDecay: 0)])
    }
}

/// Every misuse stops with a message at the caller's line, even where the call cannot pass a
/// location (operators, a layer called through `Module`).
@Suite struct MisuseTests {
    static func stderr(of result: ExitTest.Result?) -> String { String(decoding: result?.standardErrorContent ?? [], as: UTF8.self) }

    @Test func anOperatorNamesTheCallersLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { Misuse.mismatchedSum() }
        let message = Self.stderr(of: result)
        #expect(message.contains("TorchParityTests.swift:\(Misuse.operatorLine): Fatal error: shape mismatch in +: [3] and [4] do not broadcast"),
                "\(message)")
    }

    @Test func aCompoundAssignmentNamesTheCallersLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { Misuse.mismatchedProductInPlace() }
        let message = Self.stderr(of: result)
        #expect(message.contains("TorchParityTests.swift:\(Misuse.compoundAssignmentLine): Fatal error: shape mismatch in *="), "\(message)")
    }

    @Test func aLayerCalledWithTheWrongWidthNamesTheCallersLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { Misuse.layerOfTheWrongWidth() }
        let message = Self.stderr(of: result)
        #expect(message.contains("TorchParityTests.swift:\(Misuse.layerLine): Fatal error: shape mismatch in Linear(inputSize: 3, outputSize: 2): input of shape [1, 2], expected [..., 3]"),
                "\(message)")
    }

    @Test func aLabelThatIsNotAClassIndexIsAnError() async {
        // NaN, a fraction and a negative number: none silently becomes a class.
        let results = [
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = crossEntropy(logits: Tensor([[1, 2], [3, 4]]), labels: Tensor([0, Float.nan]))
            },
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = crossEntropy(logits: Tensor([[1, 2], [3, 4]]), labels: Tensor([0, 1.7]))
            },
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = crossEntropy(logits: Tensor([[1, 2], [3, 4]]), labels: [0, -1])
            },
        ]
        for (result, printed) in zip(results, ["nan (row 1) is not a class index", "1.7 (row 1) is not a class index",
                                                "-1 (row 1) is not a class in 0..<2"]) {
            let message = Self.stderr(of: result)
            #expect(message.contains("TorchParityTests.swift:") && message.contains("Fatal error: crossEntropy: label " + printed),
                    "\(message)")
        }
    }

    @Test func aParameterInTwoGroupsIsAnError() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { Misuse.aParameterInTwoGroups() }
        let message = Self.stderr(of: result)
        #expect(message.contains("TorchParityTests.swift:\(Misuse.twoGroupsLine): Fatal error: a parameter of shape [2, 3] appears in more than one parameter group"),
                "\(message)")
    }

    @Test func theMeanLossOfAnEmptyBatchIsAnError() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { Misuse.meanOfAnEmptyBatch() }
        let message = Self.stderr(of: result)
        #expect(message.contains("TorchParityTests.swift:\(Misuse.emptyBatchLine): Fatal error: meanSquaredError of an empty batch"), "\(message)")
        let empty = Tensor(shape: [0, 2], scalars: [])
        #expect(meanSquaredError(predicted: empty, expected: empty, reduction: .sum).item() == 0)
    }
}
