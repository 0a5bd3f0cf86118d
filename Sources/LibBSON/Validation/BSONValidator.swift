import Foundation

/// Checks that untrusted bytes form exactly one well-formed BSON document before anything
/// trusts their lengths.
///
/// The walk is iterative (an explicit stack, bounded by the depth limit), so no input can
/// exhaust the call stack. Every length is checked against the bytes of the enclosing
/// document before it is used. Errors carry the byte offset and the key path.
struct BSONValidator {
    let options: BSONValidationOptions

    /// Validates `p` as one document occupying all of `p`.
    func validate(_ p: UnsafeRawBufferPointer) throws {
        let total = p.count
        guard total >= 5, let base = p.baseAddress else {
            throw BSONError(.truncated, "a BSON document needs at least 5 bytes, got \(total)", offset: 0)
        }
        let declared = p.length(at: 0)
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
        try Walk(p, base: base, options: options).run()
    }
}

/// One validation of a buffer whose size, declared length and final NUL are already checked.
///
/// The position, the current document's end and the stack of open documents live in locals
/// of ``run()``; errors are built by separate functions that receive what they report, so the
/// loop keeps its state in registers (local functions capturing that state, or mutating
/// methods on a struct holding it, cost a copy or a dynamic exclusivity check per element).
private struct Walk {
    struct Frame {
        /// Offset of the document's first byte (its length field).
        var start: Int
        /// Offset of the enclosing document's terminating NUL: where the walk resumes when
        /// this document ends (kept here so a pop need not read the frame below).
        var parentEnd: Int
        /// The key leading to this document in its parent (byte range).
        var keyStart: Int
        var keyEnd: Int
        /// For a code-with-scope scope: the offset where the whole value must end; 0 otherwise.
        var codeWithScopeEnd: Int
    }

    /// The open embedded documents, outermost first, in memory of their own: an Array
    /// checked uniqueness and capacity on every push and pop. Frames hold only integers, so
    /// nothing needs deinitialising; the memory is allocated at the first push and freed
    /// when the walk ends, however it ends.
    ///
    /// The shape is measured, not incidental (callgrind, `scripts/bench-instructions`):
    /// ``push(_:)`` is inline where the walk enters a document or an array (a deep data set
    /// enters one per element or two; a call there cost 11%) and ``pushOutOfLine(_:)`` where
    /// it enters a code-with-scope scope. Inlined at both sites, the stack's bookkeeping took
    /// registers from the whole loop and documents without nesting got 20% slower; growing
    /// stays out of line. A pop needs no second read: each frame keeps where its parent ends.
    struct FrameStack: ~Copyable {
        private var frames: UnsafeMutablePointer<Frame>?
        private var capacity = 0
        private(set) var count = 0

        init() {}

        deinit { frames?.deallocate() }

        /// Pushes `frame`, inline in the caller (see the type's notes for the one site).
        @inline(__always)
        mutating func push(_ frame: Frame) {
            if count == capacity { grow() }
            guard let frames else { return }
            (frames + count).initialize(to: frame)
            count &+= 1
        }

        mutating func pop() -> Frame? {
            guard count > 0, let frames else { return nil }
            count &-= 1
            return frames[count]
        }

        @inline(never)
        private mutating func grow() {
            let newCapacity = max(8, capacity * 2)
            let grown = UnsafeMutablePointer<Frame>.allocate(capacity: newCapacity)
            if let frames {
                grown.initialize(from: frames, count: count)
                frames.deallocate()
            }
            frames = grown
            capacity = newCapacity
        }

        /// ``push(_:)`` as a call, for the rarely taken sites (see the type's notes).
        @inline(never)
        mutating func pushOutOfLine(_ frame: Frame) { push(frame) }

        func forEach(_ body: (Frame) -> Void) {
            guard let frames else { return }
            for i in 0..<count { body(frames[i]) }
        }
    }

    let p: UnsafeRawBufferPointer
    let base: UnsafeRawPointer
    let count: Int
    let maxDepth: Int
    let checkUTF8: Bool

    init(_ p: UnsafeRawBufferPointer, base: UnsafeRawPointer, options: BSONValidationOptions) {
        self.p = p
        self.base = base
        self.count = p.count
        self.maxDepth = options.effectiveMaxDepth
        self.checkUTF8 = options.validateUTF8
    }

    // Offsets below are at most `count` (an Int32 length), so their sums cannot overflow.

    @inline(__always)
    func byte(_ at: Int) -> UInt8 { base.load(fromByteOffset: at, as: UInt8.self) }

    @inline(__always)
    func int32(_ at: Int) -> Int { base.length(at: at) }

