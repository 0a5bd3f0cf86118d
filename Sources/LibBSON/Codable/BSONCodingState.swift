/// What one `BSONEncoder.encode` or `BSONDecoder.decode` call shares with the other direction:
/// the options in force, the resolved context (custom codecs, the shared key cache), the
/// `userInfo` handed to `Encoder`s and `Decoder`s, and the call's own snake_case key table.
///
/// ``BSONEncodingState`` and ``BSONDecodingState`` are its two subclasses.
class BSONCodingState {
    let options: BSONCoderOptions
    /// The resolved context: custom codecs and the shared key cache.
    let context: BSONContext
    let codecs: BSONCodecRegistry
    /// True when the context registers codecs: every value asks the registry first.
    let hasCodecs: Bool
    private final var snakeCache: [String: String] = [:]
    private final var userInfoCache: [CodingUserInfoKey: Any]?

    init(options: BSONCoderOptions, context: BSONContext) {
        self.options = options
        self.context = context
        self.codecs = context.codecs
        self.hasCodecs = !context.codecs.isEmpty
    }

    /// `value` as `T`, where the caller has just checked that `T.self == U.self`.
    ///
    /// The coders' dispatch on the standard types (`if T.self == String.self ...`) runs in
    /// unspecialised generic code for every element of an array and every generic property;
    /// `value as? T` there costs a dynamic cast and a run-time lookup of `Optional<T>`'s
    /// metadata on every call. The types being the same, the value's bits are already a `T`.
    @inline(__always)
    static func identity<U, T>(_ value: U, as type: T.Type) -> T {
        unsafeBitCast(value, to: T.self)
    }

    /// `options.userInfo` as `Encoder.userInfo` and `Decoder.userInfo` want it (built once a call).
    final var userInfo: [CodingUserInfoKey: Any] {
        if let cached = userInfoCache { return cached }
        var info: [CodingUserInfoKey: Any] = [:]
        for (key, value) in options.userInfo { info[key] = value }
        userInfoCache = info
        return info
    }

    /// A property name in snake_case: from the call's own table first (no lock), then from the
    /// context's cache, shared across calls (computed and stored there on a miss).
    @inline(__always)
    final func snakeCaseKey(_ name: String) -> String {
        if let cached = snakeCache[name] { return cached }
        let converted = context.keyCache.converted(name, .toSnakeCase, counters: context.counters,
                                                   convert: SnakeCaseConversion.toSnakeCase)
        snakeCache[name] = converted
        return converted
    }
}

/// Marks `Dictionary`, whose keys are data: the key strategies leave them alone.
protocol BSONDictionaryMarker {}
extension Dictionary: BSONDictionaryMarker {}
