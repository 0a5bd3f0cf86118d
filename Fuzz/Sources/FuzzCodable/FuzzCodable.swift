import CFuzzDriver
import FuzzSupport
import LibBSONTestSupport

/// BSON bytes -> BSONDecoder (a representative struct) -> BSONEncoder -> decode: equal. See CodableRoundTrip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCodable(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzCheck(data, size, CodableRoundTrip.check)
}

/// Writes this target's seeds and exits when FUZZ_WRITE_SEEDS is set (see Seeds).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzCodableInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    Seeds.writeIfAsked(.codable)
    return 0
}

/// The entry point: SwiftPM links executables with `--defsym main=FuzzCodable_main`.
@_cdecl("FuzzCodable_main")
public func fuzzCodableMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzCodable(data, size) }
}
