/// Where one element of a document lies in the document's bytes: its type, and the byte ranges
/// of its key and its value.
///
/// Offsets count from the document's first byte (its length field), as in
/// ``BSONDocument/withUnsafeBytes(_:)`` and ``BSONDocument/bytes``. An element is its type
/// byte, its key (a C string) and its value:
///
/// ```text
///  type  key bytes  0x00  value bytes
///  ^ elementRange.lowerBound         ^ elementRange.upperBound
///        ^ keyRange       ^ valueRange
/// ```
///
/// Layouts come from ``BSONDocument/elementLayouts``, for tools that show or check a
/// document's structure (sizes, offsets, type numbers) without reading its values:
///
/// ```swift
/// let doc: BSONDocument = ["a": 1, "b": ["c": "d"]]
/// for element in doc.elementLayouts {
///     print(element.key, element.type, element.elementRange.count, element.valueRange)
/// }
/// // a int 7 7..<11
/// // b document 17 14..<28
/// ```
///
/// A layout keeps its document (a reference to the bytes, not a copy), so ``key``, ``value``
/// and ``embeddedDocument`` always read the element it describes.
public struct BSONElementLayout: Sendable {
    /// The document the element belongs to; the ranges are offsets into its bytes.
    public let document: BSONDocument
    /// The element's type (its type byte).
    public let type: BSONType
    /// The key's UTF-8 bytes, without the NUL that ends them.
    public let keyRange: Range<Int>
    /// The value's bytes, from just after the key's NUL to the end of the element.
    public let valueRange: Range<Int>

    /// The whole element: the type byte, the key and its NUL, and the value.
    public var elementRange: Range<Int> { (keyRange.lowerBound - 1)..<valueRange.upperBound }

    /// The key, as a `String` (made when asked for; `keyRange` gives its bytes without one).
    public var key: String {
        document.withUnsafeBytes { BSONElementReader.string($0, keyRange.lowerBound, keyRange.upperBound) }
    }

    /// The value, read from the document's bytes (embedded documents are windows on them).
    public var value: BSON {
        document.withUnsafeBytes { BSONElementReader.value($0, type, valueRange.lowerBound, owner: document.storage) }
    }

    /// The embedded document of a ``BSONType/document`` or ``BSONType/array`` element (an
    /// array as the document it is stored as, keys "0", "1", …), as a window on this
    /// document's bytes without a copy; nil for every other type.
    public var embeddedDocument: BSONDocument? {
        guard type == .document || type == .array else { return nil }
        let storage = document.storage
        let base = storage.startIndex
        return BSONDocument(trusted: storage[(base + valueRange.lowerBound)..<(base + valueRange.upperBound)])
    }
}

extension BSONDocument {
    /// The layout of each element, in order: type, key range and value range, with no value
    /// read and nothing allocated per element.
    ///
    /// See ``BSONElementLayout``. Embedded documents are not entered; use
    /// ``BSONElementLayout/embeddedDocument`` to walk them (their layouts count from their
    /// own first byte).
    public var elementLayouts: ElementLayouts { ElementLayouts(document: self) }

    /// The elements of a document as ``BSONElementLayout``s; see ``BSONDocument/elementLayouts``.
    public struct ElementLayouts: Sequence, Sendable {
        /// The document whose elements are listed.
        public let document: BSONDocument

        /// An iterator from the first element to the last.
        public func makeIterator() -> Iterator { Iterator(document: document) }

        /// 1 when the document has an element, else 0 (counting needs a walk).
        public var underestimatedCount: Int { document.isEmpty ? 0 : 1 }

        /// Steps through the elements of a validated document.
        public struct Iterator: IteratorProtocol, Sendable {
            let document: BSONDocument
            /// The offset of the next element's type byte.
            var position = 4

            /// The next element's layout, or nil after the last.
            public mutating func next() -> BSONElementLayout? {
                // The document was validated (or built) whole, so every length in it is in
                // range and the loop ends at its terminating NUL.
                let start = position
                guard start < document.byteCount - 1 else { return nil }
                let (typeByte, keyEnd, valueEnd) = document.withUnsafeBytes { p in
                    let keyEnd = ByteScan.cstringEnd(p, start + 1)
                    return (p[start], keyEnd, keyEnd + 1 + BSONValueLayout.size(p, BSONType(validated: p[start]), at: keyEnd + 1))
                }
                position = valueEnd
                // The one rule for a type byte in validated bytes (Wire/BSONType+Wire.swift).
                return BSONElementLayout(document: document, type: BSONType(validated: typeByte),
                                         keyRange: (start + 1)..<keyEnd, valueRange: (keyEnd + 1)..<valueEnd)
            }
        }
    }
}
