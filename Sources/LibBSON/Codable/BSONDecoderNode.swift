import Foundation

/// The `Decoder` handed to `init(from:)`: one value inside the validated document bytes.
///
/// A node is also its own coding-path step (`parent` + `pathKey`). For a document it keeps a
/// lookup cursor: keys asked for in document order (the common case, since the encoder writes
/// properties in declaration order) are found by checking the next element only; the first
/// miss indexes the document once (a hash table over the key bytes for larger documents), and
/// every later lookup uses that index. Values are read only when asked for.
final class BSONDecoderNode: Decoder, BSONCodingPathNode {
    let state: BSONDecodingState
    /// The document or array this value is an element of; nil at the top level.
    let parent: BSONDecoderNode?
    /// This value's coding-path step; nil when it adds none (the top level).
    let pathKey: BSONPathKey?
    /// The BSON type byte of the value.
    let type: UInt8
    /// The offset of the value's first byte in the state's storage.
    let at: Int
    /// True for dictionaries: their keys are data, so the key strategy does not apply.
    var rawKeys = false

    /// The offset of the element expected next (documents only).
    private var hint: Int
    /// False once the index found duplicate keys: the element after the last one found may
    /// then repeat an earlier key, and the first element of a name must win.
    private var hintUsable = true
    /// Element starts (type byte offsets) and key lengths, interleaved; built on the first miss.
    private var entries: [Int] = []
    private var indexed = false
    /// Open-addressing table of entry numbers + 1 (0 = empty), for larger documents.
    private var table: [Int32] = []
    /// Custom key strategy: converted key -> entry number.
    private var customKeys: [String: Int]?

