extension BSONContext {
    /// The context bound to the current task (or thread); ``global`` when none is.
    ///
    /// Not optional on purpose: `TaskLocal<BSONContext?>.get()` asks the runtime for the
    /// generic metadata of `Optional<BSONContext>` on every read (about 1,000 instructions per
    /// operation, measured with callgrind); a non-generic class value needs no such lookup.
    @TaskLocal static var bound: BSONContext = BSONContext.global

    /// The context operations use right now: the bound one, or ``global``.
    @available(*, deprecated, renamed: "resolve()", message: "one way to ask which context applies: resolve() (with no argument, the bound context or global)")
    public static var current: BSONContext { bound }

    /// The one place where an operation chooses its state: `explicit` if given, else the
    /// context bound with ``withCurrent(_:_:)``, else ``global``. Call it with
    /// no argument to ask which context applies here (when operation counting is on in
    /// ``BSONContextStatistics``, each call counts as one operation of that context).
    ///
    /// With no context bound this is one task-local read and no locks: the global fast path.
    @inline(__always)
    public static func resolve(_ explicit: BSONContext? = nil) -> BSONContext {
        let context = explicit ?? bound
        if BSONContextCounters.enabled {
            context.counters.recordOperation()
        }
        return context
    }

    /// Runs `body` with `context` bound: every operation inside (on this task, its child
    /// tasks and tasks it creates with `Task { }`) uses `context`'s settings and caches.
    /// Bindings nest; the previous one is restored when `body` returns or throws.
    /// Detached tasks do not inherit the binding.
    public static func withCurrent<R>(_ context: BSONContext, _ body: () throws -> R) rethrows -> R {
        try $bound.withValue(context, operation: body)
    }

    /// Runs the asynchronous `body` with `context` bound; see the synchronous overload.
    public static func withCurrent<R>(
        _ context: BSONContext,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> R
    ) async rethrows -> R {
        try await $bound.withValue(context, operation: body, isolation: isolation)
    }
}
