import ScoutModel

/// Who owns a repository: its own `owner:`, else the first `owners:` glob that matches its name,
/// else the `owner:` of the registry it is read from (configured) or was discovered in.
public struct OwnerResolver: Sendable {
    private var repositories: [String: Owner] = [:]
    private var rules: [OwnerRule] = []
    /// Registry source (`registry://host:port`) → the registry's owner.
    private var registrySources: [(source: String, owner: Owner)] = []
    /// Configured repository → the owner of the registry it reads from.
    private var registryOfRepository: [String: Owner] = [:]

    public init() {}

    public init(config: Config) {
        let registries = RegistrySet(config: config, environment: [:])
        var owners: [String: Owner] = [:]
        for registry in config.registries {
            guard let owner = registry.owner else { continue }
            owners[registry.name] = owner
            registrySources.append((registries.source(ofRegistry: registry.name), owner))
        }
        for repository in config.repositories {
            if let owner = repository.owner { repositories[repository.name] = owner }
            if let registry = repository.registry, let owner = owners[registry] { registryOfRepository[repository.name] = owner }
        }
        rules = config.owners
    }

    /// The owner of `repository`, whose images come from `source` (the settings page's source).
    public func owner(of repository: String, source: String? = nil) -> Owner? {
        if let owner = repositories[repository] { return owner }
        if let rule = rules.first(where: { $0.matches(repository) }) { return rule.owner }
        if let owner = registryOfRepository[repository] { return owner }
        guard let source else { return nil }
        return registrySources.first { source == $0.source || source.hasPrefix($0.source + "/") }?.owner
    }

    /// True when no owner of any kind is configured.
    public var isEmpty: Bool { repositories.isEmpty && rules.isEmpty && registrySources.isEmpty }
}
