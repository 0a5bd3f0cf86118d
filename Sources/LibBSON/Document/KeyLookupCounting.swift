#if DEBUG
import Synchronization
#endif

/// In debug builds, counts the steps key lookups take (elements scanned, table slots probed,
/// elements indexed) for the task that asks, so a test can check that building a document by
/// subscript is linear by counting work instead of timing it. Release builds count nothing.
enum KeyLookupCounting {
    #if DEBUG
    /// A running count, shared by the tasks that bind it.
    final class Counter: Sendable {
        private let steps = Atomic<Int>(0)
        var total: Int { steps.load(ordering: .relaxed) }
        func add(_ n: Int) { steps.add(n, ordering: .relaxed) }
    }

    /// The counter of the current task (nil: not counting).
    @TaskLocal static var counter: Counter?
    #endif

    /// Adds `steps` to the current task's counter, if it has one.
    @inline(__always)
    static func count(_ steps: Int) {
        #if DEBUG
        counter?.add(steps)
        #endif
    }
}
