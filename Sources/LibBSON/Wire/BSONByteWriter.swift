import Synchronization

/// Appends BSON elements to one growable byte buffer that it owns (also the output buffer of
/// the Extended JSON writer, which appends text the same way).
///
/// Nested documents and arrays are written in place: a length placeholder first, the
/// elements, then the length is patched, so nothing is encoded twice.
///
/// The buffer is raw memory, not an `Array`: an `Array` append checks uniqueness and
/// capacity and goes through generic code for every piece, which cost a third of encoding.
/// The writer is noncopyable, so the buffer has exactly one owner and is freed once, in
/// `deinit`; ``toArray()`` copies the finished bytes out.
struct BSONByteWriter: ~Copyable {
    /// Nil until the first byte is written (an empty writer allocates nothing).
    private var base: UnsafeMutablePointer<UInt8>?
    /// Bytes written.
    private(set) var count: Int = 0
    private var capacity: Int = 0
    /// False while the buffer is memory lent by the caller (``init(borrowing:)``), which is
    /// neither freed nor reallocated in place: the first growth moves to memory of its own.
    private var ownsBuffer = true
    /// Which document builder owns this buffer (0: none). It moves with the buffer in
    /// ``take(_:)``, so a builder can check that a nested body handed back its own writer.
    var builderID: UInt64 = 0

    private static let builderIDs = Atomic<UInt64>(0)

    /// A new, non-zero ``builderID``.
    static func nextBuilderID() -> UInt64 {
        builderIDs.add(1, ordering: .relaxed).newValue
    }

    /// Largest up-front reservation: `capacity` is a hint (it may come from a caller's
    /// guess or a request), so a huge one is not allowed to allocate gigabytes at once.
    static let maxInitialCapacity = 16 * 1024 * 1024

    init(capacity: Int = 64) {
        let capacity = Swift.min(Swift.max(16, capacity), Self.maxInitialCapacity)
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    /// A writer that starts in `scratch` (typically a stack buffer from
    /// `withUnsafeTemporaryAllocation`), so that writing something small allocates nothing;
    /// more than fits moves to heap memory of its own. `scratch` must outlive the writer.
    init(borrowing scratch: UnsafeMutableRawBufferPointer) {
        base = scratch.bindMemory(to: UInt8.self).baseAddress
        capacity = base == nil ? 0 : scratch.count
        ownsBuffer = false
    }

    private init(empty: Void) {}

    deinit {
        if ownsBuffer { base?.deallocate() }
    }

    /// Moves `writer`'s buffer out, leaving an empty one (no copy, no allocation), so that a
    /// nested builder can write to the same buffer.
    @inline(__always)
    static func take(_ writer: inout BSONByteWriter) -> BSONByteWriter {
        var taken = BSONByteWriter(empty: ())
        swap(&taken, &writer)
        return taken
    }

    /// Room for `n` more bytes: returns where they go and counts them as written. The caller
    /// must initialise all `n` bytes before anything reads them.
    @inline(__always)
    private mutating func extend(by n: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(capacity - count < n) { grow(toHold: n) }
        // `grow` leaves base non-nil and capacity >= count + n.
        let p = base.unsafelyUnwrapped + count
        count += n
        return p
    }

    private mutating func grow(toHold n: Int) {
        let (needed, overflow) = count.addingReportingOverflow(n)
        precondition(!overflow, "BSONByteWriter: size overflow")
        let newCapacity = Swift.max(needed, capacity &* 2, 64)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let base {
            newBase.initialize(from: base, count: count)
            if ownsBuffer { base.deallocate() }
        }
        base = newBase
        capacity = newCapacity
        ownsBuffer = true
    }

    // MARK: Array-like access

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        extend(by: 1).pointee = byte
    }

    /// Appends bytes from memory.
    @inline(__always)
    mutating func append(contentsOf buffer: UnsafeRawBufferPointer) {
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        UnsafeMutableRawPointer(extend(by: buffer.count)).copyMemory(from: source, byteCount: buffer.count)
    }

