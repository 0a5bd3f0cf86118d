import Hummingbird
import Logging
import NIOCore

/// The service's settings.
public struct ServiceConfiguration: Sendable {
    /// The address to listen on; loopback by default.
    public var host: String = "127.0.0.1"
    /// 0 asks the system for a free port (read it back in `onServerRunning`).
    public var port: Int = 8080
    /// The largest request body any tenant may send.
    public var serverBodyLimit: Int = 4 * 1024 * 1024
    /// The tenants; ``TenantRegistry/example(serverBodyLimit:)`` when nil.
    public var tenants: TenantRegistry?
    public var logLevel: Logger.Level = .info

    public init() {}
}

/// The router: error mapping, the server-wide body limit, then the tenant binding, then routes.
public func buildRouter(configuration: ServiceConfiguration) -> Router<TenantRequestContext> {
    let registry = configuration.tenants ?? .example(serverBodyLimit: configuration.serverBodyLimit)
    let routes = DocumentRoutes(serverBodyLimit: configuration.serverBodyLimit)
    let router = Router(context: TenantRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: ServerBodyLimitMiddleware(limit: configuration.serverBodyLimit))
    router.add(middleware: TenantMiddleware(registry: registry))
    router.post("/documents", use: routes.insert)
    router.get("/documents/{id}", use: routes.find)
    router.post("/convert", use: routes.convert)
    router.post("/events", use: routes.event)
    router.get("/tenant", use: routes.tenantInfo)
    return router
}

/// The application, ready to `runService()`.
public func buildApplication(
    configuration: ServiceConfiguration,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> Application<RouterResponder<TenantRequestContext>> {
    var logger = Logger(label: "bson-service")
    logger.logLevel = configuration.logLevel
    return Application(
        router: buildRouter(configuration: configuration),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "bson-service"),
        onServerRunning: onServerRunning,
        logger: logger
    )
}
