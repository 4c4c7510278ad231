import JSONText
import ScoutModel

/// PHP packages installed by Composer: `vendor/composer/installed.json`, Composer 1 (a top-level array)
/// and Composer 2 (`{"packages": [...]}`). Development packages are installed in `vendor/` too, so they
/// are reported.
public enum ComposerInstalledParser {
    public static let catalogerName = "php-composer-installed-cataloger"

    public static func matches(_ path: String) -> Bool {
        path.hasSuffix("vendor/composer/installed.json")
            && (path == "vendor/composer/installed.json" || path.hasSuffix("/vendor/composer/installed.json"))
    }

    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        let document = try file.json()
        guard let items = document.array ?? document["packages"]?.array else {
            throw CatalogError(.malformed(format: "Composer installed.json", detail: "neither an array nor an object with 'packages'"), path: file.path)
        }
        return items.compactMap { item -> Package? in
            guard let name = item["name"]?.nonEmptyString, let version = item["version"]?.nonEmptyString else { return nil }
            let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
            let namespace = parts.count == 2 ? parts[0] : nil
            let licenses = item["license"]?.array?.compactMap(\.nonEmptyString) ?? item["license"]?.nonEmptyString.map { [$0] } ?? []
            return Package(type: .composer, name: name, version: version,
                           purl: PackageURL.make(type: "composer", namespace: namespace, name: parts.last ?? name, version: version),
                           licenses: licenses, locations: [file.path], cataloger: catalogerName)
        }
    }
}
