import Testing
@testable import Neural
import TestSupport

/// Finite-difference checks of every differentiable operation, loss and layer.
@Suite(.offThePool) struct GradientCheckTests {
    @Test func elementwiseArithmetic() {
        checkGradients([randomTensor([2, 3], seed: 1), randomTensor([2, 3], seed: 2)]) { $0[0] + $0[1] }
        checkGradients([randomTensor([2, 3], seed: 1), randomTensor([2, 3], seed: 2)]) { $0[0] - $0[1] }
        checkGradients([randomTensor([2, 3], seed: 1), randomTensor([2, 3], seed: 2)]) { $0[0] * $0[1] }
        checkGradients([randomTensor([2, 3], seed: 1), randomTensor([2, 3], seed: 2, positive: true)]) { $0[0] / $0[1] }
        checkGradients([randomTensor([2, 3], seed: 1)]) { -$0[0] }
        checkGradients([randomTensor([2, 3], seed: 1)]) { $0[0] * 3 + 1 }
        checkGradients([randomTensor([2, 3], seed: 1)]) { 2 / $0[0] - 1 }
    }

    @Test func broadcasting() {
        checkGradients([randomTensor([4, 3], seed: 3), randomTensor([3], seed: 4)]) { $0[0] + $0[1] }
        checkGradients([randomTensor([4, 3], seed: 3), randomTensor([4, 1], seed: 4)]) { $0[0] * $0[1] }
        checkGradients([randomTensor([2, 1, 3], seed: 3), randomTensor([4, 1], seed: 4)]) { $0[0] * $0[1] }
        checkGradients([randomTensor([1, 3], seed: 3), randomTensor([4, 3], seed: 4, positive: true)]) { $0[0] / $0[1] }
        checkGradients([randomTensor([], seed: 5), randomTensor([2, 2], seed: 6)]) { $0[0] - $0[1] }
    }

    @Test func elementwiseFunctions() {
        checkGradients([randomTensor([2, 3], seed: 7)]) { $0[0].pow(3) }
        checkGradients([randomTensor([2, 3], seed: 7)]) { $0[0].squared() }
        checkGradients([randomTensor([2, 3], seed: 7, positive: true)]) { $0[0].sqrt() }
        checkGradients([randomTensor([2, 3], seed: 7)]) { exp($0[0]) }
        checkGradients([randomTensor([2, 3], seed: 7, positive: true)]) { log($0[0]) }
    }

    @Test func matrixOperations() {
        checkGradients([randomTensor([3, 4], seed: 8), randomTensor([4, 5], seed: 9)]) { matmul($0[0], $0[1]) }
        // Large enough for the BLAS path, small enough to check by finite differences.
        checkGradients([randomTensor([20, 90], seed: 8), randomTensor([90, 100], seed: 9)], tolerance: 2e-2) {
            matmul($0[0], $0[1])
        }
        checkGradients([randomTensor([5, 4], seed: 8), randomTensor([4, 3], seed: 9), randomTensor([3], seed: 10)]) {
            linear($0[0], weight: $0[1], bias: $0[2])
        }
        checkGradients([randomTensor([2, 3], seed: 8)]) { $0[0].transposed() }
        checkGradients([randomTensor([2, 3], seed: 8)]) { $0[0].reshaped([3, -1]) }
    }

    @Test func reductions() {
        checkGradients([randomTensor([2, 3, 4], seed: 11)]) { $0[0].sum() }
        checkGradients([randomTensor([2, 3, 4], seed: 11)]) { $0[0].sum(axis: 1) }
        checkGradients([randomTensor([2, 3, 4], seed: 11)]) { $0[0].sum(axis: -1, keepingDimension: true) }
        checkGradients([randomTensor([2, 3, 4], seed: 11)]) { $0[0].mean() }
        checkGradients([randomTensor([2, 3, 4], seed: 11)]) { $0[0].mean(axis: 0) }
        checkGradients([randomTensor([3, 4], seed: 11)]) { $0[0].max(axis: 1).values }
    }

    @Test func activations() {
        checkGradients([randomTensor([3, 4], seed: 12)]) { relu($0[0]) }
        checkGradients([randomTensor([3, 4], seed: 12)]) { leakyReLU($0[0], negativeSlope: 0.2) }
        checkGradients([randomTensor([3, 4], seed: 12)]) { sigmoid($0[0]) }
        checkGradients([randomTensor([3, 4], seed: 12)]) { tanh($0[0]) }
        checkGradients([randomTensor([3, 4], seed: 12)]) { softmax($0[0]) }
        checkGradients([randomTensor([3, 4], seed: 12)]) { softmax($0[0], axis: 0) }
        checkGradients([randomTensor([3, 4], seed: 12)]) { logSoftmax($0[0]) }
    }

    @Test func losses() {
        let targets = Tensor([[1, 0, 1], [0, 0, 1]])
        checkGradients([randomTensor([2, 3], seed: 13), randomTensor([2, 3], seed: 14)]) {
            meanSquaredError(predicted: $0[0], expected: $0[1])
        }
        checkGradients([Tensor([[0.2, 0.7, 0.9], [0.4, 0.1, 0.6]])], epsilon: 1e-4) {
            binaryCrossEntropy(predicted: $0[0], expected: targets)
        }
        checkGradients([randomTensor([2, 3], seed: 15)]) { binaryCrossEntropy(logits: $0[0], expected: targets) }
        checkGradients([randomTensor([4, 5], seed: 16)]) { crossEntropy(logits: $0[0], labels: [0, 4, 2, 2]) }
    }

    @Test func layers() {
        var g = SeededGenerator(seed: 17)
        let model = Sequential(
            Linear(inputSize: 3, outputSize: 5, using: &g), Tanh(),
            Linear(inputSize: 5, outputSize: 4, initialization: .he, using: &g), LeakyReLU(),
            Linear(inputSize: 4, outputSize: 2, using: &g), Sigmoid())
        let x = randomTensor([6, 3], seed: 18)
        checkGradients(model.parameters + [x]) { _ in model(x) }
        checkGradients([randomTensor([4, 6], seed: 19)]) { Dropout(probability: 0.3, seed: 7)($0[0]) }
        checkGradients([randomTensor([4, 6], seed: 19)]) { Softmax()(ReLU()($0[0])) }
    }
}
