/// What ``BSONEncoder`` and ``BSONDecoder`` share: the settings set on the coder, the context it
/// runs in, and the one rule that combines the two.
///
/// The rule: the options in force are those of the context in effect when the coder runs
/// (``context`` if set, else the bound one, else ``BSONContext/global``), with the settings
/// set on the coder on top of them:
/// - a setting changed by itself (a strategy shortcut, or one property through `options`)
///   replaces that one setting; every other setting keeps following the context;
/// - options given whole (`init(options:)`, or assigning `options`) replace every setting.
///
/// The context's validation limits, codecs and caches apply either way, unless
/// ``BSONCoderOptions/validationOverride`` is set.
struct BSONCoderConfiguration: Sendable {
    /// The settings set on the coder: all of them when ``ownsEverySetting``, else only those in
    /// its ``BSONCoderOptions/assignedSettings``.
    private var own: BSONCoderOptions
    /// True once options were given whole: they replace the context's ``BSONContext/coderOptions``.
    private var ownsEverySetting: Bool
    /// The context to use; nil to resolve the bound one (or the global one) per call.
    var context: BSONContext?

    /// A coder's configuration: `options` given whole (nil to follow the context), `context`.
    init(options: BSONCoderOptions?, context: BSONContext?) {
        own = options ?? BSONCoderOptions()
        ownsEverySetting = options != nil
        self.context = context
    }

    /// The options in force in `context`: its ``BSONContext/coderOptions`` with the coder's own
    /// settings on top.
    @inline(__always)
    private func optionsInForce(in context: BSONContext) -> BSONCoderOptions {
        if ownsEverySetting { return own }
        if own.assignedSettings.isEmpty { return context.coderOptions }
        return context.coderOptions.overlaid(with: own)
    }

    /// The options in force if the coder ran here (reading them counts no operation).
    ///
    /// Assigning a whole value replaces every setting; changing one property through it
    /// (`options.keyEncodingStrategy = ...`) changes that setting only, as a shortcut does.
    var options: BSONCoderOptions {
        get { optionsInForce(in: context ?? BSONContext.bound) }
        set {
            own = newValue
            ownsEverySetting = true
        }
        _modify {
            if ownsEverySetting {
                yield &own
            } else {
                // Hand out the options in force here, and keep only what the caller assigns.
                var edited = optionsInForce(in: context ?? BSONContext.bound)
                edited.assignedSettings = []
                defer { own = own.overlaid(with: edited) }
                yield &edited
            }
        }
    }

    /// The context (``BSONContext/resolve(_:)``, once a call) and the options in force, for one call.
    @inline(__always)
    func resolve() -> (options: BSONCoderOptions, context: BSONContext) {
        let resolved = BSONContext.resolve(context)
        return (optionsInForce(in: resolved), resolved)
    }

    /// What a strategy shortcut's setter does: changes that one setting.
    mutating func set<Value>(_ keyPath: WritableKeyPath<BSONCoderOptions, Value>, _ value: Value) {
        own[keyPath: keyPath] = value
    }
}

extension BSONCoderOptions {
    /// Names of the settings, for ``assignedSettings``.
    struct Settings: OptionSet, Sendable {
        let rawValue: UInt16

        static let dateEncoding = Settings(rawValue: 1 << 0)
        static let dateDecoding = Settings(rawValue: 1 << 1)
        static let uuidEncoding = Settings(rawValue: 1 << 2)
        static let uuidDecoding = Settings(rawValue: 1 << 3)
        static let dataEncoding = Settings(rawValue: 1 << 4)
        static let dataDecoding = Settings(rawValue: 1 << 5)
        static let keyEncoding = Settings(rawValue: 1 << 6)
        static let keyDecoding = Settings(rawValue: 1 << 7)
        static let nilEncoding = Settings(rawValue: 1 << 8)
        static let integerEncoding = Settings(rawValue: 1 << 9)
        static let unsignedInteger = Settings(rawValue: 1 << 10)
        static let validationOverride = Settings(rawValue: 1 << 11)
        static let userInfo = Settings(rawValue: 1 << 12)
    }

    /// These options with the settings assigned on `changes` (its ``assignedSettings``) taken
    /// from it; the result's ``assignedSettings`` are both values'.
    func overlaid(with changes: BSONCoderOptions) -> BSONCoderOptions {
        var result = self
        let changed = changes.assignedSettings
        if changed.contains(.dateEncoding) { result.dateEncodingStrategy = changes.dateEncodingStrategy }
        if changed.contains(.dateDecoding) { result.dateDecodingStrategy = changes.dateDecodingStrategy }
        if changed.contains(.uuidEncoding) { result.uuidEncodingStrategy = changes.uuidEncodingStrategy }
        if changed.contains(.uuidDecoding) { result.uuidDecodingStrategy = changes.uuidDecodingStrategy }
        if changed.contains(.dataEncoding) { result.dataEncodingStrategy = changes.dataEncodingStrategy }
        if changed.contains(.dataDecoding) { result.dataDecodingStrategy = changes.dataDecodingStrategy }
        if changed.contains(.keyEncoding) { result.keyEncodingStrategy = changes.keyEncodingStrategy }
        if changed.contains(.keyDecoding) { result.keyDecodingStrategy = changes.keyDecodingStrategy }
        if changed.contains(.nilEncoding) { result.nilEncodingStrategy = changes.nilEncodingStrategy }
        if changed.contains(.integerEncoding) { result.integerEncodingStrategy = changes.integerEncodingStrategy }
        if changed.contains(.unsignedInteger) { result.unsignedIntegerStrategy = changes.unsignedIntegerStrategy }
        if changed.contains(.validationOverride) { result.validationOverride = changes.validationOverride }
        if changed.contains(.userInfo) { result.userInfo = changes.userInfo }
        return result
    }
}
