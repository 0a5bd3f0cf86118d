// The validator as it was before the decode-speed work (commit 1f3e90f), kept verbatim as a
// reference: BSONValidatorReferenceTests checks that the current validator throws the same error (code,
// offset, key path and message) or accepts, for every input the tests generate.
import Foundation
@testable import LibBSON

/// Checks that untrusted bytes form exactly one well-formed BSON document before anything
/// trusts their lengths.
///
/// The walk is iterative (an explicit stack, bounded by the depth limit), so no input can
/// exhaust the call stack. Every length is checked against the bytes of the enclosing
/// document before it is used. Errors carry the byte offset and the key path.
struct ReferenceBSONValidator {
    let options: BSONValidationOptions

    private struct Frame {
        /// Offset of the document's first byte (its length field).
        var start: Int
        /// Offset of the document's terminating NUL.
        var end: Int
        /// The key leading to this document in its parent (byte range), or nil at the top.
        var keyStart: Int
        var keyEnd: Int
        /// For a code-with-scope scope: the offset where the whole value must end.
        var codeWithScopeEnd: Int?
    }

    /// Validates `p` as one document occupying all of `p`.
    func validate(_ p: UnsafeRawBufferPointer) throws {
        let total = p.count
        guard total >= 5 else {
            throw BSONError(.truncated, "a BSON document needs at least 5 bytes, got \(total)", offset: 0)
        }
        let declared = Int(Int32(littleEndian: p.loadUnaligned(as: Int32.self)))
        if declared > options.maxDocumentSize {
            throw BSONError(.sizeLimitExceeded,
                            "document size \(declared) exceeds the limit of \(options.maxDocumentSize) bytes",
                            offset: 0)
        }
        guard declared >= 5 else {
            throw BSONError(.invalidLength, "document length \(declared) is below the minimum of 5", offset: 0)
        }
        guard declared <= total else {
            throw BSONError(.truncated, "document declares \(declared) bytes but only \(total) are present", offset: 0)
        }
        guard declared == total else {
            throw BSONError(.invalidLength, "\(total - declared) bytes follow the end of the document", offset: declared)
        }
        guard p[total - 1] == 0 else {
            throw BSONError(.missingTerminator, "document does not end with a NUL byte", offset: total - 1)
        }
        try walk(p, end: total - 1)
    }

