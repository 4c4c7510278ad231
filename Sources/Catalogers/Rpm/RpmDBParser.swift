import ScoutModel

/// Parses rpm databases (SQLite `rpmdb.sqlite`, NDB `Packages.db`, Berkeley DB `Packages`) into
/// entries, and entries into packages.
public enum RpmDBParser {
    public static let catalogerName = "rpm-db-cataloger"

    static let directories = ["var/lib/rpm/", "usr/lib/sysimage/rpm/", "usr/share/rpm/"]
    static let fileNames: Set<String> = ["rpmdb.sqlite", "Packages.db", "Packages"]

    /// `rpmdb.sqlite`, `Packages.db` or `Packages` directly in `var/lib/rpm`, `usr/lib/sysimage/rpm` or `usr/share/rpm`.
    public static func matches(_ path: String) -> Bool {
        for directory in directories where path.hasPrefix(directory) {
            return fileNames.contains(String(path.dropFirst(directory.count)))
        }
        return false
    }

    /// Every header of the database, in storage order (the `gpg-pubkey` pseudo-packages included).
    public static func entries(_ file: DatabaseFile) throws(CatalogError) -> [RpmDBEntry] {
        do throws(RpmHeader.FormatError) {
            let blobs: [[UInt8]]
            if file.content.starts(with: RpmSQLiteReader.magic) {
                blobs = try RpmSQLiteReader.blobs(file.content)
            } else if RpmNDBReader.isNDB(file.content) {
                blobs = try RpmNDBReader.blobs(file.content)
            } else if RpmBerkeleyDBReader.isHashDatabase(file.content) {
                blobs = try RpmBerkeleyDBReader.blobs(file.content)
            } else {
                throw RpmHeader.FormatError(message: "the file is neither an SQLite, an NDB nor a Berkeley DB hash rpm database")
            }
            var entries: [RpmDBEntry] = []
            for (index, blob) in blobs.enumerated() {
                do throws(RpmHeader.FormatError) {
                    entries.append(try RpmHeader.entry(blob))
                } catch {
                    throw RpmHeader.FormatError(message: "header \(index + 1) of \(blobs.count): \(error.message)")
                }
            }
            return entries
        } catch {
            throw CatalogError(.malformedBinary(error.message), path: file.path)
        }
    }

    /// One header blob as the databases store it (`headerExport` format): for the fuzz harness.
    public static func entry(header blob: [UInt8], path: String) throws(CatalogError) -> RpmDBEntry {
        do throws(RpmHeader.FormatError) {
            return try RpmHeader.entry(blob)
        } catch {
            throw CatalogError(.malformedBinary(error.message), path: path)
        }
    }

    /// The shared parser: installed packages (GPG keys left out).
    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        try entries(file).filter { $0.name != "gpg-pubkey" && !$0.version.isEmpty }
            .map { package(for: $0, path: file.path, os: context.os) }
    }

    /// The purl follows the package-url spec for rpm (`pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25`),
    /// with `epoch` and the source RPM (`upstream`) as qualifiers, as syft writes them.
    static func package(for entry: RpmDBEntry, path: String, os: OSRelease?) -> Package {
        var qualifiers: [String: String] = [:]
        if let arch = entry.architecture { qualifiers["arch"] = arch }
        if let epoch = entry.epoch { qualifiers["epoch"] = String(epoch) }
        if let sourceRPM = entry.sourceRPM { qualifiers["upstream"] = sourceRPM }
        if let os, let version = os.versionID { qualifiers["distro"] = "\(os.id)-\(version)" }
        let namespace = os.map { $0.id == "rhel" ? "redhat" : $0.id }
        let source = entry.source
        // The source RPM carries no epoch: the binary's applies to it too.
        let sourceVersion = source.flatMap { source in
            source.versionRelease == entry.versionRelease ? nil : (entry.epoch.map { "\($0):" } ?? "") + source.versionRelease
        }
        return Package(
            type: .rpm, name: entry.name, version: entry.fullVersion, sourceName: source?.name, sourceVersion: sourceVersion,
            purl: PackageURL.make(type: "rpm", namespace: namespace, name: entry.name, version: entry.versionRelease, qualifiers: qualifiers),
            licenses: entry.license.map { [$0] } ?? [], locations: [path], cataloger: catalogerName,
            architecture: entry.architecture)
    }
}
