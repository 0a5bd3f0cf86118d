import CLibBSON
import Synchronization

/// Owns one libbson `bson_context_t` and generates ObjectIds from it.
///
/// The context is created with `BSON_CONTEXT_DISABLE_PID_CACHE`, so libbson compares the
/// process id on every generation and draws a new random value after `fork()`: a child process
/// never repeats its parent's ids.
///
/// libbson 1.23 re-seeds with plain, unsynchronised stores, so two threads of a freshly forked
/// child generating at once could race on it. The generator therefore checks the process id
/// itself first: the first generation in a new process happens under a lock (that is where
/// libbson re-seeds), and only then is the new process id published for the lock-free path.
final class ObjectIDGenerator: @unchecked Sendable {
    // @unchecked: `context` is set once in init and freed once in deinit; bson_oid_init is
    // thread-safe on a shared context once it is seeded for the current process (its counter
    // is atomic), which `seededPID` and `reseedLock` guarantee.
    private let context: OpaquePointer
    private let seededPID: Atomic<Int32>
    private let reseedLock = Mutex<Void>(())

    init() {
        context = bson_context_new(BSON_CONTEXT_DISABLE_PID_CACHE)
        seededPID = Atomic<Int32>(SystemCalls.processID())
    }

    deinit {
        bson_context_destroy(context)
    }

    func next() -> BSONObjectID {
        var oid = bson_oid_t()
        let pid = SystemCalls.processID()
        if seededPID.load(ordering: .acquiring) == pid {
            bson_oid_init(&oid, context)
        } else {
            reseedLock.withLock { _ in
                bson_oid_init(&oid, context)   // the first call in this process re-seeds
                seededPID.store(pid, ordering: .releasing)
            }
        }
        return BSONObjectID(bytes: oid.bytes)
    }
}
