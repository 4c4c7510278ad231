import ScoutModel

/// Parses dpkg database files into entries, and entries into packages.
public enum DpkgStatusParser {
    public static let catalogerName = "dpkg-db-cataloger"

    /// Files this parser reads: `var/lib/dpkg/status` and the distroless `var/lib/dpkg/status.d/<package>`
    /// (but not the `.md5sums`, `.list`, maintainer scripts and other control files beside them).
    public static func matches(_ path: String) -> Bool {
        if path == "var/lib/dpkg/status" { return true }
        guard path.hasPrefix("var/lib/dpkg/status.d/") else { return false }
        let name = path.dropFirst("var/lib/dpkg/status.d/".count)
        guard !name.isEmpty, !name.contains("/") else { return false }
        return !controlSuffixes.contains { name.hasSuffix($0) }
    }

    private static let controlSuffixes = [
        ".md5sums", ".list", ".conffiles", ".preinst", ".postinst", ".prerm", ".postrm", ".triggers",
        ".shlibs", ".symbols", ".templates", ".config", ".sha256sums",
    ]

    /// Every stanza with a `Package:` name, in file order (stanzas with an empty name are skipped).
    public static func entries(_ file: DatabaseFile) throws(CatalogError) -> [DpkgDBEntry] {
        try StanzaReader.colonFields(file.text, path: file.path).compactMap { stanza in
            guard let name = stanza.value("Package"), !name.isEmpty else { return nil }
            var entry = DpkgDBEntry(package: name, version: stanza.value("Version") ?? "",
                                    architecture: stanza.value("Architecture"), status: stanza.value("Status"),
                                    maintainer: stanza.value("Maintainer"))
            if let source = stanza.value("Source"), !source.isEmpty {
                // `Source: util-linux (2.38.1-5)` names the source package and its own version.
                if let open = source.firstIndex(of: "("), source.hasSuffix(")") {
                    entry.source = Substring(source[..<open]).trimmingSpaces()
                    let version = Substring(source[source.index(after: open)..<source.index(before: source.endIndex)]).trimmingSpaces()
                    entry.sourceVersion = version.isEmpty || version == entry.version ? nil : version
                } else {
                    entry.source = source
                }
            }
            return entry
        }
    }

    /// The shared parser: installed entries with a version, as packages.
    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        let inStatusDirectory = file.path.hasPrefix("var/lib/dpkg/status.d/")
        return try entries(file)
            .filter { !$0.version.isEmpty && $0.isInstalled(inStatusDirectory: inStatusDirectory) }
            .map { package(for: $0, path: file.path, os: context.os) }
    }

    static func package(for entry: DpkgDBEntry, path: String, os: OSRelease?) -> Package {
        var qualifiers: [String: String] = [:]
        if let arch = entry.architecture { qualifiers["arch"] = arch }
        if let os, let version = os.versionID { qualifiers["distro"] = "\(os.id)-\(version)" }
        if let source = entry.source {
            qualifiers["upstream"] = entry.sourceVersion.map { "\(source)@\($0)" } ?? source
        }
        let namespace = os.map(\.id) ?? "debian"
        return Package(
            type: .deb, name: entry.package, version: entry.version,
            sourceName: entry.source, sourceVersion: entry.sourceVersion,
            purl: PackageURL.make(type: "deb", namespace: namespace, name: entry.package, version: entry.version, qualifiers: qualifiers),
            locations: [path], cataloger: catalogerName, architecture: entry.architecture)
    }
}
