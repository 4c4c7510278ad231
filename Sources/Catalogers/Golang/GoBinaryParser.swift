import ScoutModel

/// Turns the build info of Go binaries into packages: the standard library (`stdlib`), the main module
/// and every dependency, replacements applied.
public enum GoBinaryParser {
    public static let catalogerName = "go-module-binary-cataloger"

    public static func matches(_ path: String) -> Bool {
        BinaryPaths.isCandidate(path)
    }

    /// The build info of an ELF file; nil when it is not a Go binary.
    public static func buildInfo(_ file: DatabaseFile) throws(CatalogError) -> GoBuildInfo? {
        do {
            return try GoBuildInfo.read(file.content)
        } catch {
            throw CatalogError(.malformedBinary(error.message), path: file.path)
        }
    }

    /// The shared parser: no packages for files that are not Go binaries.
    /// A file kept as a `BinarySummary` (what layers keep of programs) answers from it.
    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        if let summary = BinarySummary.decode(file.content) { return try summary.packages(for: catalogerName, path: file.path) }
        return try extract(file)
    }

    /// The packages of a whole ELF file.
    static func extract(_ file: DatabaseFile) throws(CatalogError) -> [Package] {
        guard let info = try buildInfo(file) else { return [] }
        return packages(info, path: file.path)
    }

    /// `stdlib` with the toolchain version, then the main module (when versioned or `(devel)`), then dependencies.
    /// Versions drop Go's `v` prefix, as the OSV Go database writes them.
    static func packages(_ info: GoBuildInfo, path: String) -> [Package] {
        var packages: [Package] = []
        if let version = stdlibVersion(info.goVersion) {
            packages.append(package(name: "stdlib", version: version, path: path))
        }
        if let main = info.main {
            let module = resolved(main)
            packages.append(package(name: module.path, version: module.version.isEmpty ? "(devel)" : module.version, path: path))
        }
        for dependency in info.dependencies {
            let module = resolved(dependency)
            guard !module.version.isEmpty else { continue }
            packages.append(package(name: module.path, version: module.version, path: path))
        }
        return packages
    }

    /// A replacement with a version stands for the module; a local directory replacement keeps the
    /// original path, with `(devel)` as version since its code is not that of any release.
    private static func resolved(_ module: GoBuildInfo.Module) -> (path: String, version: String) {
        guard let replacement = module.replacement else { return (module.path, trimmed(module.version)) }
        if replacement.version.isEmpty { return (module.path, "(devel)") }
        return (replacement.path, trimmed(replacement.version))
    }

    private static func trimmed(_ version: String) -> String {
        version.hasPrefix("v") ? String(version.dropFirst()) : version
    }

    /// `go1.22.0` → `1.22.0`; `go1.20` → `1.20.0`; `go1.21rc2` → `1.21.0-rc.2`; `go1.22.0 X:boringcrypto` → `1.22.0`;
    /// nil for development toolchains (`devel +abc…`), which have no release to compare.
    static func stdlibVersion(_ goVersion: String) -> String? {
        guard let word = goVersion.split(separator: " ").first, word.hasPrefix("go") else { return nil }
        var core = String(word.dropFirst(2))
        var prerelease = ""
        for tag in ["rc", "beta"] {
            if let range = core.range(of: tag) {
                let number = core[range.upperBound...]
                guard !number.isEmpty, number.allSatisfy(\.isNumber) else { return nil }
                prerelease = "-\(tag).\(number)"
                core = String(core[..<range.lowerBound])
            }
        }
        var parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        while parts.count < 3 { parts.append("0") }
        return parts.joined(separator: ".") + prerelease
    }

    /// `pkg:golang/github.com/golang/xerrors@0.0.0-2022…`: the module path's last element is the purl name.
    private static func package(name: String, version: String, path: String) -> Package {
        let elements = name.split(separator: "/")
        let purlName = elements.last.map(String.init) ?? name
        let namespace = elements.dropLast().joined(separator: "/")
        return Package(
            type: .golang, name: name, version: version,
            purl: PackageURL.make(type: "golang", namespace: namespace, name: purlName, version: version),
            locations: [path], cataloger: catalogerName)
    }
}
