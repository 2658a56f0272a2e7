import Neural
import Testing

@Suite struct PerceptronSmokeTests {
    @Test func predictsWithAStepActivation() {
        let p = Perceptron(weights: [0.5, -0.5], bias: 0.1)
        #expect(p.predict([1, 0]) == 1)
        #expect(p.predict([0, 1]) == 0)
    }
}
