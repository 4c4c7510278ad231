import JSONText
import ScoutModel

/// Building npm packages: purls with the scope as namespace, and the licence forms of package.json.
enum NpmPackage {
    /// `@scope/name` → (`@scope`, `name`); `name` → (nil, `name`).
    static func split(_ name: String) -> (scope: String?, name: String) {
        guard name.hasPrefix("@"), let slash = name.firstIndex(of: "/") else { return (nil, name) }
        return (String(name[..<slash]), String(name[name.index(after: slash)...]))
    }

    static func purl(name: String, version: String) -> String {
        let (scope, bare) = split(name)
        return PackageURL.make(type: "npm", namespace: scope, name: bare, version: version)
    }

    static func make(name: String, version: String, licenses: [String], path: String, cataloger: String) -> Package {
        Package(type: .npm, name: name, version: version, purl: purl(name: name, version: version),
                licenses: licenses, locations: [path], cataloger: cataloger)
    }

    /// `"license": "MIT"`, `"license": {"type": "MIT"}`, `"licenses": ["MIT", {"type": "ISC"}]`.
    static func licenses(_ document: JSONDocument) -> [String] {
        func one(_ value: JSONDocument) -> String? {
            value.nonEmptyString ?? value["type"]?.nonEmptyString ?? value["name"]?.nonEmptyString
        }
        var result: [String] = []
        if let license = document["license"] {
            if let items = license.array { result += items.compactMap(one) } else if let text = one(license) { result.append(text) }
        }
        if let items = document["licenses"]?.array {
            result += items.compactMap(one)
        } else if let single = document["licenses"].flatMap(one) {
            result.append(single)
        }
        return result.uniqued()
    }

    /// An alias version `npm:real-name@1.2.3` → (`real-name`, `1.2.3`).
    static func resolveAlias(name: String, version: String) -> (String, String) {
        guard version.hasPrefix("npm:") else { return (name, version) }
        let spec = version.dropFirst(4)
        guard let at = spec.dropFirst().lastIndex(of: "@") else { return (name, version) }
        return (String(spec[..<at]), String(spec[spec.index(after: at)...]))
    }

    /// Path components, for the node_modules rules.
    static func components(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
