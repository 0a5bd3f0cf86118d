import Synchronization

/// What a context has been used for: operations resolved to it and its cache's hits and misses.
///
/// Operation counting costs an atomic increment per operation, so it is off unless
/// ``BSONContext/collectsStatistics`` is turned on (tests and debugging). Cache counters are
/// always kept: they are touched only on the slow path that fills the cache anyway.
public struct BSONContextStatistics: Sendable, Hashable, CustomStringConvertible {
    /// Operations (encodes, decodes, document validations, ObjectId generations) that
    /// resolved to this context while counting was on.
    public var operations: Int
    /// Key conversions answered from the cache.
    public var cacheHits: Int
    /// Key conversions computed and stored.
    public var cacheMisses: Int
    /// Entries in the key cache.
    public var cacheEntries: Int

    public var description: String {
        "operations \(operations), cache hits \(cacheHits), misses \(cacheMisses), entries \(cacheEntries)"
    }
}

extension BSONContext {
    /// Whether operations are counted per context (``BSONContextStatistics/operations``).
    /// Off by default: the global fast path then touches no shared counter.
    public static var collectsStatistics: Bool {
        get { BSONContextCounters.enabled }
        set { BSONContextCounters.setEnabled(newValue) }
    }
}

/// Relaxed atomic counters of one context.
final class BSONContextCounters: Sendable {
    private let operations = Atomic<Int>(0)
    private let hits = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)

    private static let enabledFlag = Atomic<Bool>(false)
    static var enabled: Bool { enabledFlag.load(ordering: .relaxed) }
    static func setEnabled(_ value: Bool) { enabledFlag.store(value, ordering: .relaxed) }

    func recordOperation() { operations.wrappingAdd(1, ordering: .relaxed) }
    func recordHit() { hits.wrappingAdd(1, ordering: .relaxed) }
    func recordMiss() { misses.wrappingAdd(1, ordering: .relaxed) }

    func snapshot(keyCacheEntries: Int) -> BSONContextStatistics {
        BSONContextStatistics(operations: operations.load(ordering: .relaxed),
                              cacheHits: hits.load(ordering: .relaxed),
                              cacheMisses: misses.load(ordering: .relaxed),
                              cacheEntries: keyCacheEntries)
    }
}
