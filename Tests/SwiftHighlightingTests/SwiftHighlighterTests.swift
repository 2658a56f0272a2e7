import SwiftHighlighting
import Testing

@Suite struct SwiftHighlighterTests {
    func render(_ code: String) -> String {
        SwiftHighlighter.tokens(in: code).map { $0.kind == .plain ? $0.text : "<\($0.kind.rawValue)>\($0.text)</>" }.joined()
    }

    @Test func classifiesKeywordsTypesLiteralsAndComments() {
        let code = """
            import Neural
            // a layer
            let layer = Linear(inputSize: 2, outputSize: 1)
            print(layer.weight, "w", 0.5)
            """
        #expect(render(code) == """
            <keyword>import</> <type>Neural</>
            <comment>// a layer</>
            <keyword>let</> <identifier>layer</> = <type>Linear</>(<label>inputSize</>: <number>2</>, <label>outputSize</>: <number>1</>)
            <identifier>print</>(<identifier>layer</>.<identifier>weight</>, <string>"w"</>, <number>0.5</>)
            """)
    }

    @Test func tokensGiveBackTheSourceExactly() {
        let code = "var x: [Float] = [1, 2] /* block */\n\"unterminated\n@MainActor func f() {}\n"
        #expect(SwiftHighlighter.tokens(in: code).map(\.text).joined() == code)
    }
}
