import Synchronization

/// Converted Codable keys, per context: snake_case conversion is costly (Foundation character
/// classes, lowercasing) and a service converts the same few hundred keys millions of times.
///
/// Reads and writes take a mutex; the table is bounded so a hostile stream of distinct keys
/// (decoding with `convertFromSnakeCase` sees the input's keys) cannot grow it without limit.
final class BSONKeyCache: Sendable {
    enum Direction: Sendable { case toSnakeCase, fromSnakeCase }

    /// Entries kept per direction; past this the table stops growing (conversions still work).
    static let capacity = 4096

    private let toSnake = Mutex<[String: String]>([:])
    private let fromSnake = Mutex<[String: String]>([:])

    var count: Int { toSnake.withLock { $0.count } + fromSnake.withLock { $0.count } }

    /// Whether `key` has an entry (for tests of isolation between contexts).
    func contains(_ key: String, _ direction: Direction) -> Bool {
        direction == .toSnakeCase ? toSnake.withLock { $0[key] != nil } : fromSnake.withLock { $0[key] != nil }
    }

    /// The converted key, from the cache or computed by `convert` and stored.
    func converted(_ key: String, _ direction: Direction, counters: BSONContextCounters,
                   convert: (String) -> String) -> String {
        func lookup(_ table: borrowing Mutex<[String: String]>) -> String? { table.withLock { $0[key] } }
        func store(_ table: borrowing Mutex<[String: String]>, _ value: String) {
            table.withLock { entries in
                if entries.count < Self.capacity { entries[key] = value }
            }
        }
        let hit = direction == .toSnakeCase ? lookup(toSnake) : lookup(fromSnake)
        if let hit {
            counters.recordHit()
            return hit
        }
        let value = convert(key)
        counters.recordMiss()
        if direction == .toSnakeCase { store(toSnake, value) } else { store(fromSnake, value) }
        return value
    }
}
