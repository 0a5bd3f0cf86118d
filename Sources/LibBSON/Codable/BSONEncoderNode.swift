/// The `Encoder` handed to `encode(to:)`: one value being written, and, once the value asks
/// for a keyed or unkeyed container, the document or array it became.
///
/// A node is also its own coding-path step (`parent` + `pathKey`) and the record of where its
/// bytes are in the shared buffer (a frame of ``BSONEncodingBuffer``), so that out-of-order
/// writes can be spliced in place.
final class BSONEncoderNode: Encoder, BSONCodingPathNode {
    enum Kind {
        /// Nothing written yet; the element will be appended to `parent` under `elementKey`.
        case pending
        /// A document or array being appended to: on the buffer's stack, `start` is its length field.
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
    /// True while the buffer's list of closed frames holds this node.
    var tracked = false

    init(state: BSONEncodingState, parent: BSONEncoderNode?, pathKey: BSONPathKey?, elementKey: String, kind: Kind = .pending) {
        self.state = state
        self.parent = parent
        self.pathKey = pathKey
        self.elementKey = elementKey
        self.kind = kind
    }

    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    /// The error for a container used as `Encoder`'s rules do not allow, at this node's path.
    func misuse(_ message: String) -> EncodingError {
        .invalidValue(message, EncodingError.Context(codingPath: codingPath, debugDescription: message))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.buffer.prepareFrame(self, isArray: false)
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<Key>(node: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        state.buffer.prepareFrame(self, isArray: true)
        return BSONUnkeyedEncodingContainer(node: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BSONSingleValueEncodingContainer(node: self)
    }

    /// A document or array nested in this one, for `nestedContainer` and `nestedUnkeyedContainer`.
    func nested(_ pathKey: BSONPathKey, elementKey: String, isArray: Bool) -> BSONEncoderNode {
        let child = BSONEncoderNode(state: state, parent: self, pathKey: pathKey, elementKey: elementKey)
        state.buffer.prepareFrame(child, isArray: isArray)
        return child
    }

    /// Writes a BSON value as this node's single value (used by the value types'
    /// `encode(to:)` when they are handed this encoder directly).
    func encodeNative(_ value: BSON) throws {
        try state.encodeBSON(value, to: .single(self))
    }
}
