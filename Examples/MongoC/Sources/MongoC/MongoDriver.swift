import CMongoC

/// libmongoc's process-wide initialisation, done once before the first client.
///
/// `mongoc_cleanup()` is never called: it may only run when no libmongoc object is left, and a
/// library cannot know that; the operating system reclaims the state at exit.
enum MongoDriver {
    private static let initialized: Bool = {
        mongoc_init()
        return true
    }()

    /// Initialises libmongoc if no call has yet (thread-safe: a lazy global).
    static func initialize() {
        _ = initialized
    }
}