    private func walk(_ p: UnsafeRawBufferPointer, end topEnd: Int) throws {
        let maxDepth = options.effectiveMaxDepth
        let checkUTF8 = options.validateUTF8
        var stack: [Frame] = [Frame(start: 0, end: topEnd, keyStart: 0, keyEnd: 0, codeWithScopeEnd: nil)]
        stack.reserveCapacity(8)
        var pos = 4
        // p holds at least 5 bytes (checked by validate), so it has a base address.
        guard let base = p.baseAddress else { return }

        func fail(_ code: BSONError.Code, _ reason: String, at offset: Int, key: (Int, Int)?) -> BSONError {
            var path: [String] = []
            for frame in stack.dropFirst() {
                path.append(String(decoding: UnsafeRawBufferPointer(rebasing: p[frame.keyStart..<frame.keyEnd]), as: UTF8.self))
            }
            if let key {
                path.append(String(decoding: UnsafeRawBufferPointer(rebasing: p[key.0..<key.1]), as: UTF8.self))
            }
            return BSONError(code, reason, offset: offset, keyPath: path)
        }

        @inline(__always)
        func int32(_ at: Int) -> Int { Int(Int32(littleEndian: p.loadUnaligned(fromByteOffset: at, as: Int32.self))) }

        // The current document's terminator offset, kept in a local: reading it from
        // `stack.last` for every element copied the whole frame each time.
        var end = topEnd
        while true {
            if pos == end {
                // p[end] == 0 was checked when the frame was pushed.
                pos = end + 1
                let frame = stack.removeLast()
                guard let parent = stack.last else { break }
                end = parent.end
                if let cwsEnd = frame.codeWithScopeEnd, pos != cwsEnd {
                    throw fail(.invalidLength, "code-with-scope length disagrees with its contents (the scope ends at byte \(pos), the value at byte \(cwsEnd))",
                               at: frame.start, key: (frame.keyStart, frame.keyEnd))
                }
                continue
            }
            let elementStart = pos
            let typeByte = p[pos]
            pos += 1
            // Key: a C string that must end inside this document.
            let keyStart = pos
            var keyEnd = pos
            // Keys are usually short: a plain loop first, memchr for long ones.
            let quickStop = min(keyStart + 16, end)
            while keyEnd < quickStop && p[keyEnd] != 0 { keyEnd += 1 }
            if keyEnd == quickStop && quickStop < end {
                if let nul = memchr(base + keyEnd, 0, end - keyEnd) {
                    keyEnd = nul - UnsafeMutableRawPointer(mutating: base)
                } else {
                    keyEnd = end
                }
            }
            guard keyEnd < end else {
                throw fail(.missingTerminator, "element key runs past the end of its document", at: keyStart, key: nil)
            }
            if checkUTF8, let bad = ReferenceUTF8Validation.firstInvalid(p, from: keyStart, to: keyEnd) {
                throw fail(.invalidUTF8, "invalid UTF-8 in key", at: bad, key: nil)
            }
            let key = (keyStart, keyEnd)
            pos = keyEnd + 1
            let valueStart = pos
            let room = end - pos   // bytes available before the document's terminator

            func need(_ n: Int, _ what: @autoclosure () -> String) throws {
                guard n <= room else {
                    throw fail(.truncated, "\(what()) needs \(n) bytes but only \(room) remain in the document", at: valueStart, key: key)
                }
            }
            // A length-prefixed string at `at` that must end by `limit`; returns the offset after it.
            func string(at: Int, limit: Int, _ what: String) throws -> Int {
                guard limit - at >= 4 else {
                    throw fail(.truncated, "\(what) length runs past the end of its document", at: at, key: key)
                }
                let len = int32(at)
                guard len >= 1 else {
                    throw fail(.invalidLength, "\(what) length \(len) is below the minimum of 1", at: at, key: key)
                }
                guard len <= limit - at - 4 else {
                    throw fail(.truncated, "\(what) length \(len) runs past the end of its document", at: at, key: key)
                }
                let last = at + 4 + len - 1
                guard p[last] == 0 else {
                    throw fail(.missingTerminator, "\(what) does not end with a NUL byte", at: last, key: key)
                }
                if checkUTF8, let bad = ReferenceUTF8Validation.firstInvalid(p, from: at + 4, to: last) {
                    throw fail(.invalidUTF8, "invalid UTF-8 in \(what)", at: bad, key: key)
                }
                return last + 1
            }
            func cstring(at: Int, _ what: String) throws -> Int {
                var i = end
                if at < end, let nul = memchr(base + at, 0, end - at) {
                    i = nul - UnsafeMutableRawPointer(mutating: base)
                }
                guard i < end else {
                    throw fail(.missingTerminator, "\(what) runs past the end of its document", at: at, key: key)
                }
                if checkUTF8, let bad = ReferenceUTF8Validation.firstInvalid(p, from: at, to: i) {
                    throw fail(.invalidUTF8, "invalid UTF-8 in \(what)", at: bad, key: key)
                }
                return i + 1
            }
            func pushDocument(at: Int, limit: Int, _ what: String, codeWithScopeEnd: Int?) throws {
                guard limit - at >= 4 else {
                    throw fail(.truncated, "\(what) length runs past the end of its document", at: at, key: key)
                }
                let len = int32(at)
                guard len >= 5 else {
                    throw fail(.invalidLength, "\(what) length \(len) is below the minimum of 5", at: at, key: key)
                }
                guard len <= limit - at else {
                    throw fail(.truncated, "\(what) length \(len) runs past the end of its document", at: at, key: key)
                }
                guard p[at + len - 1] == 0 else {
                    throw fail(.missingTerminator, "\(what) does not end with a NUL byte", at: at + len - 1, key: key)
                }
                guard stack.count <= maxDepth else {
                    throw fail(.depthLimitExceeded, "documents are nested deeper than the limit of \(maxDepth)", at: at, key: key)
                }
                stack.append(Frame(start: at, end: at + len - 1, keyStart: keyStart, keyEnd: keyEnd, codeWithScopeEnd: codeWithScopeEnd))
                end = at + len - 1
                pos = at + 4
            }

            switch typeByte {
            case 0x01, 0x09, 0x11, 0x12:   // double, datetime, timestamp, int64
                try need(8, "\(BSONType(rawValue: typeByte).map { "\($0)" } ?? "") value"); pos += 8
            case 0x10:
                try need(4, "int32 value"); pos += 4
            case 0x13:
                try need(16, "decimal128 value"); pos += 16
            case 0x07:
                try need(12, "ObjectId value"); pos += 12
            case 0x08:
                try need(1, "boolean value")
                guard p[pos] <= 1 else {
                    throw fail(.invalidValue, "boolean byte is \(p[pos]), not 0 or 1", at: pos, key: key)
                }
                pos += 1
            case 0x06, 0x0A, 0x7F, 0xFF:   // undefined, null, maxKey, minKey
                break
            case 0x02:
                pos = try string(at: pos, limit: end, "string")
            case 0x0D:
                pos = try string(at: pos, limit: end, "code")
            case 0x0E:
                pos = try string(at: pos, limit: end, "symbol")
            case 0x03:
                try pushDocument(at: pos, limit: end, "embedded document", codeWithScopeEnd: nil)
            case 0x04:
                try pushDocument(at: pos, limit: end, "array", codeWithScopeEnd: nil)
            case 0x05:
                try need(5, "binary value")
                let len = int32(pos)
                guard len >= 0 else {
                    throw fail(.invalidLength, "binary length \(len) is negative", at: pos, key: key)
                }
                guard len <= room - 5 else {
                    throw fail(.truncated, "binary length \(len) runs past the end of its document", at: pos, key: key)
                }
                let subtype = p[pos + 4]
                if subtype == 0x02 {
                    // The old binary subtype repeats the payload length inside the payload.
                    guard len >= 4 else {
                        throw fail(.invalidLength, "binary subtype 02 needs an inner length, but the payload has \(len) bytes", at: pos, key: key)
                    }
                    let inner = int32(pos + 5)
                    guard inner == len - 4 else {
                        throw fail(.invalidLength, "binary subtype 02 inner length \(inner) disagrees with the payload length \(len - 4)", at: pos + 5, key: key)
                    }
                }
                pos += 5 + len
            case 0x0B:
                pos = try cstring(at: pos, "regular expression pattern")
                let optionsStart = pos
                pos = try cstring(at: pos, "regular expression options")
                if let bad = ReferenceRegexOptions.firstInvalid(UnsafeRawBufferPointer(rebasing: p[optionsStart..<(pos - 1)])) {
                    throw fail(.invalidValue, bad.reason, at: optionsStart + bad.index, key: key)
                }
            case 0x0C:
                pos = try string(at: pos, limit: end, "DBPointer namespace")
                guard end - pos >= 12 else {
                    throw fail(.truncated, "DBPointer ObjectId runs past the end of its document", at: pos, key: key)
                }
                pos += 12
            case 0x0F:
                try need(4, "code-with-scope value")
                let total = int32(pos)
                // 4 (total) + 4 (string length) + 1 (empty string's NUL) + 5 (empty scope).
                guard total >= 14 else {
                    throw fail(.invalidLength, "code-with-scope length \(total) is below the minimum of 14", at: pos, key: key)
                }
                guard total <= room else {
                    throw fail(.truncated, "code-with-scope length \(total) runs past the end of its document", at: pos, key: key)
                }
                let cwsEnd = pos + total
                let afterCode = try string(at: pos + 4, limit: cwsEnd, "code")
                try pushDocument(at: afterCode, limit: cwsEnd, "code-with-scope scope", codeWithScopeEnd: cwsEnd)
            default:
                throw fail(.unknownType, "unknown element type 0x\(HexDigits.encode([typeByte]))", at: elementStart, key: key)
            }
            if pos > end {
                throw fail(.truncated, "element runs past the end of its document", at: elementStart, key: key)
            }
        }
    }
}

