import Testing
@testable import LibBSON

/// The per-context cache of converted Codable keys (State/BSONKeyCache.swift): each key is
/// converted once per direction, and the table stops growing at its capacity.
@Suite struct BSONKeyCacheTests {
    @Test func eachKeyIsConvertedOncePerDirection() {
        let cache = BSONKeyCache()
        let counters = BSONContextCounters()
        var conversions: [String] = []
        func convert(_ key: String, _ direction: BSONKeyCache.Direction) -> String {
            cache.converted(key, direction, counters: counters) { key in
                conversions.append(key)
                return direction == .toSnakeCase ? SnakeCaseConversion.toSnakeCase(key) : SnakeCaseConversion.fromSnakeCase(key)
            }
        }
        #expect(convert("firstName", .toSnakeCase) == "first_name")
        #expect(convert("firstName", .toSnakeCase) == "first_name")
        #expect(convert("first_name", .fromSnakeCase) == "firstName")
        #expect(convert("first_name", .fromSnakeCase) == "firstName")
        // The same text in the other direction is another entry.
        #expect(convert("firstName", .fromSnakeCase) == "firstName")
        #expect(conversions == ["firstName", "first_name", "firstName"])
        #expect(cache.count == 3)
        #expect(cache.contains("firstName", .toSnakeCase) && cache.contains("firstName", .fromSnakeCase))
        #expect(!cache.contains("first_name", .toSnakeCase))
        let statistics = counters.snapshot(keyCacheEntries: cache.count)
        #expect(statistics.cacheMisses == 3)
        #expect(statistics.cacheHits == 2)
    }

    /// A stream of distinct keys (decoding hostile input with `convertFromSnakeCase`) fills the
    /// table to its capacity and no further; keys past it are still converted, every time.
    @Test func theTableStopsGrowingAtItsCapacity() {
        let cache = BSONKeyCache()
        let counters = BSONContextCounters()
        let keys = (0..<(BSONKeyCache.capacity + 100)).map { "key_\($0)" }
        for key in keys {
            #expect(cache.converted(key, .fromSnakeCase, counters: counters, convert: SnakeCaseConversion.fromSnakeCase)
                == SnakeCaseConversion.fromSnakeCase(key))
        }
        #expect(cache.count == BSONKeyCache.capacity)
        let late = keys[keys.count - 1]
        #expect(!cache.contains(late, .fromSnakeCase))
        var converted = 0
        _ = cache.converted(late, .fromSnakeCase, counters: counters) { converted += 1; return $0 }
        #expect(converted == 1, "a key that did not fit is converted again")
        #expect(counters.snapshot(keyCacheEntries: cache.count).cacheMisses == keys.count + 1)
    }
}
