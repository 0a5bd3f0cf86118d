import CLibBSON

/// Storage for one `bson_t` struct that Swift allocates itself.
///
/// libbson declares `bson_t` 128-byte aligned, so Swift cannot declare a variable of that type
/// (it sees `bson_t *` as `OpaquePointer`). The struct is 128 bytes; this gives it stack
/// memory of the right size and alignment for the span of a closure (no heap allocation).
enum BSONTStorage {
    /// `sizeof(bson_t)` and `_Alignof(bson_t)` on every platform libbson supports (checked
    /// against the C values by `BSONInteropTests`).
    static let size = 128
    static let alignment = 128

    /// Calls `body` with uninitialised storage for one `bson_t`, valid for the call only.
    static func withTemporary<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(byteCount: size, alignment: alignment) { raw in
            // A temporary allocation of a non-zero size always has an address.
            try body(OpaquePointer(raw.baseAddress.unsafelyUnwrapped))
        }
    }
}
