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
    @usableFromInline
    internal var storage: ArraySlice<UInt8>

    /// The empty document (5 bytes).
    public init() {
        storage = [5, 0, 0, 0, 0]
    }

    /// Wraps bytes that are already known to be one well-formed document.
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
