import Foundation

/// An ordered BSON document: a value type over its BSON bytes, with copy-on-write.
///
/// A `BSONDocument` always holds one complete, well-formed document. Bytes from outside are
/// checked in full by ``init(fromBSON:options:context:)-([UInt8],_,_)`` before anything trusts a length;
/// documents built in Swift are well-formed by construction. Reading never copies the
/// document: embedded documents are slices of their parent's bytes.
///
/// ```swift
/// var doc: BSONDocument = ["name": "Ada", "born": 1815]
/// doc["field"] = "mathematics"          // appends, keeping order
/// doc["born"] = .int64(1815)            // replaces in place
/// let bytes = doc.bytes                 // BSON
/// let json = doc.toExtendedJSONString() // relaxed Extended JSON (the global default)
/// ```
///
/// ## Topics
/// ### Creating documents
/// - ``init()``
/// - ``init(fromBSON:options:context:)-([UInt8],_,_)``
/// - ``init(fromBSON:options:context:)-(Data,_,_)``
/// - ``init(fromJSON:context:)-(String,_)``
/// - ``init(fromJSON:context:)-([UInt8],_)``
/// - ``init(fromJSON:context:)-(Data,_)``
/// - ``init(elements:)-(S)``
/// - ``init(capacity:_:)``
/// - ``BSONDocumentBuilder``
/// - ``BSONArrayBuilder``
/// ### Reading
/// - ``subscript(_:)-(String)``
/// - ``subscript(_:default:)``
/// - ``subscript(path:)``
/// - ``keys``
/// - ``values``
/// - ``count``
/// - ``hasKey(_:)``
/// - ``elementLayouts``
/// - ``BSONElementLayout``
/// ### Collection
/// - ``Index``
/// - ``startIndex``
/// - ``endIndex``
/// - ``index(after:)``
/// - ``subscript(_:)-(Index)``
/// - ``filter(_:)``
/// - ``mapValues(_:)``
/// - ``map(_:)``
/// ### Editing
/// - ``setValue(_:forKey:)``
/// - ``append(key:value:)``
/// - ``removeValue(forKey:)``
/// - ``BSONPath``
/// - ``setValue(_:forPath:)``
/// - ``removeValue(forPath:)``
/// ### Writing out
/// - ``bytes``
/// - ``toData()``
/// - ``toCanonicalExtendedJSONString()``
/// - ``toExtendedJSONString(mode:context:)``
/// - ``toExtendedJSONBytes(mode:context:)``
/// ### C interop (libbson's `bson_t`)
/// - ``withUnsafeBSONPointer(_:)``
/// - ``withUnsafeBSONPointers(to:_:)``
/// - ``init(copying:options:context:)``
/// - ``init(taking:options:context:)``
/// - ``init(unsafeCopyingTrusted:)``
/// - ``init(unsafeTakingTrusted:)``
/// - ``reply(options:context:_:)``
public struct BSONDocument: Sendable {
    /// The document's bytes, from its length field to its terminating NUL. The slice may be a
    /// window on a parent document's buffer.
    ///
    /// Set only here: after initialisation every change goes through
    /// ``replaceStorage(bytesIn:with:_:)``, which keeps ``keyIndex`` right.
    @usableFromInline
    internal private(set) var storage: ArraySlice<UInt8>

    /// The key index of a wide document, or nil (narrow documents, and documents that no
    /// lookup has found wide yet: see ``BSONKeyIndex`` for when one exists). It never takes
    /// part in equality or hashing, which compare bytes.
    ///
    /// This reference makes the struct one word larger (40 bytes instead of the slice's 32);
    /// ``BSON`` stays 49 bytes (stride 56) as before because ``BSONCodeWithScope``, its largest
    /// case, holds its scope's bytes rather than a document. An `indirect` case would have
    /// cost an allocation per code-with-scope value read (+5.5% decoding `full`).
    @usableFromInline
    internal private(set) var keyIndex: BSONKeyIndex?

    /// The empty document (5 bytes).
    public init() {
        // A constant array: nothing is allocated until the first element is added.
        storage = [5, 0, 0, 0, 0]
    }

    /// Wraps bytes that are already known to be one well-formed document. Nothing is
    /// allocated: every embedded document read from a parent is made here.
    @inlinable
    internal init(trusted storage: ArraySlice<UInt8>) {
        self.storage = storage
    }

    /// Validates `bytes` as exactly one BSON document and wraps them.
    ///
    /// Every structural rule is checked before any length is trusted: the document and every
    /// embedded document, array and code-with-scope; string lengths and terminators; UTF-8 of
    /// keys and strings; boolean bytes; type bytes; the depth and size limits in `options`.
    ///
    /// - Parameters:
    ///   - bytes: the document's BSON bytes, from a source you do not control.
    ///   - options: the limits to apply; when nil, those of `context`.
    ///   - context: the state to use; when nil, the bound context or ``BSONContext/global``
    ///     (see ``BSONContext/resolve(_:)``).
    /// - Throws: ``BSONError`` naming the rule, the byte offset and the key path.
    public init(fromBSON bytes: [UInt8], options: BSONValidationOptions? = nil, context: BSONContext? = nil) throws {
        let options = options ?? BSONContext.resolve(context).validation
        try bytes.withUnsafeBytes { try BSONValidator(options: options).validate($0) }
        storage = bytes[...]
        // A large, wide document gets an index whose table its first lookup builds (a
        // document only read through never hashes a key). See BSONKeyIndex.parsedMinimumSize.
        if storage.count >= BSONKeyIndex.parsedMinimumSize, isWide { keyIndex = BSONKeyIndex() }
    }

