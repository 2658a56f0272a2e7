import Testing
@testable import Neural

/// Values, gradients and optimizer steps compared with PyTorch's on the same inputs
/// (Tests/NeuralTests/PyTorchReference.swift, made by Scripts/generate_pytorch_reference.py).
@Suite struct PyTorchReferenceTests {
    static let operations: [String: @Sendable ([String: Tensor], [String: Tensor]) -> Tensor] = [
        "add": { i, _ in i["x"]! + i["y"]! },
        "addBroadcastRow": { i, _ in i["x"]! + i["y"]! },
        "addBroadcastColumn": { i, _ in i["x"]! + i["y"]! },
        "subtractBroadcast": { i, _ in i["x"]! - i["y"]! },
        "multiply": { i, _ in i["x"]! * i["y"]! },
        "multiplyBroadcast": { i, _ in i["x"]! * i["y"]! },
        "divide": { i, _ in i["x"]! / i["y"]! },
        "negate": { i, _ in -i["x"]! },
        "square": { i, _ in i["x"]!.pow(2) },
        "powCube": { i, _ in i["x"]!.pow(3) },
        "sqrt": { i, _ in sqrt(i["x"]!) },
        "exp": { i, _ in exp(i["x"]!) },
        "log": { i, _ in log(i["x"]!) },
        "matmul": { i, _ in matmul(i["x"]!, i["y"]!) },
        "linear": { i, _ in linear(i["x"]!, weight: i["w"]!, bias: i["b"]!) },
        "transpose": { i, _ in i["x"]!.transposed() },
        "sum": { i, _ in i["x"]!.sum() },
        "sumAxis0": { i, _ in i["x"]!.sum(axis: 0) },
        "sumAxis1": { i, _ in i["x"]!.sum(axis: 1) },
        "mean": { i, _ in i["x"]!.mean() },
        "meanAxis1": { i, _ in i["x"]!.mean(axis: 1) },
        "maxAxis1": { i, _ in i["x"]!.max(axis: 1) },
        "relu": { i, _ in relu(i["x"]!) },
        "leakyReLU": { i, _ in leakyReLU(i["x"]!, negativeSlope: 0.1) },
        "sigmoid": { i, _ in sigmoid(i["x"]!) },
        "tanh": { i, _ in tanh(i["x"]!) },
        "softmax": { i, _ in softmax(i["x"]!, axis: 1) },
        "softmaxAxis0": { i, _ in softmax(i["x"]!, axis: 0) },
        "logSoftmax": { i, _ in logSoftmax(i["x"]!, axis: 1) },
        "meanSquaredError": { i, _ in meanSquaredError(predicted: i["p"]!, expected: i["y"]!) },
        "binaryCrossEntropy": { i, e in binaryCrossEntropy(predicted: i["p"]!, expected: e["y"]!) },
        "binaryCrossEntropyLogits": { i, e in binaryCrossEntropy(logits: i["z"]!, expected: e["y"]!) },
        "crossEntropy": { i, e in crossEntropy(logits: i["z"]!, labels: e["labels"]!) },
        "crossEntropyHugeLogits": { i, e in crossEntropy(logits: i["z"]!, labels: e["labels"]!) },
        "binaryCrossEntropyHugeLogits": { i, e in binaryCrossEntropy(logits: i["z"]!, expected: e["y"]!) },
        "mlp": { i, e in
            let hidden = tanh(linear(e["x"]!, weight: i["w1"]!, bias: i["b1"]!))
            return binaryCrossEntropy(predicted: sigmoid(linear(hidden, weight: i["w2"]!, bias: i["b2"]!)), expected: e["y"]!)
        },
    ]

    @Test(arguments: PyTorchReference.cases.keys.sorted())
    func operationMatchesPyTorch(_ name: String) throws {
        let reference = try #require(PyTorchReference.cases[name])
        let operation = try #require(Self.operations[name], "no Swift operation for case \(name)")
        let inputs = reference.inputs.mapValues { t -> Tensor in
            let x = t.tensor
            x.requiresGrad = true
            return x
        }
        let output = operation(inputs, reference.extra.mapValues(\.tensor))
        #expect(output.shape == reference.output.shape)
        expectClose(output.scalars, reference.output.scalars, "\(name) output")
        #expect(output.scalars.allSatisfy { $0.isFinite })
        (output * reference.upstream.tensor).sum().backward()
        for (input, expected) in reference.gradients {
            let grad = try #require(inputs[input]?.gradScalars, "\(name): no gradient for \(input)")
            expectClose(grad, expected.scalars, "\(name) ∂L/∂\(input)")
        }
    }

    @Test func largeMatmulMatchesPyTorch() {
        func formula(_ rows: Int, _ columns: Int, _ a: Int, _ b: Int) -> Tensor {
            Tensor(shape: [rows, columns], scalars: (0..<rows * columns).map { n in
                Float((n / columns * a + n % columns * b) % 23) / 11.5 - 1
            })
        }
        let x = formula(36, 72, 31, 17), y = formula(72, 64, 13, 29), upstream = formula(36, 64, 7, 5)
        x.requiresGrad = true
        y.requiresGrad = true
        let z = matmul(x, y)
        (z * upstream).sum().backward()
        expectClose(z.sum(axis: 1).scalars, PyTorchReference.largeMatmulOutputRowSums.scalars, relative: 1e-4, "row sums")
        expectClose(x.grad!.sum(axis: 1).scalars, PyTorchReference.largeMatmulGradXRowSums.scalars, relative: 1e-4, "∂L/∂x row sums")
        expectClose(y.grad!.sum(axis: 0).scalars, PyTorchReference.largeMatmulGradYColumnSums.scalars, relative: 1e-4, "∂L/∂y column sums")
    }

    static let optimizers: [String: @Sendable ([Tensor]) -> any Optimizer] = [
        "sgd": { SGD(parameters: $0, learningRate: 0.1) },
        "sgdMomentum": { SGD(parameters: $0, learningRate: 0.1, momentum: 0.9) },
        "sgdNesterov": { SGD(parameters: $0, learningRate: 0.1, momentum: 0.9, nesterov: true) },
        "sgdWeightDecay": { SGD(parameters: $0, learningRate: 0.1, momentum: 0.5, weightDecay: 0.1) },
        "rmsprop": { RMSprop(parameters: $0, learningRate: 0.01) },
        "rmspropWeightDecay": { RMSprop(parameters: $0, learningRate: 0.01, alpha: 0.9, weightDecay: 0.1) },
        "adam": { Adam(parameters: $0, learningRate: 0.1) },
        "adamWeightDecay": { Adam(parameters: $0, learningRate: 0.1, weightDecay: 0.1) },
        "adamW": { AdamW(parameters: $0, learningRate: 0.1) },
    ]

    @Test(arguments: PyTorchReference.optimizerSteps.keys.sorted())
    func optimizerStepsMatchPyTorch(_ name: String) throws {
        let p = PyTorchReference.optimizerStart.tensor
        p.requiresGrad = true
        let c = PyTorchReference.optimizerC.tensor, d = PyTorchReference.optimizerD.tensor
        let makeOptimizer = try #require(Self.optimizers[name])
        let optimizer = makeOptimizer([p])
        for (step, expected) in try #require(PyTorchReference.optimizerSteps[name]).enumerated() {
            optimizer.zeroGrad()
            (c * p * p + d * p).sum().backward()
            optimizer.step()
            expectClose(p.scalars, expected.scalars, "\(name) step \(step + 1)")
        }
    }
}
