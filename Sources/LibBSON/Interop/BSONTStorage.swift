import CLibBSON

/// Storage for one `bson_t` struct that Swift allocates itself.
///
/// libbson declares `bson_t` 128-byte aligned, so Swift cannot declare a variable of that type
/// (it sees `bson_t *` as `OpaquePointer`). The struct is 128 bytes.
@usableFromInline
enum BSONTStorage {
    /// `sizeof(bson_t)` and `_Alignof(bson_t)` on every platform libbson supports (checked
    /// against the C values by the interop tests).
    @inlinable static var size: Int { 128 }
    @inlinable static var alignment: Int { 128 }

    /// Calls `body` with uninitialised storage for one `bson_t` on the stack, valid for the
    /// call only.
    ///
    /// `withUnsafeTemporaryAllocation` moves to the heap for any alignment above 16, so this
    /// asks for 16-byte-aligned stack memory with room to round up to a 128-byte boundary
    /// (at most 112 bytes of slack). Inlinable so that callers in other modules get it
    /// specialised for their result type (no generic `Result` path, no allocation).
    @inlinable
    static func withTemporary<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(byteCount: size + alignment - 16, alignment: 16) { raw in
            // A temporary allocation of a non-zero size always has an address.
            let aligned = raw.baseAddress.unsafelyUnwrapped.alignedUp(toMultipleOf: alignment)
            return try body(OpaquePointer(aligned))
        }
    }
}
