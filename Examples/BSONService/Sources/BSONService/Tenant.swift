import LibBSON

/// One tenant of the service: its own `BSONContext` (coder strategies, validation limits,
/// Extended JSON mode, ObjectId generator, caches), its own body limit and its own store.
///
/// Nothing is shared between tenants but the code: a request is served entirely with the
/// tenant's context bound (see ``TenantMiddleware``) and reads and writes only its store.
public struct Tenant: Sendable {
    /// The name clients send in the `X-Tenant` header; "default" for the tenant without one.
    public let name: String
    /// The state the library resolves while this tenant's requests run.
    public let context: BSONContext
    /// The largest request body this tenant may send, in bytes (the server-wide limit still applies).
    public let maxBodySize: Int
    /// This tenant's documents.
    public let store: DocumentStore

    /// True for the tenant that serves requests without an `X-Tenant` header: it uses
    /// ``BSONContext/global`` and is served without binding anything.
    public var usesGlobalState: Bool { context.isGlobal }

    public init(name: String, context: BSONContext, maxBodySize: Int, store: DocumentStore = DocumentStore()) {
        self.name = name
        self.context = context
        self.maxBodySize = maxBodySize
        self.store = store
    }
}

/// The tenants a server knows, looked up by the `X-Tenant` header.
public struct TenantRegistry: Sendable {
    /// Serves requests without an `X-Tenant` header.
    public let defaultTenant: Tenant
    private let tenants: [String: Tenant]

    public init(defaultTenant: Tenant, tenants: [Tenant]) {
        self.defaultTenant = defaultTenant
        var byName: [String: Tenant] = [:]
        for tenant in tenants { byName[tenant.name] = tenant }
        self.tenants = byName
    }

    /// The names of the named tenants, sorted.
    public var names: [String] { tenants.keys.sorted() }

    /// The tenant for a header value: the default tenant when there is no header.
    ///
    /// - Throws: ``ServiceError`` 400 for a malformed name, 404 for a well-formed name that
    ///   is not a tenant of this server.
    public func tenant(forHeader value: String?) throws(ServiceError) -> Tenant {
        guard let value else { return defaultTenant }
        guard Self.isWellFormed(value) else {
            throw ServiceError(.badRequest, code: "invalidTenant",
                               "X-Tenant must be 1 to 64 characters of a-z, 0-9, '-' and '_'")
        }
        guard let tenant = tenants[value] else {
            throw ServiceError(.notFound, code: "unknownTenant", "unknown tenant '\(value)'")
        }
        return tenant
    }

    static func isWellFormed(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard (1...64).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}

extension TenantRegistry {
    /// The example's tenants. A real service would read these from its configuration; the
    /// point here is that each one is a `BSONContext` with settings of its own.
    ///
    /// | tenant | dates (Codable) | keys | max document | max depth | body | Extended JSON |
    /// |---|---|---|---|---|---|---|
    /// | (none) | BSON datetime | as written | 16 MiB | 100 | server limit | relaxed |
    /// | `acme` | ISO 8601 strings | as written | 16 KiB | 8 | 64 KiB | canonical |
    /// | `globex` | int64 milliseconds | snake_case | 1 MiB | 32 | 2 MiB | relaxed |
    public static func example(serverBodyLimit: Int) -> TenantRegistry {
        var acmeOptions = BSONCoderOptions()
        acmeOptions.dateEncodingStrategy = .iso8601
        acmeOptions.dateDecodingStrategy = .iso8601
        let acme = BSONContext(
            name: "acme",
            coderOptions: acmeOptions,
            validation: BSONValidationOptions(maxDepth: 8, maxDocumentSize: 16 * 1024),
            extendedJSONMode: .canonical
        )

        var globexOptions = BSONCoderOptions()
        globexOptions.dateEncodingStrategy = .millisecondsSince1970
        globexOptions.dateDecodingStrategy = .millisecondsSince1970
        globexOptions.keyEncodingStrategy = .convertToSnakeCase
        globexOptions.keyDecodingStrategy = .convertFromSnakeCase
        let globex = BSONContext(
            name: "globex",
            coderOptions: globexOptions,
            validation: BSONValidationOptions(maxDepth: 32, maxDocumentSize: 1024 * 1024),
            extendedJSONMode: .relaxed
        )

        return TenantRegistry(
            defaultTenant: Tenant(name: "default", context: .global, maxBodySize: serverBodyLimit),
            tenants: [
                Tenant(name: "acme", context: acme, maxBodySize: 64 * 1024),
                Tenant(name: "globex", context: globex, maxBodySize: 2 * 1024 * 1024),
            ]
        )
    }
}
