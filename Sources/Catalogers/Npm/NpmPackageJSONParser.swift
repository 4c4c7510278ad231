import JSONText
import ScoutModel

/// Installed npm packages: `node_modules/<name>/package.json` and `node_modules/@scope/<name>/package.json`
/// at any depth (nested `node_modules` included). A package.json elsewhere (an app's own, a test fixture
/// inside a package) is not an installed package.
public enum NpmPackageJSONParser {
    public static let catalogerName = "javascript-package-cataloger"

    public static func matches(_ path: String) -> Bool {
        guard path.hasSuffix("package.json") else { return false }
        let parts = NpmPackage.components(path)
        guard parts.count >= 3, parts[parts.count - 1] == "package.json" else { return false }
        if parts[parts.count - 3] == "node_modules" { return !parts[parts.count - 2].hasPrefix("@") && !parts[parts.count - 2].hasPrefix(".") }
        return parts.count >= 4 && parts[parts.count - 4] == "node_modules" && parts[parts.count - 3].hasPrefix("@")
    }

    /// The package a manifest describes; none when it has no name or no version (stubs, private folders).
    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        let document = try file.json()
        guard document.members != nil else {
            throw CatalogError(.malformed(format: "package.json", detail: "the document is not an object"), path: file.path)
        }
        guard let name = document["name"]?.nonEmptyString, let version = document["version"]?.nonEmptyString else { return [] }
        return [NpmPackage.make(name: name, version: version, licenses: NpmPackage.licenses(document), path: file.path, cataloger: catalogerName)]
    }
}
