/// One named step of a command: `course check` and `course build` are lists of them, run in
/// order, each announced as `[i/n] title` with `i` and `n` counted from the list (Publish's
/// `PublishingStep` is the model). A step may stop the command.
struct PipelineStep<Context> {
    enum Next { case proceed, stop }

    /// The step's line, from what the steps before it found (`Reading 9 lessons`).
    var title: (Context) -> String
    var body: (inout Context) -> Next

    init(_ title: @escaping (Context) -> String, _ body: @escaping (inout Context) -> Next) {
        self.title = title
        self.body = body
    }

    /// The same step, with `more` run after its body (unless the body stopped): a command that
    /// extends another's step without changing its number.
    func followed(by more: @escaping (inout Context) -> Next) -> PipelineStep {
        let body = self.body
        return PipelineStep(title) { context in body(&context) == .stop ? .stop : more(&context) }
    }

    /// Runs `steps` in order until one stops; returns whether all ran. `announce` gets each
    /// step's `[i/n] title` line (nil: say nothing).
    static func run(_ steps: [PipelineStep], on context: inout Context, announce: ((String) -> Void)?) -> Bool {
        for (position, step) in steps.enumerated() {
            announce?("[\(position + 1)/\(steps.count)] \(step.title(context))")
            if step.body(&context) == .stop { return false }
        }
        return true
    }
}
