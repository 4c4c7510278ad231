import JSONText
import ScoutModel

/// An application's npm lock files: `package-lock.json` / `npm-shrinkwrap.json` (lockfileVersion 1–3)
/// and `yarn.lock` (v1 and berry), outside `node_modules`. Development dependencies are left out, as
/// they are not installed in a production image (syft's default).
public enum NpmLockParser {
    public static let catalogerName = "javascript-lock-cataloger"

    public static func matches(_ path: String) -> Bool {
        guard path.hasSuffix("package-lock.json") || path.hasSuffix("npm-shrinkwrap.json") || path.hasSuffix("yarn.lock") else {
            return false
        }
        let parts = NpmPackage.components(path)
        guard let name = parts.last, ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock"].contains(name) else { return false }
        return !parts.contains("node_modules")
    }

    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        if file.path.hasSuffix("yarn.lock") {
            return try YarnLockParser.entries(file).map {
                NpmPackage.make(name: $0.name, version: $0.version, licenses: [], path: file.path, cataloger: catalogerName)
            }
        }
        return try packageLockEntries(file).map {
            NpmPackage.make(name: $0.name, version: $0.version, licenses: $0.licenses, path: file.path, cataloger: catalogerName)
        }
    }

    /// One installed package of a lock file.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var version: String
        public var licenses: [String]
        /// The lock's root project (lockfileVersion 2 and 3 record it under the key "").
        public var isRoot: Bool
    }

    /// The non-development packages of a package-lock.json, root project first, then by name and version.
    public static func packageLockEntries(_ file: DatabaseFile) throws(CatalogError) -> [Entry] {
        let document = try file.json()
        guard document.members != nil else {
            throw CatalogError(.malformed(format: "package-lock.json", detail: "the document is not an object"), path: file.path)
        }
        var entries: [Entry] = []
        if let packages = document["packages"]?.members {
            for (key, value) in packages {
                guard value["dev"]?.bool != true, value["link"]?.bool != true else { continue }
                let fallback: String = if let range = key.ranges(of: "node_modules/").last {
                    String(key[range.upperBound...])
                } else if key.isEmpty {
                    document["name"]?.nonEmptyString ?? ""
                } else {
                    ""
                }
                guard var name = value["name"]?.nonEmptyString ?? (fallback.isEmpty ? nil : fallback),
                      var version = value["version"]?.nonEmptyString else { continue }
                (name, version) = NpmPackage.resolveAlias(name: name, version: version)
                entries.append(Entry(name: name, version: version, licenses: NpmPackage.licenses(value), isRoot: key.isEmpty))
            }
        } else if let dependencies = document["dependencies"] {
            collectV1(dependencies, into: &entries, depth: 0)
        }
        var seen: Set<String> = []
        return entries
            .filter { seen.insert("\($0.name)@\($0.version)").inserted }
            .sorted { ($0.isRoot ? 0 : 1, $0.name, $0.version) < ($1.isRoot ? 0 : 1, $1.name, $1.version) }
    }

    /// lockfileVersion 1: a `dependencies` tree, nested where versions conflict.
    private static func collectV1(_ dependencies: JSONDocument, into entries: inout [Entry], depth: Int) {
        guard depth < CatalogJSON.maximumDepth, let members = dependencies.members else { return }
        for (key, value) in members {
            guard value["dev"]?.bool != true else { continue }
            if let version = value["version"]?.nonEmptyString {
                let (name, resolved) = NpmPackage.resolveAlias(name: key, version: version)
                entries.append(Entry(name: name, version: resolved, licenses: [], isRoot: false))
            }
            if let nested = value["dependencies"] { collectV1(nested, into: &entries, depth: depth + 1) }
        }
    }
}
