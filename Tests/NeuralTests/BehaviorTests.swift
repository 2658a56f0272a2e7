import Testing
@testable import Neural
import TestSupport

@Suite(.offThePool) struct BehaviorTests {
    @Test func generatorIsReproducible() {
        var g = SeededGenerator(seed: 42)
        // Fixed forever (checked against a Python xoshiro256**): lessons print these on every platform.
        #expect((0..<3).map { _ in g.next() } == [1546998764402558742, 6990951692964543102, 12544586762248559009])
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        #expect((0..<100).map { _ in a.nextNormal() } == (0..<100).map { _ in b.nextNormal() })
        let samples = (0..<20000).map { _ in Double(a.nextNormal()) }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        #expect(a.permutation(10).sorted() == Array(0..<10))
        for x in [1e-300, 0.001, 0.5, 1, 2, 10, 12345.678] {
            #expect(abs(portableLog(x) - Math.log(x)) <= 1e-15 * max(1, abs(Math.log(x))))
        }
    }

    @Test func backwardThroughSharedNodesAndAccumulation() {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let y = x * x + x  // dy/dx = 2x + 1
        y.sum().backward()
        #expect(x.grad!.scalars == [3, 5, 7])
        (x * 2).sum().backward()  // leaves accumulate, as in PyTorch
        #expect(x.grad!.scalars == [5, 7, 9])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func withoutGradientsRecordsNothing() {
        let w = Tensor([1, 2], requiresGrad: true)
        let y = withoutGradients { w * 3 }
        #expect(!y.requiresGrad && y.isLeaf)
        #expect((w * 3).requiresGrad)
        let z = Tensor([1, 2]) * 3
        #expect(!z.requiresGrad)
    }

    @Test func graphsAreFreedWithTheirOutput() {
        let w = Tensor([[0.5, -0.5], [0.25, 1]], requiresGrad: true)
        weak var intermediate: Tensor?
        do {
            let h = sigmoid(matmul(Tensor([[1, 2]]), w))
            intermediate = h
            let loss = h.sum()
            loss.backward()
            #expect(intermediate != nil)
        }
        #expect(intermediate == nil, "the graph leaked: a backward closure holds its output")
    }

    @Test func crossEntropyIsStableForHugeLogits() {
        let logits = Tensor([[1e4, -1e4, 0], [-1e4, 1e4, 0]], requiresGrad: true)
        let loss = crossEntropy(logits: logits, labels: [1, 1])
        loss.backward()
        #expect(loss.item().isFinite && abs(loss.item() - 1e4) < 1)
        #expect(logits.grad!.scalars.allSatisfy { $0.isFinite })
        let bce = binaryCrossEntropy(logits: Tensor([1e4, -1e4]), expected: Tensor([0, 1]))
        #expect(abs(bce.item() - 1e4) < 1)
    }

    @Test func dropoutModes() {
        let dropout = Dropout(probability: 0.5, seed: 1)
        let x = Tensor.ones([1000])
        let y = dropout(x)
        #expect(Set(y.scalars) == [0, 2])
        dropout.eval()
        #expect(dropout(x) === x)
    }

    @Test func datasetsAndLoader() {
        #expect(Dataset.xor().targets.scalars == [0, 1, 1, 0])
        #expect(Dataset.and().targets.scalars == [0, 0, 0, 1])
        #expect(Dataset.or().targets.scalars == [0, 1, 1, 1])
        let moons = Dataset.twoMoons(count: 101, noise: 0.1, seed: 3)
        #expect(moons.features.shape == [101, 2] && moons.targets.shape == [101, 1])
        #expect(moons.features.scalars == Dataset.twoMoons(count: 101, noise: 0.1, seed: 3).features.scalars)
        #expect(Dataset.circles(count: 50).labels.filter { $0 == 1 }.count == 25)
        #expect(Set(Dataset.spirals(countPerClass: 10, classes: 3).labels) == [0, 1, 2])
        // Without noise, arm c's point at radius r is at the angle 4c + sweep·r: (r sin t, r cos t).
        let arms = Dataset.spirals(countPerClass: 3, classes: 2, noise: 0, sweep: 10).features.rows
        let expectedArms: [[Float]] = [[0, 0], [0.5 * -0.958924, 0.5 * 0.283662], [-0.544021, -0.839072],
                                       [0, 0], [0.5 * 0.412118, 0.5 * -0.911130], [0.990607, 0.136737]]
        for (point, expected) in zip(arms, expectedArms) {
            #expect(abs(point[0] - expected[0]) < 1e-5 && abs(point[1] - expected[1]) < 1e-5, "\(point) ≠ \(expected)")
        }
        let cs231n = Dataset.spirals(countPerClass: 3, classes: 2, noise: 0).features.rows  // sweep 4: arm 1 ends at angle 8
        #expect(abs(cs231n[5][0] - 0.989358) < 1e-5 && abs(cs231n[5][1] - -0.145500) < 1e-5, "\(cs231n[5])")
        #expect(Dataset.blobs(countPerClass: 5).count == 15)
        #expect(Dataset.noisySine(count: 30).targets.shape == [30, 1])
        let (training, validation, test) = moons.split(trainingFraction: 0.6, validationFraction: 0.2, seed: 1)
        #expect([training.count, validation.count, test.count] == [60, 20, 21])
        let loader = DataLoader(training, batchSize: 25, seed: 0)
        let sizes = loader.map { $0.inputs.shape[0] }
        #expect(sizes == [25, 25, 10])
        let first = Array(loader.map(\.targets.scalars).joined()), second = Array(loader.map(\.targets.scalars).joined())
        #expect(first.sorted() == second.sorted() && first != second, "each pass reshuffles")
    }