    /// An error at `offset` whose key path is the keys of the open documents, then `key`.
    @inline(never)
    func error(_ code: BSONError.Code, _ reason: String, at offset: Int, _ stack: borrowing FrameStack, key: (Int, Int)?) -> BSONError {
        var path: [String] = []
        stack.forEach { frame in
            path.append(String(decoding: UnsafeRawBufferPointer(rebasing: p[frame.keyStart..<frame.keyEnd]), as: UTF8.self))
        }
        if let key {
            path.append(String(decoding: UnsafeRawBufferPointer(rebasing: p[key.0..<key.1]), as: UTF8.self))
        }
        return BSONError(code, reason, offset: offset, keyPath: path)
    }

    /// The error for a fixed-size value that needs `n` bytes where `room` remain.
    @inline(never)
    func tooShort(_ type: BSONType, _ n: Int, room: Int, at offset: Int, _ stack: borrowing FrameStack, key: (Int, Int)) -> BSONError {
        let what: String
        switch type {
        case .int32: what = "int32 value"
        case .bool: what = "boolean value"
        case .objectID: what = "ObjectId value"
        case .decimal128: what = "decimal128 value"
        case .binary: what = "binary value"
        case .codeWithScope: what = "code-with-scope value"
        default: what = "\(type) value"
        }
        return error(.truncated, "\(what) needs \(n) bytes but only \(room) remain in the document", at: offset, stack, key: key)
    }

    /// Checks a fixed-size value of `size` bytes at `at` (of the type `typeByte` names), with
    /// `room` bytes left before the document's end; returns the offset after it.
    @inline(__always)
    func fixed(_ size: Int, _ typeByte: UInt8, at: Int, room: Int, _ stack: borrowing FrameStack, key: (Int, Int)) throws -> Int {
        guard room >= size else { throw tooShort(BSONType(validated: typeByte), size, room: room, at: at, stack, key: key) }
        return at &+ size
    }

    /// Checks a length-prefixed string at `at` that must end by `limit`; returns the offset after it.
    @inline(__always)
    func string(at: Int, limit: Int, _ what: StaticString, _ stack: borrowing FrameStack, key: (Int, Int)) throws -> Int {
        let len = limit &- at >= 4 ? int32(at) : 0
        let last = at &+ 3 &+ len
        guard limit &- at >= 4, len >= 1, len <= limit &- at &- 4, byte(last) == 0 else {
            throw stringError(at: at, limit: limit, what, stack, key: key)
        }
        if checkUTF8, let bad = UTF8Validation.firstInvalid(p, from: at &+ 4, to: last) {
            throw error(.invalidUTF8, "invalid UTF-8 in \(what)", at: bad, stack, key: key)
        }
        return last &+ 1
    }

    /// The error for a length-prefixed string that ``string(at:limit:_:_:key:)`` refused.
    @inline(never)
    func stringError(at: Int, limit: Int, _ what: StaticString, _ stack: borrowing FrameStack, key: (Int, Int)) -> BSONError {
        lengthError(at: at, limit: limit, minimum: 1, fieldCounted: false, what, stack, key: key)
    }

    /// Checks the header of a document at `at` that must end by `limit`; returns its terminator's offset.
    @inline(__always)
    func document(at: Int, limit: Int, _ what: StaticString, _ stack: borrowing FrameStack, key: (Int, Int)) throws -> Int {
        let len = limit &- at >= 4 ? int32(at) : 0
        let last = at &+ len &- 1
        guard limit &- at >= 4, len >= 5, len <= limit &- at, byte(last) == 0 else {
            throw documentError(at: at, limit: limit, what, stack, key: key)
        }
        // The top level is depth 0 and is not on the stack.
        guard stack.count < maxDepth else {
            throw error(.depthLimitExceeded, "documents are nested deeper than the limit of \(maxDepth)", at: at, stack, key: key)
        }
        return last
    }

    /// The error for a document header that ``document(at:limit:_:_:key:)`` refused.
    @inline(never)
    func documentError(at: Int, limit: Int, _ what: StaticString, _ stack: borrowing FrameStack, key: (Int, Int)) -> BSONError {
        lengthError(at: at, limit: limit, minimum: 5, fieldCounted: true, what, stack, key: key)
    }

