import CLibBSON

/// Owns one libbson `bson_context_t` and generates ObjectIds from it.
///
/// The context is created with `BSON_CONTEXT_DISABLE_PID_CACHE`, so libbson compares the
/// process id on every generation and draws a new random value and counter after `fork()`:
/// a child process never repeats its parent's ids.
final class ObjectIDGenerator: @unchecked Sendable {
    // @unchecked: the pointer is set once in init and freed once in deinit; libbson's
    // bson_oid_init is thread-safe on a shared context (its counter is atomic).
    private let context: OpaquePointer

    init() {
        context = bson_context_new(BSON_CONTEXT_DISABLE_PID_CACHE)
    }

    deinit {
        bson_context_destroy(context)
    }

    func next() -> BSONObjectID {
        var oid = bson_oid_t()
        bson_oid_init(&oid, context)
        return BSONObjectID(bytes: oid.bytes)
    }
}
