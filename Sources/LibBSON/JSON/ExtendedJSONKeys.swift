/// The keys of Extended JSON type wrappers (`$oid`, `$date`, …), spelled once for every
/// reader and writer of Extended JSON.
///
/// A nested JSON object whose *first* key is one of these is a type wrapper
/// (``ExtendedJSONParser``); any other first key makes it a plain document. The keys inside a
/// wrapper's own object (`base64`, `pattern`, `t`, …) are ``Field``s.
///
/// Each key offers its text as a `StaticString` (for writers that append bytes without making
/// a `String`), as UTF-8 bytes (for comparing with decoded keys) and as a `String` (for coding
/// keys and error messages).
enum ExtendedJSONKey: ExtendedJSONSpelling, CaseIterable, Sendable {
    case oid, symbol, numberInt, numberLong, numberDouble, numberDecimal
    case binary, type, uuid, date, timestamp
    case regularExpression, regex, options
    case dbPointer, code, scope
    case undefined, minKey, maxKey

    /// The key as written in Extended JSON, e.g. `$oid`.
    @inline(__always)
    var text: StaticString {
        switch self {
        case .oid: "$oid"
        case .symbol: "$symbol"
        case .numberInt: "$numberInt"
        case .numberLong: "$numberLong"
        case .numberDouble: "$numberDouble"
        case .numberDecimal: "$numberDecimal"
        case .binary: "$binary"
        case .type: "$type"
        case .uuid: "$uuid"
        case .date: "$date"
        case .timestamp: "$timestamp"
        case .regularExpression: "$regularExpression"
        case .regex: "$regex"
        case .options: "$options"
        case .dbPointer: "$dbPointer"
        case .code: "$code"
        case .scope: "$scope"
        case .undefined: "$undefined"
        case .minKey: "$minKey"
        case .maxKey: "$maxKey"
        }
    }

    /// The wrapper key spelled by `bytes`, or nil when `bytes` is not a wrapper key.
    init?(_ bytes: [UInt8]) {
        guard let key = bytes.withUnsafeBufferPointer(Self.lookup) else { return nil }
        self = key
    }

    /// The wrapper key named `name`, or nil.
    init?(_ name: String) {
        var name = name
        guard let key = name.withUTF8(Self.lookup) else { return nil }
        self = key
    }

    private static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> ExtendedJSONKey? {
        let table = byLength
        guard bytes.count < table.count else { return nil }
        for key in table[bytes.count] where key.text.spells(bytes) {
            return key
        }
        return nil
    }

    /// The keys, grouped by their length in bytes (the parser looks a key up by its length first).
    private static let byLength: [[ExtendedJSONKey]] = {
        let longest = allCases.map { $0.text.utf8CodeUnitCount }.max() ?? 0
        var table = [[ExtendedJSONKey]](repeating: [], count: longest + 1)
        for key in allCases {
            table[key.text.utf8CodeUnitCount].append(key)
        }
        return table
    }()

    /// The keys inside a wrapper's own object: `{"$binary": {"base64": …, "subType": …}}`,
    /// `{"$regularExpression": {"pattern": …, "options": …}}`, `{"$timestamp": {"t": …, "i": …}}`
    /// and `{"$dbPointer": {"$ref": …, "$id": …}}`.
    enum Field: ExtendedJSONSpelling, CaseIterable, Sendable {
        case base64, subType, pattern, options, t, i, ref, id

        /// The key as written in Extended JSON, e.g. `subType`.
        @inline(__always)
        var text: StaticString {
            switch self {
            case .base64: "base64"
            case .subType: "subType"
            case .pattern: "pattern"
            case .options: "options"
            case .t: "t"
            case .i: "i"
            case .ref: "$ref"
            case .id: "$id"
            }
        }
    }
}

extension StaticString {
    /// The string's UTF-8 code units, in static storage.
    @inline(__always)
    var utf8Bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }

    /// Whether `bytes` are exactly this string's UTF-8 (a plain loop: the generic
    /// `elementsEqual` costs several times more on the parser's key lookups).
    @inline(__always)
    func spells(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let start = utf8Start
        var k = 0
        while k < count {
            if start[k] != bytes[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether `bytes` are exactly this string's UTF-8.
    @inline(__always)
    func spells(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { spells($0) }
    }
}

/// A key spelled once as a `StaticString`: ``ExtendedJSONKey`` and ``ExtendedJSONKey/Field``.
protocol ExtendedJSONSpelling {
    /// The key as written in Extended JSON.
    var text: StaticString { get }
}

extension ExtendedJSONSpelling {
    /// The key's UTF-8 bytes (static storage, no allocation).
    @inline(__always)
    var utf8: UnsafeBufferPointer<UInt8> { text.utf8Bytes }

    /// The key as a `String`, e.g. `"$oid"`.
    var name: String { text.description }
}
