import ScoutModel

/// Parses `lib/apk/db/installed` into entries, and entries into packages.
public enum ApkDBParser {
    public static let catalogerName = "apk-db-cataloger"

    public static func matches(_ path: String) -> Bool {
        path == "lib/apk/db/installed"
    }

    /// Every stanza with a `P:` name, in file order.
    public static func entries(_ file: DatabaseFile) throws(CatalogError) -> [ApkDBEntry] {
        try StanzaReader.letterFields(file.text, path: file.path).compactMap { stanza in
            guard let name = stanza.value("P"), !name.isEmpty else { return nil }
            let value = { (key: String) -> String? in
                stanza.fields.first { $0.key == key }.flatMap { $0.value.isEmpty ? nil : $0.value }
            }
            return ApkDBEntry(package: name, version: value("V") ?? "", origin: value("o"), architecture: value("A"),
                              license: value("L"), gitCommit: value("c"), maintainer: value("m"), checksum: value("C"))
        }
    }

    /// The shared parser: entries with a version, as packages.
    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        try entries(file).filter { !$0.version.isEmpty }.map { package(for: $0, path: file.path, os: context.os) }
    }

    static func package(for entry: ApkDBEntry, path: String, os: OSRelease?) -> Package {
        var qualifiers: [String: String] = [:]
        if let arch = entry.architecture { qualifiers["arch"] = arch }
        if let os, let version = os.versionID { qualifiers["distro"] = "\(os.id)-\(version)" }
        if let origin = entry.origin, origin != entry.package { qualifiers["upstream"] = origin }
        let namespace = os.map(\.id) ?? "alpine"
        return Package(
            type: .apk, name: entry.package, version: entry.version, sourceName: entry.origin,
            purl: PackageURL.make(type: "apk", namespace: namespace, name: entry.package, version: entry.version, qualifiers: qualifiers),
            licenses: entry.licenses, locations: [path], cataloger: catalogerName, architecture: entry.architecture)
    }
}
