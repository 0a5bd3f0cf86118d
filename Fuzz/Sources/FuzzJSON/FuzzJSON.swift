import CFuzzDriver
import FuzzSupport
import LibBSONTestSupport

/// Extended JSON bytes -> document, the same as from a String when the bytes are UTF-8; then
/// text -> document -> canonical JSON -> document, a fixpoint, and the document through
/// BSONRoundTrip: see JSONFixpoint.check(bytes:deep:).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzCheck(data, size) { bytes throws(InvariantViolation) in try JSONFixpoint.check(bytes: bytes, deep: true) }
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
