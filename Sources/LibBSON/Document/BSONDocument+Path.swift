extension BSONDocument {
    /// The value at a dotted path such as `"address.city"` or `"tags.0"` (see ``BSONPath``),
    /// or nil when there is none.
    ///
    /// Setting a value sets it in place, as ``setValue(_:forPath:)`` does: missing documents
    /// on the way are created, and the change is one splice of this document's bytes with the
    /// lengths of the enclosing documents updated. Setting nil removes the value, as
    /// ``removeValue(forPath:)`` does.
    ///
    /// ```swift
    /// var doc: BSONDocument = ["user": ["name": "Ada", "langs": ["en"]]]
    /// doc[path: "user.name"]          // "Ada"
    /// doc[path: "user.langs.1"] = "fr"
    /// doc[path: "user.address.city"] = "London"   // creates "address"
    /// ```
    ///
    /// A path that cannot be set (through a string, say) is an error that the subscript cannot
    /// report, and a document from input must not stop the program: such a set changes
    /// nothing. Use ``setValue(_:forPath:)``, which throws an error naming the path, wherever
    /// the document or the path comes from input.
    public subscript(path path: BSONPath) -> BSON? {
        get {
            guard let found = try? locate(path), found.missing == nil, let element = found.element else { return nil }
            let storage = self.storage
            return storage.withUnsafeBytes { BSONElementReader.value($0, element.type, element.valueAt, owner: storage) }
        }
        set {
            if let newValue {
                try? setValue(newValue, forPath: path)
            } else {
                removeValue(forPath: path)
            }
        }
    }

    /// Sets the value at `path`, replacing the element there in place or adding it.
    ///
    /// Missing levels are created as documents, as MongoDB's `$set` does: setting
    /// `"a.b.c"` in `[:]` gives `["a": ["b": ["c": value]]]`. An index past the end of an
    /// array appends, with nulls before it when it is further on (again as `$set` does). The
    /// document's bytes change in one splice; every enclosing length field is updated.
    ///
    /// - Throws: ``BSONError`` with code ``BSONError/Code-swift.struct/invalidPath`` when the
    ///   path goes through a value that is not a document or an array, names an array element
    ///   with a component that is not a decimal index, or has no components;
    ///   ``BSONError/Code-swift.struct/embeddedNUL`` for a key with NUL;
    ///   ``BSONError/Code-swift.struct/sizeLimitExceeded`` when the document would pass 2 GiB.
    ///   The error's ``BSONError/keyPath`` is the path up to the component at fault. Nothing
    ///   changes when it throws.
    public mutating func setValue(_ value: BSON, forPath path: BSONPath) throws {
        let components = path.components
        // A path from input must not nest deeper than documents are read back (the resolved
        // context's depth limit, default 100): the value lands at depth count - 1, a
        // document or array value one deeper.
        let maxDepth = BSONContext.resolve(nil).validation.effectiveMaxDepth
        let depth = components.count - 1 + (value.type == .document || value.type == .array || value.type == .codeWithScope ? 1 : 0)
        guard depth <= maxDepth else {
            throw BSONError(.depthLimitExceeded, "a path of \(components.count) components nests deeper than the limit of \(maxDepth) (path \(String(path.description.prefix(80))))")
        }
        let found = try locate(path)
        var writer = BSONByteWriter()
        let range: Range<Int>
        if let missing = found.missing {
            // Add components[missing...] at the end of the innermost container found.
            let container = found.containers[found.containers.count - 1]
            let key = components[missing]
            if container.isArray {
                guard let index = BSONPath.arrayIndex(key) else {
                    throw BSONError(.invalidPath, "'\(key)' is not an array index (path \(path))", keyPath: Array(components[...missing]))
                }
                try appendNullPadding(&writer, from: container.position, to: index, path: path)
            }
            writer.append(missing == components.count - 1 ? value.type.rawValue : BSONType.document.rawValue)
            try writer.appendKey(key)
            try appendNested(&writer, components[(missing + 1)...], value)
            range = container.end..<container.end
        } else if let element = found.element {
            // Replace the value, keeping the element's key bytes.
            writer.append(value.type.rawValue)
            storage.withUnsafeBytes { writer.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[(element.start + 1)..<element.valueAt])) }
            try writer.appendValue(value)
            range = element.start..<element.end
        } else {
            throw BSONError(.invalidPath, "an empty path names no value")
        }
        try splice(range, with: writer, containers: found.containers)
    }

    /// Removes the value at `path` and returns it; nil (and nothing changes) when the path
    /// leads to no value.
    ///
    /// Removing an array element moves the later ones down, so the array's indices stay
    /// 0, 1, 2, … (MongoDB's `$unset` leaves a null there instead; set `.null` for that).
    @discardableResult
    public mutating func removeValue(forPath path: BSONPath) -> BSON? {
        guard let found = try? locate(path), found.missing == nil, let element = found.element,
              let container = found.containers.last else { return nil }
        // The value returned reads a copy of the element's bytes, so that nothing holds this
        // document's buffer while it changes in place.
        let old = Self.detachedValue(storage, element.type, element.valueAt, element.end)
        var writer = BSONByteWriter()
        var range = element.start..<element.end
        if container.isArray {
            // Renumber the elements after the removed one: rewrite them with keys one less.
            range = element.start..<container.end
            storage.withUnsafeBytes { p in
                var index = container.position
                Self.walkElements(p, from: element.end, to: container.end) { type, _, _, valueAt in
                    writer.append(type.rawValue)
                    writer.appendIndexKey(index)
                    let valueEnd = valueAt + BSONValueLayout.size(p, type, at: valueAt)
                    writer.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[valueAt..<valueEnd]))
                    index += 1
                    return true
                }
            }
        }
        // Removing bytes cannot make any length too long, and keys come from the document.
        try? splice(range, with: writer, containers: found.containers)
        return old
    }

    /// One enclosing document or array on the way to a path's value.
    struct PathContainer {
        /// Offset of its length field in this document's bytes.
        var start: Int
        /// Offset of its terminating NUL.
        var end: Int
        var isArray: Bool
        /// The position of the element found in it (0 for the first), or its number of
        /// elements when the component was not found.
        var position = 0
    }

    /// Where a path leads in this document's bytes.
    struct PathLocation {
        /// The enclosing containers, this document first.
        var containers: [PathContainer]
        /// The element the path names, when every component was found.
        var element: ElementRange?
        /// The first component not found (its container is the last of `containers`).
        var missing: Int?
    }

    /// Follows `path` through the bytes.
    /// - Throws: ``BSONError/Code-swift.struct/invalidPath`` when a component before the last
    ///   names a value that is not a document or an array.
    func locate(_ path: BSONPath) throws -> PathLocation {
        let components = path.components
        return try storage.withUnsafeBytes { p -> PathLocation in
            var location = PathLocation(containers: [PathContainer(start: 0, end: p.count - 1, isArray: false)])
            for (depth, component) in components.enumerated() {
                var container = location.containers[location.containers.count - 1]
                let wanted = container.isArray ? BSONPath.arrayIndex(component) : nil
                var found: ElementRange?
                // Stop at the element named; walk to the end only when there is none (a set
                // past the end of an array needs the count).
                var n = 0
                Self.walkElements(p, from: container.start + 4, to: container.end) { type, keyStart, keyEnd, valueAt in
                    if container.isArray ? n == wanted : Self.bytes(p, keyStart, keyEnd, equal: component) {
                        found = (keyStart - 1, valueAt + BSONValueLayout.size(p, type, at: valueAt), type, valueAt)
                        return false
                    }
                    n += 1
                    return true
                }
                container.position = n
                location.containers[location.containers.count - 1] = container
                guard let element = found else {
                    location.missing = depth
                    return location
                }
                if depth == components.count - 1 {
                    location.element = element
                    return location
                }
                guard element.type == .document || element.type == .array else {
                    throw BSONError(.invalidPath, "'\(components[...depth].joined(separator: "."))' is \(element.type), not a document or an array (path \(path))",
                                    keyPath: Array(components[...depth]))
                }
                location.containers.append(PathContainer(start: element.valueAt, end: element.valueAt + p.length(at: element.valueAt) - 1,
                                                         isArray: element.type == .array))
            }
            return location
        }
    }

    /// True when the key bytes `from..<to` are `key`'s UTF-8.
    private static func bytes(_ p: UnsafeRawBufferPointer, _ from: Int, _ to: Int, equal key: String) -> Bool {
        var key = key
        return key.withUTF8 { k in
            guard k.count == to - from, let base = p.baseAddress else { return k.count == to - from }
            return memcmpEqual(base + from, k.baseAddress, k.count)
        }
    }

    /// Appends `value` under `components` as nested documents (the value itself when there are
    /// none): the body of an element whose type byte and key are already written. A loop, not
    /// recursion, so that a path of any length from input cannot exhaust the stack.
    private func appendNested(_ writer: inout BSONByteWriter, _ components: ArraySlice<String>, _ value: BSON) throws {
        var starts: [Int] = []
        starts.reserveCapacity(components.count)
        for (i, key) in zip(components.indices, components) {
            starts.append(writer.beginDocument())
            writer.append(i == components.index(before: components.endIndex) ? value.type.rawValue : BSONType.document.rawValue)
            try writer.appendKey(key)
        }
        try writer.appendValue(value)
        for start in starts.reversed() {
            try writer.endDocument(start)
        }
    }

    /// The most nulls a set may add before an array index past the end: MongoDB's own limit
    /// for `$set` ("can't backfill more than 1500000 elements"), so that a short path from
    /// input cannot make a gigabyte of nulls.
    static let maxNullPadding = 1_500_000

    /// Appends null elements with keys `from..<to`, after checking that they fit in a document.
    private func appendNullPadding(_ writer: inout BSONByteWriter, from: Int, to: Int, path: BSONPath) throws {
        guard to > from else { return }
        guard to - from <= Self.maxNullPadding else {
            throw BSONError(.invalidPath, "setting index \(to) of an array of \(from) elements would add \(to - from) nulls, more than the \(Self.maxNullPadding) MongoDB allows (path \(path))")
        }
        // Each null element is its type byte, the index's digits and the key's NUL.
        var bytes = 0
        var i = from
        while i < to {
            let digits = String(i).utf8.count
            let next = Swift.min(to, pow10(digits))
            bytes += (next - i) * (digits + 2)
            i = next
        }
        _ = try BSONLengthPrefixed.document.field(storage.count + bytes)
        for index in from..<to {
            writer.append(BSONType.null.rawValue)
            writer.appendIndexKey(index)
        }
    }

    /// Replaces `range` of this document's bytes with `writer`'s bytes through the one funnel,
    /// moving every enclosing length field by the difference.
    private mutating func splice(_ range: Range<Int>, with writer: borrowing BSONByteWriter, containers: [PathContainer]) throws {
        // The first container is this document, whose length the funnel writes.
        let enclosing = containers.dropFirst().map(\.start)
        // A change inside one top-level element keeps the top-level keys; at the top level,
        // whole elements are added, replaced or removed.
        let edit: StorageEdit = enclosing.isEmpty ? .wholeElements : .keysUnchanged
        try writer.withUnsafeBytes { try replaceStorage(bytesIn: range, with: $0, edit, enclosingLengths: enclosing) }
    }
}

/// 10 to the power `n`, for small `n`.
private func pow10(_ n: Int) -> Int {
    var result = 1
    for _ in 0..<n { result *= 10 }
    return result
}