    /// Validates `data` as exactly one BSON document and copies it.
    ///
    /// - Throws: ``BSONError`` naming the rule, the byte offset and the key path.
    public init(fromBSON data: Data, options: BSONValidationOptions? = nil, context: BSONContext? = nil) throws {
        try self.init(fromBSON: [UInt8](data), options: options, context: context)
    }

    /// Validates the bytes of a buffer as one BSON document and copies them.
    ///
    /// - Throws: ``BSONError`` naming the rule, the byte offset and the key path.
    public init(fromBSON buffer: UnsafeRawBufferPointer, options: BSONValidationOptions? = nil, context: BSONContext? = nil) throws {
        // Copy first, then validate the copy: the buffer may be shared or mapped memory that
        // changes between a check and a copy.
        try self.init(fromBSON: [UInt8](buffer), options: options, context: context)
    }

    /// Builds a document from key-value pairs, in order.
    ///
    /// Keys are written as given, a repeated key included (BSON allows repeated keys; a
    /// document literal stops the program on one):
    ///
    /// ```swift
    /// let twice = try BSONDocument(elements: [(key: "a", value: 1), (key: "a", value: 2)])
    /// twice.keys   // ["a", "a"]
    /// ```
    ///
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when a key contains NUL.
    public init<S: Sequence>(elements: S) throws where S.Element == (key: String, value: BSON) {
        // Calls from other modules get this generic unspecialised; do the work in the
        // non-generic array version (Array(array) does not copy).
        try self.init(elements: Array(elements))
    }

    /// Builds a document from an array of key-value pairs, in order.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when a key contains NUL.
    public init(elements: [(key: String, value: BSON)]) throws {
        var writer = BSONByteWriter(capacity: 16 + elements.count * 16)
        let start = writer.beginDocument()
        for (key, value) in elements {
            try writer.appendElement(key: key, value: value)
        }
        try writer.endDocument(start)
        storage = writer.toArray()[...]
    }

    /// How a splice in ``replaceStorage(bytesIn:with:_:)`` changes the top-level keys.
    enum StorageEdit: Equatable {
        /// The same keys at the same places: the range lies inside one element's value, or
        /// is one whole element replaced by one with the same key. Only the elements after
        /// the range move.
        case keysUnchanged
        /// The range holds zero or more whole top-level elements (empty: an insertion at an
        /// element boundary, such as the terminator's offset to append), and the new bytes
        /// are zero or more whole elements: keys are removed and added.
        case wholeElements
        /// The range is empty (an insertion at an element boundary) and the new bytes are one
        /// element, whose key a lookup through the index just missed (its hash and the slot
        /// it goes to): as `wholeElements`, without hashing or probing again.
        case insertedElement(BSONKeyTable.Insertion)
    }

    /// Replaces the bytes in `range` (offsets from the document's first byte) with `bytes`,
    /// and rewrites the length field.
    ///
    /// Every change to `storage` after initialisation goes through here (`storage` has a
    /// private setter so nothing else can change it): this keeps the key index right, moving
    /// or adding entries when that is cheap (appends, replacements, removals) and dropping
    /// the table when it is not (a removal with duplicate keys), and makes the index unique
    /// first when a copy of the document shares it.
    ///
    /// `range` must lie between the length field and the terminator (4...byteCount - 1), and
    /// the result must be a well-formed document, as `edit` describes; the caller checks that
    /// a key has no NUL. The bytes move with `memmove` in the slice's buffer, which grows
    /// geometrically, so appending is amortised O(size of the element).
    ///
    /// - Throws: ``BSONError/Code-swift.struct/sizeLimitExceeded`` when the document would be
    ///   2 GiB or more; nothing is changed then.
    ///
    /// `enclosingLengths` are the offsets of the length fields of embedded documents or arrays
    /// that hold `range` (a dotted-path edit; `edit` is then `keysUnchanged`, or describes the
    /// top-level elements when the list is empty): each moves by the same difference.
    mutating func replaceStorage(bytesIn range: Range<Int>, with bytes: UnsafeRawBufferPointer, _ edit: StorageEdit,
                                 enclosingLengths: [Int] = []) throws {
        let oldCount = storage.count
        precondition(range.lowerBound >= 4 && range.upperBound <= oldCount - 1, "BSONDocument: splice outside the elements")
        let newCount = oldCount - range.count + bytes.count
        let lengths = SpliceLengths(document: try BSONLengthPrefixed.document.field(newCount),
                                    enclosing: enclosingLengths, delta: bytes.count - range.count)
        guard keyIndex != nil else {
            StorageSplice.splice(&storage, range, with: bytes, lengths: lengths)
            return
        }
        if !isKnownUniquelyReferenced(&keyIndex) { keyIndex = keyIndex?.copy() }
        keyIndex.unsafelyUnwrapped.replace(&storage, range, with: bytes, lengths: lengths, edit)
    }

    /// Gives the document an index built now (see ``BSONKeyIndex``: by a mutating lookup that
    /// found the document wide).
    mutating func buildKeyIndex() {
        keyIndex = storage.withUnsafeBytes { BSONKeyIndex(indexing: $0) }
    }

    /// The document's BSON bytes.
    public var bytes: [UInt8] { Array(storage) }

    /// The document's BSON bytes as `Data`.
    public func toData() -> Data { Data(storage) }

    /// The size of the document in bytes.
    public var byteCount: Int { storage.count }

    /// Calls `body` with the document's bytes, without copying them.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }
}

extension BSONDocument: Equatable {
    /// Documents are equal when their bytes are equal (so key order matters, and
    /// `.double(0.0)` differs from `.double(-0.0)`).
    public static func == (lhs: BSONDocument, rhs: BSONDocument) -> Bool {
        lhs.storage.elementsEqual(rhs.storage)
    }
}

extension BSONDocument: Hashable {
    public func hash(into hasher: inout Hasher) {
        storage.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
