/// The element reader's names from before `Wire/`, kept as thin forwarders for the callers
/// that have not moved yet (`Codable/`, and bson-dump's formats in `Streams/`).
///
/// New code uses the homes these forward to: ``LittleEndianBytes`` for integers,
/// ``ByteScan`` for C strings, ``BSONValueLayout`` for value sizes and ``BSONElementReader``
/// for values. Type bytes here are raw, as those callers hold them.
enum BSONBytes {
    @inline(__always)
    static func int32(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int32 { p.int32(at: at) }

    @inline(__always)
    static func int64(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int64 { p.int64(at: at) }

    @inline(__always)
    static func uint64(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt64 { p.uint64(at: at) }

    @inline(__always)
    static func cstringEnd(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int { ByteScan.cstringEnd(p, at) }

    @inline(__always)
    static func string(_ p: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        BSONElementReader.string(p, from, to)
    }

    @inline(__always)
    static func valueSize(_ p: UnsafeRawBufferPointer, _ type: UInt8, _ at: Int) -> Int {
        BSONValueLayout.size(p, BSONType(validated: type), at: at)
    }

    static func value(_ p: UnsafeRawBufferPointer, _ type: UInt8, _ at: Int, owner: ArraySlice<UInt8>) -> BSON {
        BSONElementReader.value(p, BSONType(validated: type), at, owner: owner)
    }
}
