import BaseImages
import Foundation
import ScoutModel
import Yams

/// Reads `scout-report.yml` strictly: unknown keys and bad values are errors with file, line and a hint.
public enum ConfigLoader {
    static let topKeys = ["title", "store", "site", "platform", "advisories", "registries", "repositories", "policies", "vex", "ignore", "owners", "notify", "retention", "queue"]
    static let sourceKeys = ["name", "format", "path", "url", "sha256", "checksum-url", "insecure", "max-size-mb"]
    static let ignoreKeys = ["id", "package", "image", "reason", "expires"]
    static let repositoryKeys = ["name", "enabled", "images", "baseOnly", "registry", "repository", "tags", "platforms", "vex", "owner"]
    static let repositoryVEXKeys = ["in-image"]
    static let imageKeys = ["tag", "ref"]
    static let formats = ["osv", "alpine-secdb", "nvd", "kev", "epss"]

    /// Loads and validates the file at `path`; relative paths inside resolve against its folder.
    public static func load(path: String) throws -> Config {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, reason: .unreadable(error.localizedDescription))
        }
        return try parse(text, file: path)
    }

    /// Parses configuration text; `file` names it in errors and anchors relative paths.
    public static func parse(_ text: String, file: String) throws -> Config {
        guard text.utf8.count <= 4 << 20 else {
            throw ConfigError(file: file, reason: .unreadable("larger than 4 MiB"))
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: 1, column: 1, reason: .syntax("the file is empty"))
            }
            root = node
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(file: file, reason: .syntax(String(describing: error)))
        } catch {
            throw ConfigError(file: file, reason: .syntax(String(describing: error)))
        }
        let folder = (URL(fileURLWithPath: file).deletingLastPathComponent().path as NSString)
        let reader = NodeReader(file: file)
        let top = try reader.mapping(root, context: "the configuration", allowed: topKeys)

        let title = try top["title"].map { try reader.string($0, key: "title") } ?? "scout-report"
        let store = try top["store"].map { try reader.string($0, key: "store") } ?? "scout-report.sqlite"
        let site = try top["site"].map { try reader.string($0, key: "site") } ?? "site"
        if let node = top["site"], site.trimmingCharacters(in: .whitespaces).isEmpty {
            throw reader.error(node, .badValue(key: "site", value: site, expected: "a folder of its own, e.g. site"))
        }
        var platform = Platform(os: "linux", architecture: "amd64")
        if let node = top["platform"] {
            let text = try reader.string(node, key: "platform")
            guard let parsed = Platform(text) else {
                throw reader.error(node, .badValue(key: "platform", value: text, expected: "os/arch[/variant], e.g. linux/amd64"))
            }
            platform = parsed
        }

        var sources: [Config.AdvisorySource] = []
        for node in try top["advisories"].map({ try reader.sequence($0, key: "advisories") }) ?? [] {
            let entry = try reader.mapping(node, context: "an advisory source", allowed: sourceKeys)
            let name = try reader.required(entry, "name", in: node, context: "an advisory source")
            let context = "advisory source '\(name)'"
            let format = try reader.required(entry, "format", in: node, context: context)
            guard formats.contains(format) else {
                throw reader.error(entry["format"]!, .badValue(key: "format", value: format, expected: "one of \(formats.joined(separator: ", "))"))
            }
            guard !sources.contains(where: { $0.name == name }) else {
                throw reader.error(entry["name"]!, .badValue(key: "name", value: name, expected: "a name used once"))
            }
            sources.append(try FeedConfigReader.source(entry, node: node, name: name, format: format, context: context, reader: reader) {
                resolve($0, in: folder)
            })
        }

        let registries = try parseRegistries(top["registries"], reader: reader)
        var repositories: [Config.Repository] = []
        for node in try top["repositories"].map({ try reader.sequence($0, key: "repositories") }) ?? [] {
            let entry = try reader.mapping(node, context: "a repository", allowed: repositoryKeys)
            let name = try reader.required(entry, "name", in: node, context: "a repository")
            let context = "repository '\(name)'"
            let enabled = try entry["enabled"].map { try reader.bool($0, key: "enabled") } ?? true
            let baseOnly = try entry["baseOnly"].map { try reader.bool($0, key: "baseOnly") } ?? false
            var images: [Config.ImageEntry] = []
            for imageNode in try entry["images"].map({ try reader.sequence($0, key: "images") }) ?? [] {
                let image = try reader.mapping(imageNode, context: "an image of \(context)", allowed: imageKeys)
                let ref = try reader.required(image, "ref", in: imageNode, context: "an image of \(context)")
                let tag = try image["tag"].map { try reader.string($0, key: "tag") } ?? "latest"
                guard let reference = resolveReference(ref, in: folder) else {
                    throw reader.error(image["ref"]!, .badValue(key: "ref", value: ref, expected: "oci-dir://PATH or archive://PATH"))
                }
                images.append(.init(tag: tag, reference: reference, written: ref))
            }
            guard !repositories.contains(where: { $0.name == name }) else {
                throw reader.error(entry["name"]!, .badValue(key: "name", value: name, expected: "a repository named once"))
            }
            var repository = Config.Repository(name: name, enabled: enabled, images: images, baseOnly: baseOnly)
            try parseRegistrySource(entry, into: &repository, registries: registries, node: node, reader: reader)
            if let vexNode = entry["vex"] {
                let vex = try reader.mapping(vexNode, context: "the vex settings of \(context)", allowed: repositoryVEXKeys)
                for pathNode in try vex["in-image"].map({ try reader.sequence($0, key: "in-image") }) ?? [] {
                    let path = try reader.string(pathNode, key: "in-image")
                    guard path.hasPrefix("/"), !path.hasSuffix("/"), !path.contains("**") else {
                        throw reader.error(pathNode, .badValue(key: "in-image", value: path, expected: "an absolute path or glob inside the image, e.g. /vex/*.vex.json"))
                    }
                    repository.vexInImage.append(path)
                }
            }
            repository.owner = try entry["owner"].map { try owner($0, reader: reader) }
            repositories.append(repository)
        }
        let policies = try top["policies"].map { try PolicyConfigReader(reader: reader).settings($0) } ?? PolicySettings()
        var config = Config(
            title: title, store: resolve(store, in: folder), site: resolve(site, in: folder), platform: platform,
            advisories: sources, repositories: repositories, file: file, policies: policies)
        config.registries = registries
        config.vex = try top["vex"].map { try reader.sequence($0, key: "vex").map { resolve(try reader.string($0, key: "vex"), in: folder) } } ?? []
        config.ignore = try top["ignore"].map { try FeedConfigReader.ignoreRules($0, reader: reader) } ?? []
        config.owners = try top["owners"].map { try ownerRules($0, reader: reader) } ?? []
        config.notify = try top["notify"].map { try webhooks($0, reader: reader) } ?? []
        if let node = top["retention"] {
            let entry = try reader.mapping(node, context: "the retention settings", allowed: Retention.keys)
            config.retention.untaggedDays = try entry["untagged-days"].map { try integer($0, key: "untagged-days", range: 1...36_500, reader: reader) }
            config.retention.runs = try entry["runs"].map { try integer($0, key: "runs", range: 2...1_000_000, reader: reader) }
        }
        config.queue = try top["queue"].map { try queue($0, reader: reader) }
        if let conflict = SitePathRule.conflict(site: config.site, protected: protectedPaths(of: config)) {
            let detail = "a folder that does not hold \(conflict.what) '\(conflict.path)' (publishing replaces the site folder whole)"
            if let node = top["site"] { throw reader.error(node, .badValue(key: "site", value: site, expected: detail)) }
            throw ConfigError(file: file, reason: .badValue(key: "site", value: site, expected: detail))
        }
        return config
    }

    /// What publishing must never replace: the configuration, the store (and its lock and journal
    /// files beside it) and every input the configuration reads.
    static func protectedPaths(of config: Config) -> [(what: String, path: String)] {
        let folder = (URL(fileURLWithPath: config.file).deletingLastPathComponent().path as NSString).standardizingPath
        var paths: [(what: String, path: String)] = [
            ("the configuration", ((folder as NSString).appendingPathComponent((config.file as NSString).lastPathComponent) as NSString).standardizingPath),
            ("the store", config.store),
        ]
        for source in config.advisories where source.url == nil { paths.append(("the advisory source", source.path)) }
        for repository in config.repositories {
            for image in repository.images {
                for scheme in ["oci-dir://", "archive://"] where image.reference.hasPrefix(scheme) {
                    paths.append(("the image", String(image.reference.dropFirst(scheme.count))))
                }
            }
        }
        for vex in config.vex { paths.append(("the VEX document", vex)) }
        return paths
    }

    static func resolve(_ path: String, in folder: NSString) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded : folder.appendingPathComponent(expanded)
        return (absolute as NSString).standardizingPath
    }

    static func resolveReference(_ reference: String, in folder: NSString) -> String? {
        for scheme in ["oci-dir://", "archive://"] where reference.hasPrefix(scheme) {
            let path = String(reference.dropFirst(scheme.count))
            guard !path.isEmpty else { return nil }
            return scheme + resolve(path, in: folder)
        }
        return nil
    }
}
