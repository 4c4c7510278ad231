import ScoutModel

/// Installed Python distributions: `*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, `*.egg/EGG-INFO/PKG-INFO`
/// and `*.egg-info` regular files, anywhere in the image (site-packages, dist-packages, virtualenvs).
public enum PythonPackageParser {
    public static let catalogerName = "python-installed-package-cataloger"

    public static func matches(_ path: String) -> Bool {
        guard path.hasSuffix("/METADATA") || path.hasSuffix("/PKG-INFO") || path.hasSuffix(".egg-info") else { return false }
        let (directory, name) = split(path)
        switch name {
        case "METADATA": return directory.hasSuffix(".dist-info")
        case "PKG-INFO": return directory.hasSuffix(".egg-info") || (directory.hasSuffix("/EGG-INFO") || directory == "EGG-INFO")
            && split(directory).0.hasSuffix(".egg")
        default: return name.hasSuffix(".egg-info") && name.count > ".egg-info".count
        }
    }

    /// `direct_url.json` beside a wheel's METADATA gives the VCS origin of a package installed from a repository.
    public static func isCompanion(_ path: String) -> Bool {
        path.hasSuffix(".dist-info/direct_url.json")
    }

    /// The header fields of a METADATA / PKG-INFO file (the body after the first empty line is the description).
    /// Lines that fit no `Key: value` form are skipped, as pip and scalibr tolerate them.
    public static func entry(_ file: DatabaseFile) throws(CatalogError) -> PythonMetadataEntry {
        var fields: [(key: String, value: String)] = []
        for rawLine in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].value += "\n" + Substring(line).trimmingSpaces() }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields.append((String(line[..<colon]).lowercased(), line[line.index(after: colon)...].trimmingSpaces()))
        }
        let value = { (key: String) -> String? in
            fields.first { $0.key == key }.map { $0.value.trimmingCharacters() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let name = value("name") else { throw CatalogError(.missingField("Name"), path: file.path) }
        guard let version = value("version") else { throw CatalogError(.missingField("Version"), path: file.path) }
        return PythonMetadataEntry(
            name: name, version: version, licenseExpression: value("license-expression"), license: value("license"),
            classifiers: fields.filter { $0.key == "classifier" }.map(\.value), author: value("author"),
            authorEmail: value("author-email"))
    }

    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        let entry = try entry(file)
        var qualifiers: [String: String] = [:]
        if file.path.hasSuffix(".dist-info/METADATA"), let vcs = vcsURL(context.files[split(file.path).0 + "/direct_url.json"]) {
            qualifiers["vcs_url"] = vcs
        }
        return [Package(
            type: .pypi, name: entry.name, version: entry.version,
            purl: PackageURL.make(type: "pypi", namespace: nil, name: entry.normalizedName, version: entry.version, qualifiers: qualifiers),
            licenses: entry.licenses, locations: [file.path], cataloger: catalogerName)]
    }

    /// PEP 610 `direct_url.json` with `vcs_info`: `git+https://host/repo.git@commit`.
    static func vcsURL(_ content: [UInt8]?) -> String? {
        guard let content, let document = try? CatalogJSON.parse(content),
              let url = document["url"]?.nonEmptyString, let info = document["vcs_info"],
              let vcs = info["vcs"]?.nonEmptyString else { return nil }
        let commit = info["commit_id"]?.nonEmptyString.map { "@" + $0 } ?? ""
        return "\(vcs)+\(url)\(commit)"
    }

    static func split(_ path: String) -> (String, Substring) {
        guard let slash = path.lastIndex(of: "/") else { return ("", Substring(path)) }
        return (String(path[..<slash]), path[path.index(after: slash)...])
    }
}