    /// Which rule a length-prefixed region at `at` (ending by `limit`) broke, in the order the
    /// checks run: room for the 4-byte field, the field's `minimum`, the region inside `limit`,
    /// then its last byte a NUL. A document's length counts its own field
    /// (`fieldCounted`); a string's does not.
    func lengthError(at: Int, limit: Int, minimum: Int32, fieldCounted: Bool, _ what: StaticString,
                     _ stack: borrowing FrameStack, key: (Int, Int)) -> BSONError {
        guard limit - at >= 4 else {
            return error(.truncated, "\(what) length runs past the end of its document", at: at, stack, key: key)
        }
        let len = int32(at)
        guard len >= minimum else {
            return error(.invalidLength, "\(what) length \(len) is below the minimum of \(minimum)", at: at, stack, key: key)
        }
        let regionStart = fieldCounted ? at : at + 4
        guard len <= limit - regionStart else {
            return error(.truncated, "\(what) length \(len) runs past the end of its document", at: at, stack, key: key)
        }
        return error(.missingTerminator, "\(what) does not end with a NUL byte", at: regionStart + Int(len) - 1, stack, key: key)
    }

    /// Checks a C string at `at` (at most `end`) that must end before `end`; returns the offset after it.
    func cstring(at: Int, end: Int, _ what: StaticString, _ stack: borrowing FrameStack, key: (Int, Int)) throws -> Int {
        let (nul, isASCII) = ByteScan.cstring(base, from: at, count: count)
        guard nul < end else {
            throw error(.missingTerminator, "\(what) runs past the end of its document", at: at, stack, key: key)
        }
        if checkUTF8, !isASCII, let bad = UTF8Validation.firstInvalidStrict(p, from: at, to: nul) {
            throw error(.invalidUTF8, "invalid UTF-8 in \(what)", at: bad, stack, key: key)
        }
        return nul &+ 1
    }

    /// Checks a binary value at `at`, whose document ends at `end`; returns the offset after it.
    func binary(at: Int, end: Int, _ stack: borrowing FrameStack, key: (Int, Int)) throws -> Int {
        let room = end &- at
        guard room >= 5 else { throw tooShort(.binary, 5, room: room, at: at, stack, key: key) }
        let len = int32(at)
        guard len >= 0 else {
            throw error(.invalidLength, "binary length \(len) is negative", at: at, stack, key: key)
        }
        guard len <= room &- 5 else {
            throw error(.truncated, "binary length \(len) runs past the end of its document", at: at, stack, key: key)
        }
        if byte(at &+ 4) == BSONBinary.Subtype.binaryOld.rawValue {
            // The old binary subtype repeats the payload length inside the payload.
            guard len >= 4 else {
                throw error(.invalidLength, "binary subtype 02 needs an inner length, but the payload has \(len) bytes", at: at, stack, key: key)
            }
            let inner = int32(at &+ 5)
            guard inner == len &- 4 else {
                throw error(.invalidLength, "binary subtype 02 inner length \(inner) disagrees with the payload length \(len &- 4)", at: at &+ 5, stack, key: key)
            }
        }
        return at &+ 5 &+ len
    }

    /// Checks a regular expression at `at`, whose document ends at `end`; returns the offset after it.
    func regex(at: Int, end: Int, _ stack: borrowing FrameStack, key: (Int, Int)) throws -> Int {
        let optionsStart = try cstring(at: at, end: end, "regular expression pattern", stack, key: key)
        let after = try cstring(at: optionsStart, end: end, "regular expression options", stack, key: key)
        if after &- 1 > optionsStart,
           let bad = RegexOptions.firstInvalid(UnsafeRawBufferPointer(rebasing: p[optionsStart..<(after &- 1)])) {
            throw error(.invalidValue, bad.reason, at: optionsStart &+ bad.index, stack, key: key)
        }
        return after
    }

