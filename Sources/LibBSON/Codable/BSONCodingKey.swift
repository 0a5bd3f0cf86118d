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

/// A node of either coder (``BSONEncoder``'s or ``BSONDecoder``'s `Encoder`/`Decoder`): its
/// parent and the coding-path step it adds, so that a path is built only when one is asked for.
protocol BSONCodingPathNode: AnyObject {
    /// The node this one is an element of; nil at the top level.
    var parent: Self? { get }
    /// This node's coding-path step; nil when it adds none (the top level).
    var pathKey: BSONPathKey? { get }
}

extension BSONCodingPathNode {
    /// The keys from the top level down to this node.
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: Self? = self
        while let n = node {
            if let key = n.pathKey { keys.append(key.codingKey) }
            node = n.parent
        }
        return keys.reversed()
    }

    /// The coding path of this node's element `key`.
    func codingPath(appending key: BSONPathKey) -> [any CodingKey] {
        codingPath + [key.codingKey]
    }
}
