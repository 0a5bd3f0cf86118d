/// BSON's one integer vocabulary: every little-endian Int32, Int64, UInt32, UInt64 and Double
/// the library reads or writes goes through here, at a byte offset, unaligned.
///
/// Reading is offered on both raw pointer forms the hot paths use (a buffer, or its base
/// address where the caller has already unwrapped it); writing on a mutable raw pointer.
/// Nothing here checks bounds: callers read validated bytes or write into room they made.
@usableFromInline
protocol LittleEndianBytes {
    /// The `T` stored little-endian at `offset`.
    func integer<T: FixedWidthInteger & BitwiseCopyable>(at offset: Int, as: T.Type) -> T
}

extension LittleEndianBytes {
    @inlinable @inline(__always)
    func int32(at offset: Int) -> Int32 { integer(at: offset, as: Int32.self) }

    @inlinable @inline(__always)
    func uint32(at offset: Int) -> UInt32 { integer(at: offset, as: UInt32.self) }

    @inlinable @inline(__always)
    func int64(at offset: Int) -> Int64 { integer(at: offset, as: Int64.self) }

    @inlinable @inline(__always)
    func uint64(at offset: Int) -> UInt64 { integer(at: offset, as: UInt64.self) }

    /// A double: its IEEE 754 bits, little-endian.
    @inlinable @inline(__always)
    func double(at offset: Int) -> Double { Double(bitPattern: uint64(at: offset)) }

    /// The Int32 length field at `offset`, as an `Int`.
    @inlinable @inline(__always)
    func length(at offset: Int) -> Int { Int(int32(at: offset)) }
}

extension UnsafeRawBufferPointer: LittleEndianBytes {
    @inlinable @inline(__always)
    func integer<T: FixedWidthInteger & BitwiseCopyable>(at offset: Int, as: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

extension UnsafeRawPointer: LittleEndianBytes {
    @inlinable @inline(__always)
    func integer<T: FixedWidthInteger & BitwiseCopyable>(at offset: Int, as: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

extension UnsafeMutableRawPointer {
    /// Stores `value` little-endian at `offset` (unaligned).
    @inlinable @inline(__always)
    func storeLittleEndian<T: FixedWidthInteger & BitwiseCopyable>(_ value: T, at offset: Int = 0) {
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
    }
}