    @Test func earlyStoppingRestoresTheBest() {
        let layer = Linear(weight: Tensor([[1.0]]), bias: nil)
        var stopper = EarlyStopping(patience: 2)
        var decisions: [Bool] = []
        decisions.append(stopper.shouldStop(validationLoss: 1.0, model: layer))
        layer.weight.scalars = [2]
        decisions.append(stopper.shouldStop(validationLoss: 0.5, model: layer))
        layer.weight.scalars = [3]
        decisions.append(stopper.shouldStop(validationLoss: 0.7, model: layer))
        decisions.append(stopper.shouldStop(validationLoss: 0.6, model: layer))
        #expect(decisions == [false, false, false, true])
        stopper.restoreBest(layer)
        #expect(layer.weight.scalars == [2] && stopper.bestEpoch == 2)
    }

    @Test func perceptronLearnsAnd() {
        var p = Perceptron(inputCount: 2)
        let data = Dataset.and()
        let mistakes = p.train(inputs: data.features.rows, labels: data.targets.scalars)
        #expect(mistakes.last == 0)
        #expect(data.features.rows.map { p.predict($0) } == [0, 0, 0, 1])
    }

    /// The kernel this CPU takes and the portable loop follow one rule (a chain of fused
    /// multiply-adds in order of p, from zero, then C's old value added), so they agree bit for
    /// bit on every shape, transposition and accumulation, and with the rule written out here.
    /// Shapes cover edge tiles, one and several depth blocks (k > 256), and several row blocks.
    @Test(arguments: [(1, 1, 1), (5, 3, 17), (6, 16, 16), (33, 64, 16), (7, 300, 33), (100, 5, 530), (97, 513, 35), (250, 70, 2100)])
    func kernelPathsGiveTheSameBits(shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        let a = randomTensor([m, k], seed: UInt64(m)), b = randomTensor([k, n], seed: UInt64(n))
        let start = randomTensor([m, n], seed: 99).scalars
        let at = a.transposed().scalars, bt = b.transposed().scalars
        for (transposeA, transposeB, accumulate) in [(false, false, false), (true, false, true), (false, true, false), (true, true, true)] {
            var chosen = accumulate ? start : [Float](repeating: .nan, count: m * n), portable = chosen
            let aData = transposeA ? at : a.scalars, bData = transposeB ? bt : b.scalars
            aData.withUnsafeBufferPointer { pa in
                bData.withUnsafeBufferPointer { pb in
                    sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                          pa.baseAddress!, pb.baseAddress!, &chosen, accumulate: accumulate)
                    portableSgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                  pa.baseAddress!, pb.baseAddress!, &portable, accumulate: accumulate)
                }
            }
            var rule = [Float](repeating: 0, count: m * n)
            for i in 0..<m { for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum = sum.addingProduct(a.scalars[i * k + p], b.scalars[p * n + j]) }
                rule[i * n + j] = accumulate ? start[i * n + j] + sum : sum
            } }
            let label = "\(m)×\(k)×\(n) transposeA \(transposeA) transposeB \(transposeB) accumulate \(accumulate) on \(matrixKernelPath)"
            #expect(chosen.map(\.bitPattern) == portable.map(\.bitPattern), "\(label)")
            #expect(chosen.map(\.bitPattern) == rule.map(\.bitPattern), "\(label)")
        }
    }

    @Test func shapeMismatchNamesTheCallersLine() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor([[1, 2, 3], [4, 5, 6]]), Tensor([[1, 2, 3], [4, 5, 6]]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("BehaviorTests.swift:\(#line - 4): Fatal error: shape mismatch in matmul: [2, 3] × [2, 3]"), "\(message)")
    }
}