/// A strict UTF-8 check (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
/// NUL bytes are allowed here; callers that forbid them check separately.
enum ReferenceUTF8Validation {
    /// Returns the index of the first byte of the first invalid sequence, or nil when valid.
    @inline(__always)
    static func firstInvalid(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        var i = start
        // ASCII fast path: eight bytes at a time.
        while i + 8 <= end {
            let word = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < end {
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            if b0 < 0xC2 || b0 > 0xF4 { return i }
            if b0 < 0xE0 {
                guard i + 1 < end, p[i + 1] & 0xC0 == 0x80 else { return i }
                i += 2
            } else if b0 < 0xF0 {
                guard i + 2 < end else { return i }
                let b1 = p[i + 1], b2 = p[i + 2]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return i }
                if b0 == 0xE0 && b1 < 0xA0 { return i }   // overlong
                if b0 == 0xED && b1 > 0x9F { return i }   // surrogate
                i += 3
            } else {
                guard i + 3 < end else { return i }
                let b1 = p[i + 1], b2 = p[i + 2], b3 = p[i + 3]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return i }
                if b0 == 0xF0 && b1 < 0x90 { return i }   // overlong
                if b0 == 0xF4 && b1 > 0x8F { return i }   // above U+10FFFF
                i += 4
            }
        }
        return nil
    }
}

/// The rule for regular expression options: the letters BSON defines (`i`, `l`, `m`, `s`, `u`,
/// `x`), each at most once.
///
/// Anything else cannot round-trip: options are stored sorted, so a multi-byte character would
/// be split into invalid UTF-8, and Extended JSON readers (ours and libbson's) refuse or drop
/// other letters and repeated ones.
enum ReferenceRegexOptions {
    static let letters: [UInt8] = Array("ilmsux".utf8)

    /// The index of the first invalid byte and why, or nil when `options` follow the rule.
    static func firstInvalid<C: Collection>(_ options: C) -> (index: Int, reason: String)? where C.Element == UInt8 {
        var seen: UInt8 = 0
        for (index, c) in options.enumerated() {
            guard let bit = letters.firstIndex(of: c) else {
                let shown = c < 0x80 ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(HexDigits.encode([c]))"
                return (index, "regular expression option \(shown) is not one of i, l, m, s, u, x")
            }
            let mask: UInt8 = 1 << UInt8(bit)
            if seen & mask != 0 {
                return (index, "regular expression option '\(Character(Unicode.Scalar(c)))' is repeated")
            }
            seen |= mask
        }
        return nil
    }
}
