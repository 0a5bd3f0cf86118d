/// The `Encoder` handed to `encode(to:)`: one value being written, and, once the value asks
/// for a keyed or unkeyed container, the document or array it became.
///
/// A node is also its own coding-path step (`parent` + `pathKey`) and the record of where its
/// bytes are in the shared buffer, so that out-of-order writes can be spliced in place.
final class BSONEncoderNode: Encoder {
    enum Kind {
        /// Nothing written yet; the element will be appended to `parent` under `elementKey`.
        case pending
        /// A document or array being appended to: on the state's stack, `start` is its length field.
        case open
        /// A finished document or array: `start` is its length field, `end` its terminating NUL.
        case closed
        /// A `superEncoder()` slot: a null element written ahead of time; `start` is its type
        /// byte and `end` where its value goes.
        case placeholder
        /// A single value was written.
        case written
        /// Misused (an error was recorded); writes throw.
        case invalid
    }

    let state: BSONEncodingState
    /// The document or array this value is an element of; nil at the top level.
    let parent: BSONEncoderNode?
    /// This value's coding-path step; nil when it adds none (the top level).
    let pathKey: BSONPathKey?
    /// The document key to write (already converted by the key strategy); ignored in arrays.
    let elementKey: String
    var kind: Kind
    var isArray = false
    var start = 0
    var end = 0
    /// The next array index.
    var count = 0
    /// True for dictionaries: their keys are data, so the key strategy does not apply.
    var rawKeys = false
    /// True while the state's list of closed frames holds this node.
    var tracked = false

    init(state: BSONEncodingState, parent: BSONEncoderNode?, pathKey: BSONPathKey?, elementKey: String, kind: Kind = .pending) {
        self.state = state
        self.parent = parent
        self.pathKey = pathKey
        self.elementKey = elementKey
        self.kind = kind
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: BSONEncoderNode? = self
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

    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.prepareFrame(self, isArray: false)
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<Key>(node: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        state.prepareFrame(self, isArray: true)
        return BSONUnkeyedEncodingContainer(node: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BSONSingleValueEncodingContainer(node: self)
    }

    /// Writes a BSON value as this node's single value (used by the value types'
    /// `encode(to:)` when they are handed this encoder directly).
    func encodeNative(_ value: BSON) throws {
        try state.encodeBSON(value, to: .single(self))
    }
}
