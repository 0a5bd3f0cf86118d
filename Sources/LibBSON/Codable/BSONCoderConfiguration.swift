/// What ``BSONEncoder`` and ``BSONDecoder`` share: options of their own or the context's, and
/// the context they run in.
struct BSONCoderConfiguration: Sendable {
    /// Options of the coder's own; nil to follow the context's ``BSONContext/coderOptions``.
    /// Setting a strategy shortcut starts them from the library defaults (not from whatever
    /// context is bound at that moment), so a coder behaves the same wherever it is later used.
    /// The context's validation limits, codecs and caches still apply unless
    /// ``BSONCoderOptions/validationOverride`` is set too.
    var explicitOptions: BSONCoderOptions?
    /// The context to use; nil to resolve the bound one (or the global one) per call.
    var context: BSONContext?

    /// The options in force if the coder ran here (reading them counts no operation).
    var options: BSONCoderOptions { explicitOptions ?? (context ?? BSONContext.bound).coderOptions }

    /// The context (``BSONContext/resolve(_:)``, once a call) and the options in force, for one call.
    func resolve() -> (options: BSONCoderOptions, context: BSONContext) {
        let resolved = BSONContext.resolve(context)
        return (explicitOptions ?? resolved.coderOptions, resolved)
    }

    /// What a strategy shortcut's setter does: changes one setting of the coder's own options.
    mutating func set<Value>(_ keyPath: WritableKeyPath<BSONCoderOptions, Value>, _ value: Value) {
        var options = explicitOptions ?? BSONCoderOptions()
        options[keyPath: keyPath] = value
        explicitOptions = options
    }
}