    /// Appends bytes from memory.
    @inline(__always)
    mutating func append(contentsOf buffer: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: UnsafeRawBufferPointer(buffer))
    }

    /// Appends the bytes of an array or slice.
    @inline(__always)
    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// Appends the bytes of an array slice.
    @inline(__always)
    mutating func append(contentsOf bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// The byte at `index` (which must be below ``count``).
    subscript(index: Int) -> UInt8 {
        get {
            precondition(index >= 0 && index < count, "BSONByteWriter: index out of range")
            return base.unsafelyUnwrapped[index]
        }
        set {
            precondition(index >= 0 && index < count, "BSONByteWriter: index out of range")
            base.unsafelyUnwrapped[index] = newValue
        }
    }

    /// Drops the bytes from `range.lowerBound` to the end.
    mutating func removeSubrange(_ range: PartialRangeFrom<Int>) {
        precondition(range.lowerBound >= 0 && range.lowerBound <= count, "BSONByteWriter: index out of range")
        count = range.lowerBound
    }

    /// Removes the bytes in `range`, moving the ones after it down.
    mutating func removeSubrange(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "BSONByteWriter: index out of range")
        guard !range.isEmpty, let base else { return }
        (base + range.lowerBound).update(from: base + range.upperBound, count: count - range.upperBound)
        count -= range.count
    }

    /// Inserts bytes at `index`, moving the ones after it up.
    mutating func insert(contentsOf buffer: UnsafeRawBufferPointer, at index: Int) {
        precondition(index >= 0 && index <= count, "BSONByteWriter: index out of range")
        // Nothing to insert: return before `extend`, which unwraps `base` (nil in an empty writer).
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        let tail = count - index
        _ = extend(by: buffer.count)
        let base = base.unsafelyUnwrapped   // after `extend`: it may have moved the buffer
        (base + index + buffer.count).update(from: base + index, count: tail)
        UnsafeMutableRawPointer(base + index).copyMemory(from: source, byteCount: buffer.count)
    }

    /// Inserts the bytes of an array at `index`.
    mutating func insert(contentsOf bytes: [UInt8], at index: Int) {
        bytes.withUnsafeBytes { insert(contentsOf: $0, at: index) }
    }

    /// Calls `body` with the bytes written so far.
    @inline(__always)
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the bytes written so far.
    func toArray() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// A copy of the bytes in `range`.
    func toArray(_ range: Range<Int>) -> [UInt8] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "BSONByteWriter: index out of range")
        return withUnsafeBytes { Array(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    // MARK: Integers

    /// Appends `value` little-endian: the writing half of the integer vocabulary
    /// (``LittleEndianBytes`` reads).
    @inline(__always)
    mutating func appendInteger<T: FixedWidthInteger & BitwiseCopyable>(_ value: T) {
        UnsafeMutableRawPointer(extend(by: MemoryLayout<T>.size)).storeLittleEndian(value)
    }

    @inline(__always)
    mutating func appendInt32(_ v: Int32) { appendInteger(v) }

    @inline(__always)
    mutating func appendInt64(_ v: Int64) { appendInteger(v) }

    @inline(__always)
    mutating func appendUInt64(_ v: UInt64) { appendInteger(v) }

    /// Appends a double's IEEE 754 bits, little-endian.
    @inline(__always)
    mutating func appendDouble(_ v: Double) { appendInteger(v.bitPattern) }

    /// Stores `value` little-endian over the bytes at `offset`, which must have been written.
    @inline(__always)
    mutating func store<T: FixedWidthInteger & BitwiseCopyable>(_ value: T, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count, "BSONByteWriter: index out of range")
        UnsafeMutableRawPointer(base.unsafelyUnwrapped).storeLittleEndian(value, at: offset)
    }

    // MARK: Keys and C strings

    /// Appends a key as a C string.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the key contains NUL.
    @inline(__always)
    mutating func appendKey(_ key: String) throws {
        // Copy the key and its terminator in one step, then look for a NUL in the copy.
        let start = count
        appendCString(key)
        let p = base.unsafelyUnwrapped
        var i = start
        while i < count &- 1 {
            if _slowPath(p[i] == 0) {
                count = start
                throw BSONError(.embeddedNUL, "a document key cannot contain a NUL character: \(key.debugDescription)")
            }
            i &+= 1
        }
    }

    /// Appends an array index key ("0", "1", ...).
    @inline(__always)
    mutating func appendIndexKey(_ index: Int) {
        if index < 10 {
            let p = extend(by: 2)
            p[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: index)
            p[1] = 0
        } else {
            appendDecimal(UInt64(index))
            append(0)
        }
    }

    /// Appends the decimal digits of `value`, most significant first, in place (array index
    /// keys; the Extended JSON writer's integers).
    mutating func appendDecimal(_ value: UInt64) {
        var digits = 1
        var scale: UInt64 = 10
        // 20 digits at most (UInt64.max); 10^19 is the last power of ten that fits.
        while digits < 20 && value >= scale { digits += 1; scale &*= 10 }
        let p = extend(by: digits)
        var n = value
        var i = digits - 1
        while i >= 0 {
            p[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
            n /= 10
            i -= 1
        }
    }

    /// Appends a C string that is known to contain no NUL (``appendKey(_:)`` checks).
    @inline(__always)
    mutating func appendCString(_ s: String) {
        var s = s
        s.withUTF8 { appendCString($0) }
    }

    /// Appends UTF-8 bytes that are known to contain no NUL, and a NUL.
    @inline(__always)
    mutating func appendCString(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        let p = extend(by: n + 1)
        if let source = utf8.baseAddress { p.initialize(from: source, count: n) }
        p[n] = 0
    }
}
