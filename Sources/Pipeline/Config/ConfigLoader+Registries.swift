import ImageSource
import ScoutModel
import Yams

extension ConfigLoader {
    static let registryKeys = ["name", "url", "insecure", "username-env", "password-env", "catalog",
                               "max-concurrent-downloads", "max-concurrent-requests", "timeout", "image-deadline", "tags", "owner"]
    static let tagKeys = ["include", "exclude", "newest"]

    /// The `registries:` list.
    static func parseRegistries(_ node: Node?, reader: NodeReader) throws -> [Config.Registry] {
        var registries: [Config.Registry] = []
        for item in try node.map({ try reader.sequence($0, key: "registries") }) ?? [] {
            let entry = try reader.mapping(item, context: "a registry", allowed: registryKeys)
            let name = try reader.required(entry, "name", in: item, context: "a registry")
            let context = "registry '\(name)'"
            let url = try reader.required(entry, "url", in: item, context: context)
            var registry = Config.Registry(name: name, url: url)
            if let flag = entry["insecure"] { registry.insecure = try bool(flag, key: "insecure", reader: reader) }
            if let flag = entry["catalog"] { registry.catalog = try bool(flag, key: "catalog", reader: reader) }
            registry.usernameVariable = try entry["username-env"].map { try reader.string($0, key: "username-env") }
            registry.passwordVariable = try entry["password-env"].map { try reader.string($0, key: "password-env") }
            if (registry.usernameVariable == nil) != (registry.passwordVariable == nil) {
                throw reader.error(entry["username-env"] ?? entry["password-env"]!,
                                   .badValue(key: "username-env/password-env", value: "only one of them", expected: "both, naming the environment variables that hold the username and the password"))
            }
            if let value = entry["max-concurrent-downloads"] {
                registry.maxConcurrentDownloads = try integer(value, key: "max-concurrent-downloads", range: 1...64, reader: reader)
            }
            if let value = entry["max-concurrent-requests"] {
                registry.maxConcurrentRequests = try integer(value, key: "max-concurrent-requests", range: 1...256, reader: reader)
            }
            if let value = entry["timeout"] {
                registry.timeout = Double(try integer(value, key: "timeout", range: 1...3600, reader: reader))
            }
            if let value = entry["image-deadline"] {
                registry.imageDeadline = Double(try integer(value, key: "image-deadline", range: 1...86_400, reader: reader))
            }
            if let value = entry["tags"] { registry.tags = try tagSelection(value, reader: reader) }
            registry.owner = try entry["owner"].map { try owner($0, reader: reader) }
            do {
                _ = try RegistryEndpoint(name: name, url: url, insecure: registry.insecure)
            } catch {
                throw reader.error(entry["url"]!, .badValue(key: "url", value: url, expected: "https://host[:port] (plain http only for loopback hosts or with 'insecure: true')"))
            }
            guard !registries.contains(where: { $0.name == name }) else {
                throw reader.error(entry["name"]!, .badValue(key: "name", value: name, expected: "a registry named once"))
            }
            registries.append(registry)
        }
        return registries
    }

    /// `registry`, `repository`, `tags` and `platforms` of one repository entry.
    static func parseRegistrySource(_ entry: [String: Node], into repository: inout Config.Repository,
                                    registries: [Config.Registry], node: Node, reader: NodeReader) throws {
        let context = "repository '\(repository.name)'"
        guard let registryNode = entry["registry"] else {
            for key in ["repository", "tags", "platforms"] {
                if let misplaced = entry[key] {
                    throw reader.error(misplaced, .badValue(key: key, value: "set without 'registry'", expected: "a 'registry:' naming one of the registries in \(context)"))
                }
            }
            return
        }
        let registry = try reader.string(registryNode, key: "registry")
        guard registries.contains(where: { $0.name == registry }) else {
            let names = registries.map(\.name)
            throw reader.error(registryNode, .badValue(key: "registry", value: registry,
                                                       expected: names.isEmpty ? "a registry defined under 'registries:'" : "one of \(names.joined(separator: ", "))"))
        }
        if let images = entry["images"] {
            throw reader.error(images, .badValue(key: "images", value: "set with 'registry'", expected: "either 'images' or 'registry' in \(context), not both"))
        }
        repository.registry = registry
        if let pathNode = entry["repository"] {
            let path = try reader.string(pathNode, key: "repository")
            guard !path.isEmpty, RegistryReference(parsing: "host/\(path)") != nil else {
                throw reader.error(pathNode, .badValue(key: "repository", value: path, expected: "a repository path such as team/app (lowercase)"))
            }
            repository.registryPath = path
        } else if RegistryReference(parsing: "host/\(repository.name)") == nil {
            throw reader.error(entry["name"]!, .badValue(key: "name", value: repository.name, expected: "a valid registry repository path, or set 'repository:'"))
        }
        if let tags = entry["tags"] { repository.tags = try tagSelection(tags, reader: reader) }
        for platformNode in try entry["platforms"].map({ try reader.sequence($0, key: "platforms") }) ?? [] {
            let text = try reader.string(platformNode, key: "platforms")
            guard let platform = Platform(text) else {
                throw reader.error(platformNode, .badValue(key: "platforms", value: text, expected: "os/arch[/variant], e.g. linux/arm64"))
            }
            repository.platforms.append(platform)
        }
    }

    /// `tags: [a, b]` (exact names or globs to include) or `tags: {include, exclude, newest}`.
    static func tagSelection(_ node: Node, reader: NodeReader) throws -> TagSelection {
        if case .sequence = node {
            return TagSelection(include: try reader.sequence(node, key: "tags").map { try reader.string($0, key: "tags") })
        }
        let entry = try reader.mapping(node, context: "a tag selection", allowed: tagKeys)
        var selection = TagSelection()
        selection.include = try entry["include"].map { try reader.sequence($0, key: "include").map { try reader.string($0, key: "include") } } ?? []
        selection.exclude = try entry["exclude"].map { try reader.sequence($0, key: "exclude").map { try reader.string($0, key: "exclude") } } ?? []
        if let newest = entry["newest"] { selection.newest = try integer(newest, key: "newest", range: 1...100_000, reader: reader) }
        return selection
    }

    static func bool(_ node: Node, key: String, reader: NodeReader) throws -> Bool {
        let text = try reader.string(node, key: key)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw reader.error(node, .badValue(key: key, value: text, expected: "true or false"))
        }
    }

    static func integer(_ node: Node, key: String, range: ClosedRange<Int>, reader: NodeReader) throws -> Int {
        let text = try reader.string(node, key: key)
        guard let value = Int(text), range.contains(value) else {
            throw reader.error(node, .badValue(key: key, value: text, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)"))
        }
        return value
    }
}