    func run() throws {
        // The open embedded documents, outermost first. The top level is not on it, so a
        // document without nesting allocates nothing.
        var stack = FrameStack()
        // The current document's terminator; p[end] is 0 (checked before the document is entered).
        var end = count &- 1
        var pos = 4
        while true {
            if pos == end {
                pos = end &+ 1
                guard let frame = stack.pop() else { return }
                end = frame.parentEnd
                if frame.codeWithScopeEnd != 0, pos != frame.codeWithScopeEnd {
                    throw error(.invalidLength, "code-with-scope length disagrees with its contents (the scope ends at byte \(pos), the value at byte \(frame.codeWithScopeEnd))",
                                at: frame.start, stack, key: (frame.keyStart, frame.keyEnd))
                }
                continue
            }
            let elementStart = pos
            let typeByte = byte(pos)
            // Key: a C string that must end inside this document. p[end] is 0, so the first
            // NUL from the key's start is at most `end`; at `end` the key has no terminator.
            let keyStart = pos &+ 1
            let (keyEnd, keyIsASCII) = ByteScan.cstring(base, from: keyStart, count: count)
            guard keyEnd < end else {
                throw error(.missingTerminator, "element key runs past the end of its document", at: keyStart, stack, key: nil)
            }
            if checkUTF8, !keyIsASCII, let bad = UTF8Validation.firstInvalidStrict(p, from: keyStart, to: keyEnd) {
                throw error(.invalidUTF8, "invalid UTF-8 in key", at: bad, stack, key: nil)
            }
            let key = (keyStart, keyEnd)
            pos = keyEnd &+ 1
            let room = end &- pos   // bytes available before the document's terminator
            // The switch is on the untrusted byte itself, its labels the types' bytes: a byte
            // no type has goes to `default`, without a conversion to BSONType first.
            switch typeByte {
            case BSONType.int32.rawValue:
                pos = try fixed(BSONType.int32.layout.fixedSize, typeByte, at: pos, room: room, stack, key: key)
            case BSONType.double.rawValue, BSONType.datetime.rawValue, BSONType.timestamp.rawValue, BSONType.int64.rawValue:
                pos = try fixed(BSONType.double.layout.fixedSize, typeByte, at: pos, room: room, stack, key: key)
            case BSONType.objectID.rawValue:
                pos = try fixed(BSONType.objectID.layout.fixedSize, typeByte, at: pos, room: room, stack, key: key)
            case BSONType.decimal128.rawValue:
                pos = try fixed(BSONType.decimal128.layout.fixedSize, typeByte, at: pos, room: room, stack, key: key)
            case BSONType.bool.rawValue:
                let after = try fixed(BSONType.bool.layout.fixedSize, typeByte, at: pos, room: room, stack, key: key)
                guard byte(pos) <= 1 else {
                    throw error(.invalidValue, "boolean byte is \(byte(pos)), not 0 or 1", at: pos, stack, key: key)
                }
                pos = after
            case BSONType.undefined.rawValue, BSONType.null.rawValue, BSONType.maxKey.rawValue, BSONType.minKey.rawValue:
                break
            case BSONType.string.rawValue:
                pos = try string(at: pos, limit: end, "string", stack, key: key)
            case BSONType.code.rawValue:
                pos = try string(at: pos, limit: end, "code", stack, key: key)
            case BSONType.symbol.rawValue:
                pos = try string(at: pos, limit: end, "symbol", stack, key: key)
            case BSONType.document.rawValue, BSONType.array.rawValue:
                let last = try document(at: pos, limit: end, typeByte == BSONType.document.rawValue ? "embedded document" : "array", stack, key: key)
                stack.push(Frame(start: pos, parentEnd: end, keyStart: keyStart, keyEnd: keyEnd, codeWithScopeEnd: 0))
                end = last
                pos &+= 4
            case BSONType.binary.rawValue:
                pos = try binary(at: pos, end: end, stack, key: key)
            case BSONType.regex.rawValue:
                pos = try regex(at: pos, end: end, stack, key: key)
            case BSONType.dbPointer.rawValue:
                pos = try string(at: pos, limit: end, "DBPointer namespace", stack, key: key)
                guard end &- pos >= BSONValueLayout.objectIDSize else {
                    throw error(.truncated, "DBPointer ObjectId runs past the end of its document", at: pos, stack, key: key)
                }
                pos &+= BSONValueLayout.objectIDSize
            case BSONType.codeWithScope.rawValue:
                guard room >= 4 else { throw tooShort(.codeWithScope, 4, room: room, at: pos, stack, key: key) }
                let total = int32(pos)
                // 4 (total) + 4 (string length) + 1 (empty string's NUL) + 5 (empty scope).
                guard total >= 14 else {
                    throw error(.invalidLength, "code-with-scope length \(total) is below the minimum of 14", at: pos, stack, key: key)
                }
                guard total <= room else {
                    throw error(.truncated, "code-with-scope length \(total) runs past the end of its document", at: pos, stack, key: key)
                }
                let cwsEnd = pos &+ total
                let scopeAt = try string(at: pos &+ 4, limit: cwsEnd, "code", stack, key: key)
                let last = try document(at: scopeAt, limit: cwsEnd, "code-with-scope scope", stack, key: key)
                stack.pushOutOfLine(Frame(start: scopeAt, parentEnd: end, keyStart: keyStart, keyEnd: keyEnd, codeWithScopeEnd: cwsEnd))
                end = last
                pos = scopeAt &+ 4
            default:
                throw error(.unknownType, "unknown element type 0x\(HexDigits.encode([typeByte]))", at: elementStart, stack, key: key)
            }
            if pos > end {
                throw error(.truncated, "element runs past the end of its document", at: elementStart, stack, key: key)
            }
        }
    }
}
