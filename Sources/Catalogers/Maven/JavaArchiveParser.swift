import Archives
import ScoutModel

/// Java archives (`.jar`, `.war`, `.ear`, Jenkins `.jpi`/`.hpi`): every `META-INF/maven/**/pom.properties`
/// is one artifact; without any, the archive's single `pom.xml`, then its `MANIFEST.MF` and file name.
/// Archives nested inside (Spring Boot `BOOT-INF/lib/`, `WEB-INF/lib/`, EAR modules) are read too, down to
/// `maxNestingDepth`, with every inflation bounded (zip bombs stop with an error, not the scan) and charged
/// to the image's `InflateBudget`: once it is spent, the rest is skipped and the image gets a warning.
public enum JavaArchiveParser {
    public static let catalogerName = "java-archive-cataloger"
    /// How many archive levels below the file in the image are opened.
    public static let maxNestingDepth = 3
    /// Largest metadata entry inflated (pom.properties, pom.xml, MANIFEST.MF).
    static let maxMetadataBytes = 1 << 20
    /// Largest nested archive inflated.
    static let maxNestedArchiveBytes = 64 << 20

    static let extensions = [".jar", ".war", ".ear", ".jpi", ".hpi"]

    public static func matches(_ path: String) -> Bool {
        let lower = path.lowercased()
        return extensions.contains { lower.hasSuffix($0) && !lower.hasSuffix("/" + $0) && lower != $0 }
    }

    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        try entries(file, budget: context.inflateBudget).map(package(for:))
    }

    /// The artifacts of an archive and of the archives inside it, inflating at most what `budget` has left.
    public static func entries(_ file: DatabaseFile, budget: InflateBudget = InflateBudget()) throws(CatalogError) -> [JavaArchiveEntry] {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: file.content, name: file.path)
        } catch {
            throw CatalogError(.malformed(format: "Java archive", detail: error.description), path: file.path)
        }
        var found: [JavaArchiveEntry] = []
        let spending = Spending(budget: budget, path: file.path)
        scan(archive, location: file.path, fileName: fileName(file.path), depth: 0, budget: spending, into: &found)
        var seen: Set<JavaArchiveEntry> = []
        return found.filter { seen.insert($0).inserted }
    }

    static func package(for entry: JavaArchiveEntry) -> Package {
        Package(
            type: .maven, name: entry.name, version: entry.version,
            purl: PackageURL.make(type: "maven", namespace: entry.groupID, name: entry.artifactID, version: entry.version),
            licenses: entry.licenses, locations: [entry.location], cataloger: catalogerName)
    }

    private static func scan(_ archive: ZipArchive, location: String, fileName: String, depth: Int,
                             budget: Spending, into found: inout [JavaArchiveEntry]) {
        let manifest = archive.entries.first { $0.path == "META-INF/MANIFEST.MF" }
            .flatMap { text(of: $0, in: archive, budget: budget) }
            .map(JavaMetadataReaders.manifest) ?? [:]
        // A New Relic instrumentation module names the library it weaves, it is not that library.
        if manifest["Weave-Classes"] != nil { return }
        let manifestLicenses = manifest["Bundle-License"].map { license in
            [String(license.prefix { $0 != ";" }).trimmingCharacters()].filter { !$0.isEmpty }
        } ?? []

        let mavenEntries = archive.entries.filter { $0.path.hasPrefix("META-INF/maven/") && !$0.isDirectory }
        var artifacts: [JavaArchiveEntry] = []
        for entry in mavenEntries where entry.path.hasSuffix("/pom.properties") {
            guard let text = text(of: entry, in: archive, budget: budget) else { continue }
            let properties = JavaMetadataReaders.properties(text)
            guard let artifact = properties["artifactId"], !artifact.isEmpty,
                  let version = properties["version"], !version.isEmpty else { continue }
            artifacts.append(JavaArchiveEntry(groupID: properties["groupId"], artifactID: artifact, version: version,
                                              location: location, evidence: "pom.properties"))
        }
        if artifacts.isEmpty {
            let poms = mavenEntries.filter { $0.path.hasSuffix("/pom.xml") }
            if poms.count == 1, let text = text(of: poms[0], in: archive, budget: budget) {
                let pom = PomXMLReader.read(text)
                if let artifact = pom.artifactID, let version = pom.version ?? manifestVersion(manifest) {
                    artifacts.append(JavaArchiveEntry(groupID: pom.groupID, artifactID: artifact, version: version,
                                                      licenses: manifestLicenses.isEmpty ? pom.licenses : manifestLicenses,
                                                      location: location, evidence: "pom.xml"))
                }
            }
        }
        if artifacts.isEmpty, let fromManifest = manifestArtifact(manifest, fileName: fileName, location: location) {
            artifacts.append(fromManifest)
        }
        // The archive's own artifact (named like the file) carries the manifest's licence.
        if !manifestLicenses.isEmpty {
            let main = artifacts.count == 1 ? 0 : artifacts.firstIndex { fileName.hasPrefix($0.artifactID + "-") || fileName == $0.artifactID }
            if let main, artifacts[main].licenses.isEmpty { artifacts[main].licenses = manifestLicenses }
        }
        found += artifacts

        guard depth < maxNestingDepth else { return }
        for entry in archive.entries where !entry.isDirectory && matchesNested(entry.path) {
            guard entry.uncompressedSize <= maxNestedArchiveBytes,
                  let bytes = budget.inflate(entry, in: archive, limit: maxNestedArchiveBytes),
                  let nested = try? ZipArchive(bytes: bytes, name: location + ":" + entry.path) else { continue }
            scan(nested, location: location + ":" + entry.path, fileName: self.fileName(entry.path),
                 depth: depth + 1, budget: budget, into: &found)
        }
    }

    private static func matchesNested(_ path: String) -> Bool {
        let lower = path.lowercased()
        return extensions.contains { lower.hasSuffix($0) }
    }

    private static func text(of entry: ZipArchive.Entry, in archive: ZipArchive, budget: Spending) -> String? {
        guard entry.uncompressedSize <= maxMetadataBytes,
              let bytes = budget.inflate(entry, in: archive, limit: maxMetadataBytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One file's draw on the image's budget: an entry that does not fit what is left is skipped (and the
    /// file noted for the warning); an inflation that fails is charged its whole limit, the work it may have done.
    struct Spending {
        let budget: InflateBudget
        /// The file in the image the entries belong to.
        let path: String

        func inflate(_ entry: ZipArchive.Entry, in archive: ZipArchive, limit: Int) -> [UInt8]? {
            let available = min(limit, budget.remaining)
            guard entry.uncompressedSize <= available, available > 0 else {
                budget.skip(path)
                return nil
            }
            do {
                let bytes = try archive.contents(of: entry, limit: available)
                budget.charge(bytes.count)
                return bytes
            } catch {
                budget.charge(available)
                if case .tooLarge = error.reason, available < limit { budget.skip(path) }
                return nil
            }
        }
    }

    private static func manifestVersion(_ manifest: [String: String]) -> String? {
        [manifest["Implementation-Version"], manifest["Bundle-Version"], manifest["Specification-Version"]]
            .compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The fallback: artifact from the file name, version from the manifest (else the file name), group from
    /// `Implementation-Vendor-Id` or a `Bundle-SymbolicName` ending in the artifact.
    private static func manifestArtifact(_ manifest: [String: String], fileName: String, location: String) -> JavaArchiveEntry? {
        let (fileArtifact, fileVersion) = splitFileName(fileName)
        guard !fileArtifact.isEmpty, let version = manifestVersion(manifest) ?? fileVersion else { return nil }
        var group = manifest["Implementation-Vendor-Id"].flatMap { $0.isEmpty ? nil : $0 }
        if group == nil, let symbolic = manifest["Bundle-SymbolicName"]?.prefix(while: { $0 != ";" }),
           symbolic.hasSuffix("." + fileArtifact) {
            group = String(symbolic.dropLast(fileArtifact.count + 1))
        }
        return JavaArchiveEntry(groupID: group, artifactID: fileArtifact, version: version, location: location, evidence: "MANIFEST.MF")
    }

    /// `guava-31.1-jre.jar` → (`guava`, `31.1-jre`); `app.jar` → (`app`, nil).
    static func splitFileName(_ name: String) -> (String, String?) {
        var stem = Substring(name)
        if let dot = stem.lastIndex(of: ".") { stem = stem[..<dot] }
        var index = stem.startIndex
        while let dash = stem[index...].firstIndex(of: "-") {
            let next = stem.index(after: dash)
            if next < stem.endIndex, stem[next].isASCII, stem[next].isNumber {
                return (String(stem[..<dash]), String(stem[next...]))
            }
            index = next
        }
        return (String(stem), nil)
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
