import CFuzzDriver
import FuzzSupport
import LibBSONTestSupport

/// A byte stream -> BSONReader in memory and over a pipe: frames, offsets, documents. See ReaderCheck.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzCheck(data, size, ReaderCheck.check)
}

/// Writes this target's seeds and exits when FUZZ_WRITE_SEEDS is set (see Seeds).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzReaderInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    Seeds.writeIfAsked(.reader)
    return 0
}

/// The entry point: SwiftPM links executables with `--defsym main=FuzzReader_main`.
@_cdecl("FuzzReader_main")
public func fuzzReaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzReader(data, size) }
}
