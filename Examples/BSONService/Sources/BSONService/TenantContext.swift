import Hummingbird
import HTTPTypes
import LibBSON
import Logging

/// The request context: Hummingbird's core storage plus the tenant that
/// ``TenantMiddleware`` resolved for the request.
public struct TenantRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``TenantMiddleware`` before any route runs.
    public var tenant: Tenant?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.tenant = nil
    }

    /// The request's tenant; a route registered without ``TenantMiddleware`` in front of it
    /// is a programming error, answered with a 500 rather than a crash.
    func requireTenant() throws(ServiceError) -> Tenant {
        guard let tenant else {
            throw ServiceError(.internalServerError, code: "noTenant", "no tenant was resolved for this request")
        }
        return tenant
    }
}

extension HTTPField.Name {
    /// `X-Tenant`: which tenant a request is for. `HTTPField.Name(_:)` is failable; this
    /// constant name is valid, and the middleware treats nil as "no header" rather than trap.
    static let tenant = HTTPField.Name("X-Tenant")
}

/// Resolves the request's tenant from `X-Tenant` and binds its `BSONContext` for the rest of
/// the request: **the intended way to use swift-libbson's state manager in a service.**
///
/// Inside `BSONContext.withCurrent(tenant.context) { ... }` every library call of the
/// handlers resolves the tenant's context without being passed it:
///
/// - `BSONDocument(fromBSON:)`, `BSONDocument(fromJSON:)`: the tenant's size and depth limits
///   (`BSONContext.resolve().validation`, which the handlers also give `BSONReader`);
/// - `BSONObjectID()` and `BSONDocument.withID()`: ids from the tenant's own generator;
/// - `BSONEncoder()` / `BSONDecoder()`: the tenant's date, key and other strategies;
/// - `toExtendedJSONString(mode: nil)`: the tenant's default Extended JSON mode.
///
/// The binding is a task-local, so it covers `next` (the rest of the middleware chain and the
/// route) and any child task it starts, and ends when `next` returns. Handlers therefore build
/// their whole response body inside the request: a body written lazily after `next` returns
/// would run without the binding.
///
/// The default tenant (no header) uses `BSONContext.global` and binds nothing: the library's
/// fast path, with no task-local write.
public struct TenantMiddleware: RouterMiddleware {
    public typealias Context = TenantRequestContext

    let registry: TenantRegistry

    public init(registry: TenantRegistry) {
        self.registry = registry
    }

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        let header = HTTPField.Name.tenant.flatMap { request.headers[$0] }
        let tenant = try registry.tenant(forHeader: header)
        var context = context
        context.tenant = tenant
        context.logger[metadataKey: "tenant"] = .string(tenant.name)
        let tenantContext = context

        if tenant.usesGlobalState {
            return try await next(request, tenantContext)
        }
        return try await BSONContext.withCurrent(tenant.context) {
            try await next(request, tenantContext)
        }
    }
}

/// The server-wide body limit, applied before the tenant is looked up: a declared
/// `Content-Length` over it gets 413 at once. (Bodies without one are capped by the same
/// limit when the route collects them.)
public struct ServerBodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw ServiceError(.contentTooLarge, code: "bodyTooLarge",
                               "the request body exceeds the server's limit of \(limit) bytes")
        }
        return try await next(request, context)
    }
}
