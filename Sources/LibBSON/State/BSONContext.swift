import Synchronization

/// A named bundle of the settings and caches that encoding and decoding use.
///
/// A BSON library caches state for speed. One process-wide cache is wrong when independent
/// components share a process with different settings (tenants, plugins, tests), and after
/// `fork()`, where every child would inherit the same ObjectId generator. `BSONContext` makes
/// that state explicit:
///
/// - ``global`` is the process-wide default, built once and read without locks. Code that
///   never binds a context uses it, at no cost.
/// - A context you create carries its own settings, custom type codecs, ObjectId generator and
///   caches. Bind it for a scope with ``withCurrent(_:_:)`` (a task-local, so
///   child tasks inherit it and detached tasks do not), or pass it explicitly as the `context:`
///   argument of ``BSONEncoder``, ``BSONDecoder`` and ``BSONDocument``.
///
/// Every operation resolves its state in one place (``resolve(_:)``): an explicit context if
/// given, else the bound one, else ``global``.
///
/// ```swift
/// var options = BSONCoderOptions()
/// options.dateEncodingStrategy = .iso8601
/// let tenantA = BSONContext(name: "tenant-a", coderOptions: options)
///
/// try BSONContext.withCurrent(tenantA) {
///     let doc = try BSONEncoder().encode(order)   // dates as ISO 8601 strings
///     let id = BSONObjectID()                     // from tenant-a's generator
/// }
/// ```
///
/// Settings are immutable; caches are safe to use from any number of tasks at once.
///
/// ## Topics
/// ### The state manager
/// - ``global``
/// - ``withCurrent(_:_:)``
/// - ``resolve(_:)``
/// ### Settings
/// - ``name``
/// - ``coderOptions``
/// - ``validation``
/// - ``extendedJSONMode``
/// - ``codecs``
/// ### Introspection
/// - ``statistics``
/// - ``isGlobal``
public final class BSONContext: Sendable, CustomStringConvertible {
    /// A name for logs and debugging ("global" for ``global``).
    public let name: String
    /// The Codable strategies used by ``BSONEncoder`` and ``BSONDecoder`` when they are not
    /// given options of their own.
    public let coderOptions: BSONCoderOptions
    /// Limits and rules applied to untrusted bytes (depth, size, UTF-8).
    public let validation: BSONValidationOptions
    /// The Extended JSON form ``BSONDocument/toExtendedJSONString(mode:context:)`` writes by default.
    public let extendedJSONMode: ExtendedJSONMode
    /// Custom conversions between Swift types and BSON, used by ``BSONEncoder`` and ``BSONDecoder``.
    public let codecs: BSONCodecRegistry
    /// True only for ``global``.
    public let isGlobal: Bool

    /// This context's ObjectId generator (one libbson `bson_context_t`, re-seeded after `fork()`).
    let objectIDGenerator: ObjectIDGenerator
    /// Converted Codable keys (snake_case), per direction.
    let keyCache: BSONKeyCache
    let counters: BSONContextCounters

    /// Creates a context. Every setting has a default, so `BSONContext(name: "tenant-a")` is
    /// a valid context with the library's defaults and caches of its own.
    public convenience init(
        name: String,
        coderOptions: BSONCoderOptions = BSONCoderOptions(),
        validation: BSONValidationOptions = .default,
        extendedJSONMode: ExtendedJSONMode = .relaxed,
        codecs: BSONCodecRegistry = BSONCodecRegistry()
    ) {
        self.init(name: name, coderOptions: coderOptions, validation: validation,
                  extendedJSONMode: extendedJSONMode, codecs: codecs, isGlobal: false)
    }

    private init(name: String, coderOptions: BSONCoderOptions, validation: BSONValidationOptions,
                 extendedJSONMode: ExtendedJSONMode, codecs: BSONCodecRegistry, isGlobal: Bool) {
        self.name = name
        self.coderOptions = coderOptions
        self.validation = validation
        self.extendedJSONMode = extendedJSONMode
        self.codecs = codecs
        self.isGlobal = isGlobal
        self.objectIDGenerator = ObjectIDGenerator()
        self.keyCache = BSONKeyCache()
        self.counters = BSONContextCounters()
    }

    /// The process-wide default state: the library's default settings, no custom codecs, the
    /// process's ObjectId generator. Built once, on first use.
    public static let global = BSONContext(
        name: "global", coderOptions: BSONCoderOptions(), validation: .default,
        extendedJSONMode: .relaxed, codecs: BSONCodecRegistry(), isGlobal: true)

    /// A snapshot of this context's counters.
    public var statistics: BSONContextStatistics { counters.snapshot(keyCacheEntries: keyCache.count) }

    public var description: String { "BSONContext(\(name))" }
}