    init(state: BSONDecodingState, parent: BSONDecoderNode?, pathKey: BSONPathKey?, type: UInt8, at: Int) {
        self.state = state
        self.parent = parent
        self.pathKey = pathKey
        self.type = type
        self.at = at
        self.hint = at + 4
    }

    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    /// This node as a value reference.
    var ref: BSONValueRef { BSONValueRef(type: type, at: at, owner: self, key: nil) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard self.type == BSONType.document.rawValue else {
            throw state.mismatch([String: BSON].self, ref, expected: "an embedded document")
        }
        return KeyedDecodingContainer(BSONKeyedDecodingContainer<Key>(node: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard type == BSONType.array.rawValue else {
            throw state.mismatch([BSON].self, ref, expected: "an array")
        }
        return BSONUnkeyedDecodingContainer(node: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BSONSingleValueDecodingContainer(node: self)
    }

    /// The value as ``BSON`` (used by the value types' `init(from:)` when handed this decoder).
    func readNative() -> BSON {
        state.materialize(type, at)
    }

    // MARK: Documents

    /// The document's keys in order (raw, before any key strategy).
    func documentKeys() -> [String] {
        var keys: [String] = []
        state.storage.withUnsafeBytes { p in
            var pos = at + 4
            let end = at + Int(p.int32(at: at)) - 1
            while pos < end {
                let t = p[pos]
                let keyEnd = ByteScan.cstringEnd(p, pos + 1)
                keys.append(BSONElementReader.string(p, pos + 1, keyEnd))
                let valueAt = keyEnd + 1
                pos = valueAt + BSONValueLayout.size(p, BSONType(validated: t), at: valueAt)
            }
        }
        return keys
    }

    /// The first element named `name` (a document key, after the key strategy): its type and value offset.
    func find(_ name: String) -> (type: UInt8, at: Int)? {
        if let customKeys {
            return customKeys[name].flatMap { entry($0) }
        }
        var name = name
        return name.withUTF8 { key in
            state.storage.withUnsafeBytes { p in lookup(p, key) }
        }
    }

    /// Looks up by key converted with a custom strategy.
    func installCustomKeys(_ convert: (String) -> String) {
        guard customKeys == nil else { return }
        var map: [String: Int] = [:]
        let names = documentKeys()
        state.storage.withUnsafeBytes { p in buildIndex(p) }
        for (i, name) in names.enumerated() {
            let converted = convert(name)
            if map[converted] == nil { map[converted] = i }
        }
        customKeys = map
    }

    private func entry(_ i: Int) -> (type: UInt8, at: Int)? {
        guard 2 * i + 1 < entries.count else { return nil }
        let start = entries[2 * i]
        let keyLength = entries[2 * i + 1]
        return state.storage.withUnsafeBytes { p in (p[start], start + keyLength + 2) }
    }

    private func lookup(_ p: UnsafeRawBufferPointer, _ key: UnsafeBufferPointer<UInt8>) -> (type: UInt8, at: Int)? {
        let end = at + Int(p.int32(at: at)) - 1
        if hintUsable, hint < end {
            let t = p[hint]
            let keyEnd = ByteScan.cstringEnd(p, hint + 1)
            if keyEnd - hint - 1 == key.count, Self.bytesEqual(p, hint + 1, key) {
                let valueAt = keyEnd + 1
                hint = valueAt + BSONValueLayout.size(p, BSONType(validated: t), at: valueAt)
                return (t, valueAt)
            }
        }
        if !indexed { buildIndex(p) }
        let n = entries.count / 2
        var found = -1
        if table.isEmpty {
            for i in 0..<n where entries[2 * i + 1] == key.count && Self.bytesEqual(p, entries[2 * i] + 1, key) {
                found = i
                break
            }
        } else {
            let mask = table.count - 1
            var slot = Self.hash(key) & mask
            while table[slot] != 0 {
                let i = Int(table[slot]) - 1
                if entries[2 * i + 1] == key.count && Self.bytesEqual(p, entries[2 * i] + 1, key) {
                    found = i
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        guard found >= 0 else { return nil }
        let start = entries[2 * found]
        let t = p[start]
        let valueAt = start + entries[2 * found + 1] + 2
        hint = valueAt + BSONValueLayout.size(p, BSONType(validated: t), at: valueAt)
        return (t, valueAt)
    }

    private func buildIndex(_ p: UnsafeRawBufferPointer) {
        guard !indexed else { return }
        indexed = true
        var pos = at + 4
        let end = at + Int(p.int32(at: at)) - 1
        while pos < end {
            let t = p[pos]
            let keyEnd = ByteScan.cstringEnd(p, pos + 1)
            entries.append(pos)
            entries.append(keyEnd - pos - 1)
            let valueAt = keyEnd + 1
            pos = valueAt + BSONValueLayout.size(p, BSONType(validated: t), at: valueAt)
        }
        let n = entries.count / 2
        guard n > 12 else {
            for i in 0..<n {
                let start = entries[2 * i] + 1
                let raw = UnsafeRawBufferPointer(rebasing: p[start..<(start + entries[2 * i + 1])])
                let key: UnsafeBufferPointer<UInt8> = raw.assumingMemoryBound(to: UInt8.self)
                for j in 0..<i where entries[2 * j + 1] == key.count && Self.bytesEqual(p, entries[2 * j] + 1, key) {
                    hintUsable = false
                }
            }
            return
        }
        var size = 32
        while size < n * 2 { size <<= 1 }
        table = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for i in 0..<n {
            let start = entries[2 * i] + 1
            let keyEnd: Int = start + entries[2 * i + 1]
            let raw = UnsafeRawBufferPointer(rebasing: p[start..<keyEnd])
            let key: UnsafeBufferPointer<UInt8> = raw.assumingMemoryBound(to: UInt8.self)
            var slot = Self.hash(key) & mask
            var duplicate = false
            while table[slot] != 0 {
                let j = Int(table[slot]) - 1
                if entries[2 * j + 1] == key.count && Self.bytesEqual(p, entries[2 * j] + 1, key) {
                    duplicate = true   // the first element of a name wins
                    hintUsable = false
                    break
                }
                slot = (slot + 1) & mask
            }
            if !duplicate { table[slot] = Int32(i + 1) }
        }
    }

    @inline(__always)
    private static func bytesEqual(_ p: UnsafeRawBufferPointer, _ start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let k = key.baseAddress, let base = p.baseAddress, key.count > 0 else { return true }
        return memcmp(base + start, k, key.count) == 0
    }

    /// The slot hash of a key (``KeyHash``: seeded, so built collisions do not work).
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        KeyHash.hash(UnsafeRawBufferPointer(key))
    }
}
