import CFuzzDriver
import FuzzSupport
import LibBSONTestSupport

/// BSON bytes -> validated document -> values -> Extended JSON -> our parser: see BSONRoundTrip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzCheck(data, size, BSONRoundTrip.check)
}

/// Writes this target's seeds and exits when FUZZ_WRITE_SEEDS is set (see Seeds).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzBSONInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    Seeds.writeIfAsked(.bson)
    return 0
}

/// The entry point: SwiftPM links executables with `--defsym main=FuzzBSON_main`.
@_cdecl("FuzzBSON_main")
public func fuzzBSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzBSON(data, size) }
}
