import Foundation
import Testing
@testable import LibBSON

/// What a context reports about its use (State/BSONContextStatistics.swift): operations while
/// counting is on, and its key cache's hits, misses and entries, always.
@Suite struct BSONContextStatisticsTests {
    /// Turns operation counting on for `body`. Counting is process-wide, so the tests that use
    /// it hold a lock to keep their windows from overlapping; other tests only ever see more
    /// counts.
    static func withCounting<R>(_ body: () throws -> R) rethrows -> R {
        countingLock.lock()
        defer { countingLock.unlock() }
        BSONContext.collectsStatistics = true
        defer { BSONContext.collectsStatistics = false }
        return try body()
    }

    private static let countingLock = NSLock()

    @Test func statisticsCountOperationsPerContextWhenEnabled() throws {
        let a = BSONContext(name: "counted")
        let bytes = (["x": 1] as BSONDocument).bytes
        let before = a.statistics.operations
        try Self.withCounting {
            try BSONContext.withCurrent(a) {
                for _ in 0..<10 { _ = try BSONDocument(fromBSON: bytes) }
            }
        }
        #expect(a.statistics.operations - before == 10)
        _ = try BSONContext.withCurrent(a) { try BSONDocument(fromBSON: bytes) }
        #expect(a.statistics.operations - before == 10, "not counted while counting is off")
    }

    struct Profile: Codable { var firstName: String; var lastLoginAt: Int }

    /// The first encode converts each property name once (misses, then entries); later ones
    /// find them in the context's cache (hits), counted whether or not operations are.
    @Test func cacheCountersFollowKeyConversions() throws {
        var snake = BSONCoderOptions()
        snake.keyEncodingStrategy = .convertToSnakeCase
        let context = BSONContext(name: "snake", coderOptions: snake)
        #expect(context.statistics == BSONContextStatistics(operations: 0, cacheHits: 0, cacheMisses: 0, cacheEntries: 0))
        let profile = Profile(firstName: "Ada", lastLoginAt: 1)
        let first = try BSONContext.withCurrent(context) { try BSONEncoder().encode(profile) }
        #expect(first.keys == ["first_name", "last_login_at"])
        #expect(context.statistics.cacheMisses == 2)
        #expect(context.statistics.cacheEntries == 2)
        #expect(context.statistics.cacheHits == 0)
        for _ in 0..<3 { _ = try BSONContext.withCurrent(context) { try BSONEncoder().encode(profile) } }
        #expect(context.statistics.cacheHits == 6)
        #expect(context.statistics.cacheMisses == 2)
        #expect(context.statistics.cacheEntries == 2)
        // Another context's cache is its own.
        #expect(BSONContext(name: "other", coderOptions: snake).statistics.cacheEntries == 0)
    }

    @Test func descriptionNamesEveryCounter() {
        let statistics = BSONContextStatistics(operations: 4, cacheHits: 3, cacheMisses: 2, cacheEntries: 1)
        #expect(statistics.description == "operations 4, cache hits 3, misses 2, entries 1")
    }
}
