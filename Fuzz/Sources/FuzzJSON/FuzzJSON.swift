import CFuzzDriver
import FuzzSupport

/// Extended JSON text -> document -> canonical JSON -> document, a fixpoint, and the document through
/// BSONRoundTrip: see JSONFixpoint. The input bytes are read as UTF-8 the way a caller holding
/// bytes would make a String (invalid sequences become U+FFFD).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    JSONFixpoint.check(String(decoding: fuzzInput(data, size), as: UTF8.self), deep: true)
    return 0
}

/// Writes this target's seeds and exits when FUZZ_WRITE_SEEDS is set (see Seeds).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzJSONInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    Seeds.writeIfAsked(.json)
    return 0
}

/// The entry point: SwiftPM links executables with `--defsym main=FuzzJSON_main`.
@_cdecl("FuzzJSON_main")
public func fuzzJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzJSON(data, size) }
}
