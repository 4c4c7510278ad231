import Foundation
import ImageSource
import ScoutModel
import Store

/// The configured registries' clients (made on first use) and catalog discovery.
final class RegistrySet: @unchecked Sendable {
    let config: Config
    let environment: [String: String]
    /// When the run must end: every client's requests stop there (`--deadline`).
    let runDeadline: Date?
    private let lock = NSLock()
    private var clients: [String: RegistryClient] = [:]

    init(config: Config, environment: [String: String], runDeadline: Date? = nil) {
        self.config = config
        self.environment = environment
        self.runDeadline = runDeadline
    }

    /// The client of a configured registry; nil when its URL is unusable (the loader rejects those).
    func client(named name: String) -> RegistryClient? {
        lock.lock()
        defer { lock.unlock() }
        if let client = clients[name] { return client }
        guard let registry = config.registries.first(where: { $0.name == name }),
              let endpoint = try? RegistryEndpoint(name: registry.name, url: registry.url, insecure: registry.insecure) else { return nil }
        let resolver = CredentialResolver(
            usernameVariable: registry.usernameVariable, passwordVariable: registry.passwordVariable,
            environment: environment, dockerConfigPath: CredentialResolver.defaultDockerConfigPath(environment: environment))
        let client = RegistryClient(endpoint: endpoint, credentials: resolver, options: RegistryClient.Options(
            timeout: registry.timeout, maxConcurrentDownloads: registry.maxConcurrentDownloads, imageDeadline: registry.imageDeadline,
            maxConcurrentRequests: registry.maxConcurrentRequests))
        client.runDeadline = runDeadline
        clients[name] = client
        return client
    }

    /// `registry://host[:port]/path` for registry repositories, else the reference kinds.
    func sourceDescription(of repository: Config.Repository) -> String {
        guard let name = repository.registry else { return repository.sourceDescription }
        return "\(source(ofRegistry: name))/\(repository.registryPath ?? repository.name)"
    }

    /// `registry://host[:port]`: what discovered repositories record as their source.
    func source(ofRegistry name: String) -> String {
        guard let registry = config.registries.first(where: { $0.name == name }),
              let endpoint = try? RegistryEndpoint(name: registry.name, url: registry.url, insecure: registry.insecure) else { return "registry:\(name)" }
        return "registry://\(endpoint.authority)"
    }

    /// Lists each registry's `/_catalog` (where allowed) and records the repositories the config does not name.
    func discover(store: ScoutStore, log: @Sendable (String) -> Void) throws(StoreError) {
        for registry in config.registries where registry.catalog {
            guard let client = client(named: registry.name) else { continue }
            let configured = Set(config.repositories.filter { $0.registry == registry.name }.map { $0.registryPath ?? $0.name })
            let names: [String]?
            do {
                names = try client.catalog()
            } catch {
                log("Could not list the repositories of registry '\(registry.name)': \(error)")
                continue
            }
            guard let names else {
                log("Registry '\(registry.name)' does not allow listing its repositories")
                continue
            }
            let configuredNames = Set(config.repositories.map(\.name))
            let discovered = names.filter { !configured.contains($0) && !configuredNames.contains($0) }
            if !discovered.isEmpty {
                try store.recordDiscoveredRepositories(discovered, source: source(ofRegistry: registry.name))
            }
        }
    }

    /// Discovered repositories that `repo enable` switched on, read with their registry's tag selection.
    func enabledDiscoveredRepositories(store: ScoutStore, configured: [Config.Repository]) throws(StoreError) -> [Config.Repository] {
        let names = Set(configured.map(\.name))
        var result: [Config.Repository] = []
        for setting in try store.repositorySettings() where setting.discovered && setting.enabled && !names.contains(setting.name) {
            guard let registry = config.registries.first(where: { source(ofRegistry: $0.name) == setting.source }) else { continue }
            var repository = Config.Repository(name: setting.name, enabled: true, images: [])
            repository.registry = registry.name
            repository.tags = registry.tags
            result.append(repository)
        }
        return result
    }

    /// Threads worth running for these clients: the requests each registry allows in flight, added
    /// up once per registry (1 when every registry allows one: a sequential scan), at most 64.
    func concurrency(of clients: [RegistryClient]) -> Int {
        var seen = Set<ObjectIdentifier>()
        var total = 0
        for client in clients where seen.insert(ObjectIdentifier(client)).inserted {
            total += client.options.maxConcurrentRequests
        }
        return min(64, max(1, total))
    }

    func statistics() -> [String: RegistryStatistics] {
        lock.lock()
        defer { lock.unlock() }
        return clients.mapValues(\.statistics)
    }
}
