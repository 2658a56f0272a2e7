import Testing
@testable import Neural

/// Lesson outputs are checked text: printing must be exact and stable.
@Suite struct PrintingTests {
    @Test func numbers() {
        #expect(NumberFormatting.format(0.7310586) == "0.7311")
        #expect(NumberFormatting.format(-2.0) == "-2.0000")
        #expect(NumberFormatting.format(-0.00004) == "-4.0000e-05")
        #expect(NumberFormatting.format(123456789.0) == "1.2346e+08")
        #expect(NumberFormatting.format(0.0) == "0.0000")
        #expect(NumberFormatting.format(Double.nan) == "nan")
        #expect(NumberFormatting.format(-Double.infinity) == "-inf")
        #expect(NumberFormatting.scientific(9.99996) == "1.0000e+01")
        #expect(NumberFormatting.fixed(0.00004) == "0.0000")
    }

    @Test func tensors() {
        #expect(Tensor(0.5).description == "Tensor(0.5000)")
        #expect(Tensor([1, 2, 3]).description == "Tensor([1., 2., 3.])")
        #expect(Tensor([[0.1, -0.2], [0.3, 0.4]]).description == """
            Tensor([[ 0.1000, -0.2000],
                    [ 0.3000,  0.4000]])
            """)
        #expect(Tensor([0.5, 1], requiresGrad: true).description == "Tensor([0.5000, 1.0000], requiresGrad: true)")
        #expect(Tensor([1e-6, 1, 1000]).description == "Tensor([1.0000e-06, 1.0000e+00, 1.0000e+03])")
        #expect(Tensor(shape: [2, 2, 1], scalars: [1, 2, 3, 4]).description == """
            Tensor([[[1.],
                     [2.]],

                    [[3.],
                     [4.]]])
            """)
        let big = Tensor(shape: [100, 20], scalars: (0..<2000).map(Float.init))
        #expect(big.description == """
            Tensor([[   0.,    1.,    2., ...,   17.,   18.,   19.],
                    [  20.,   21.,   22., ...,   37.,   38.,   39.],
                    [  40.,   41.,   42., ...,   57.,   58.,   59.],
                    ...,
                    [1940., 1941., 1942., ..., 1957., 1958., 1959.],
                    [1960., 1961., 1962., ..., 1977., 1978., 1979.],
                    [1980., 1981., 1982., ..., 1997., 1998., 1999.]])
            """)
    }

    @Test func modelsAndValues() {
        var g = SeededGenerator(seed: 0)
        let model = Sequential(Linear(inputSize: 2, outputSize: 16, using: &g), ReLU(), Dropout(probability: 0.1),
                               Linear(inputSize: 16, outputSize: 1, bias: false, using: &g), Sigmoid())
        #expect(model.description == """
            Sequential(
              (0): Linear(inputSize: 2, outputSize: 16)
              (1): ReLU()
              (2): Dropout(probability: 0.1000)
              (3): Linear(inputSize: 16, outputSize: 1, bias: false)
              (4): Sigmoid()
            )
            """)
        #expect(model.parameterCount == 2 * 16 + 16 + 16)
        let a = Value(2, label: "a"), b = Value(-3, label: "b")
        let c = a * b + a
        c.label = "c"
        c.backward()
        #expect(a.description == "Value(data: 2.0000, grad: -2.0000)")
        #expect(c.graphDescription == """
            c [+] data: -4.0000, grad: 1.0000
            ├─ [*] data: -6.0000, grad: 1.0000
            │  ├─ a data: 2.0000, grad: -2.0000
            │  └─ b data: -3.0000, grad: 2.0000
            └─ a data: 2.0000, grad: -2.0000
            """)
        #expect(Perceptron(weights: [0.5, -0.5], bias: 0.1).description == "Perceptron(weights: [0.5000, -0.5000], bias: 0.1000)")
        #expect(ConfusionMatrix(predicted: [0, 1, 2, 2], actual: [0, 1, 1, 2], classCount: 3).description == """
            actual \\ predicted 0 1 2
                             0 1 0 0
                             1 0 1 1
                             2 0 0 1
            """)
    }
}
