/// Limits and rules applied when untrusted bytes become a ``BSONDocument``.
///
/// ```swift
/// var options = BSONValidationOptions()
/// options.maxDepth = 20
/// let doc = try BSONDocument(fromBSON: bytes, options: options)
/// ```
public struct BSONValidationOptions: Sendable, Hashable {
    /// The deepest nesting accepted, counting the top-level document as depth 0 and each
    /// embedded document, array or code-with-scope scope as one more level. Default 100.
    ///
    /// Values above ``maxSupportedDepth`` are treated as ``maxSupportedDepth``, so that no
    /// configuration lets a hostile document exhaust the stack of a recursive reader.
    public var maxDepth: Int
    /// The largest accepted document, in bytes. Default 16 MiB (16,777,216), MongoDB's limit.
    public var maxDocumentSize: Int
    /// Whether keys, strings, code, symbols and regular expressions must be valid UTF-8. Default true.
    ///
    /// Turning this off saves the UTF-8 check, the largest cost of a safe decode, for bytes
    /// that a trusted source already checked; invalid sequences then read as U+FFFD.
    public var validateUTF8: Bool

    /// The hard upper bound for ``maxDepth``: 200 levels.
    ///
    /// Readers that follow the nesting recursively (Codable types that contain themselves, the
    /// Extended JSON writer) need stack in proportion to the depth; 200 levels fit in the
    /// 512 KiB stacks of secondary threads on Darwin (a Codable decode of a self-nested class
    /// crashed there between 300 and 400 levels). MongoDB itself accepts at most 100 or so.
    public static let maxSupportedDepth = 200
    /// The default size limit: 16 MiB.
    public static let defaultMaxDocumentSize = 16 * 1024 * 1024

    /// Creates options; every parameter has the default described on its property.
    public init(maxDepth: Int = 100, maxDocumentSize: Int = BSONValidationOptions.defaultMaxDocumentSize, validateUTF8: Bool = true) {
        self.maxDepth = maxDepth
        self.maxDocumentSize = maxDocumentSize
        self.validateUTF8 = validateUTF8
    }

    /// The defaults: depth 100, 16 MiB, UTF-8 checked.
    public static let `default` = BSONValidationOptions()

    var effectiveMaxDepth: Int { min(max(maxDepth, 0), Self.maxSupportedDepth) }
}
