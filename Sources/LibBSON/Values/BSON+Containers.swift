/// Reading and changing the contents of `.document` and `.array` values in place, so that
/// nested values can be edited through a document's subscripts as in nested Swift collections.
///
/// A change through a value of another type (or through an array index out of range) has
/// nothing to change and does nothing: the subscripts cannot throw, and a document from
/// input must not stop the program. Where that matters, chain through ``documentValue`` or
/// ``arrayValue``, whose optional chain evaluates to nil when the value has another type, or
/// use ``BSONDocument/setValue(_:forPath:)``, which throws an error naming the path.
extension BSON {
    /// The value if this is a `.document`, else nil.
    ///
    /// Changing it through optional chaining changes this value in place
    /// (`value.documentValue?["a"] = 1`); assigning a document makes this value that document;
    /// assigning nil makes a document `.null` and leaves a value of another type unchanged.
    public var documentValue: BSONDocument? {
        get { if case .document(let v) = self { v } else { nil } }
        _modify {
            var document: BSONDocument?
            if case .document(let v) = self {
                document = v
                self = .null   // leaves the payload uniquely held while the caller changes it
            }
            let original = self
            defer {
                if let document { self = .document(document) } else { self = original }
            }
            yield &document
        }
    }

    /// The elements if this is an `.array`, else nil.
    ///
    /// Changing them through optional chaining changes this value in place
    /// (`value.arrayValue?.append("x")`); assigning an array makes this value that array;
    /// assigning nil makes an array `.null` and leaves a value of another type unchanged.
    public var arrayValue: [BSON]? {
        get { if case .array(let v) = self { v } else { nil } }
        _modify {
            var values: [BSON]?
            if case .array(let v) = self {
                values = v
                self = .null   // leaves the array uniquely held while the caller changes it
            }
            let original = self
            defer {
                if let values { self = .array(values) } else { self = original }
            }
            yield &values
        }
    }

    /// The element at `key` when this is a document, else nil.
    ///
    /// Setting it sets the element of the document (nil removes it), as
    /// ``BSONDocument/subscript(_:)-(String)`` does; when this is not a document, setting does
    /// nothing (see the extension's notes).
    public subscript(key: String) -> BSON? {
        get { documentValue?[key] }
        _modify {
            guard case .document(var document) = self else {
                var ignored = documentValue?[key]
                yield &ignored
                return
            }
            self = .null
            defer { self = .document(document) }
            yield &document[key]
        }
    }

    /// The element at `index` when this is an array and the index is in range, else nil.
    ///
    /// Setting it replaces the element (nil removes it, moving the later ones down); when this
    /// is not an array or the index is out of range, setting does nothing (see the extension's
    /// notes). Append with `arrayValue?.append(_:)`.
    public subscript(index: Int) -> BSON? {
        get {
            guard case .array(let values) = self, values.indices.contains(index) else { return nil }
            return values[index]
        }
        _modify {
            guard case .array(var values) = self, values.indices.contains(index) else {
                var ignored = self[index]
                yield &ignored
                return
            }
            self = .null
            var element: BSON? = values[index]
            defer {
                if let element { values[index] = element } else { values.remove(at: index) }
                self = .array(values)
            }
            yield &element
        }
    }
}
