/// The coding key used for array indexes, dictionary entries, `super` and Extended JSON
/// wrapper keys, and in coding paths reported by ``BSONEncoder`` and ``BSONDecoder``.
struct BSONCodingKey: CodingKey, Sendable, Hashable {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    /// The key of array element `index`: BSON spells it `"0"`, `"1"`...
    init(index: Int) {
        self.init(intValue: index)
    }

    /// The default key of `superEncoder()` and `superDecoder()`.
    static let `super` = BSONCodingKey(stringValue: "super")
}

/// One step of a coding path, kept unconverted until a path is actually asked for.
enum BSONPathKey {
    case key(any CodingKey)
    case index(Int)

    var codingKey: any CodingKey {
        switch self {
        case .key(let key): key
        case .index(let index): BSONCodingKey(index: index)
        }
    }
}
