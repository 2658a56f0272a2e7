// Fuzz target for MathRenderer: see FuzzTarget.mathRenderer in Fuzz/Properties for the properties checked.
//
// A normal `swift build` makes a replayer: `FuzzMathRenderer FILE...` runs the checks on each file
// and exits 1 if any fails. Scripts/fuzz.sh builds it with `--sanitize fuzzer -DFUZZING
// -parse-as-library`, which makes it a libFuzzer binary.
import FuzzProperties

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.mathRenderer.checkOrTrap(bytes)
    return 0
}
#else  // (a declaration, not an expression: this branch must also parse in library mode)
let _: Never = FuzzTarget.mathRenderer.replayAndExit(CommandLine.arguments.dropFirst())
#endif
