import ScoutModel

/// What cataloging an image's layers found.
public struct CatalogResult: Sendable, Hashable {
    /// Sorted by type, name, version.
    public var packages: [Package]
    public var os: OSRelease?
    public var warnings: [ScanWarning]

    public init(packages: [Package], os: OSRelease?, warnings: [ScanWarning]) {
        self.packages = packages
        self.os = os
        self.warnings = warnings
    }
}

/// Entry point: which files to read from the layers, and turning them into packages.
public enum Cataloging {
    /// Every cataloger, one per ecosystem.
    public static let catalogers: [FileCataloger] = [
        FileCataloger(name: DpkgStatusParser.catalogerName, matches: DpkgStatusParser.matches, parse: DpkgStatusParser.parse),
        FileCataloger(name: ApkDBParser.catalogerName, matches: ApkDBParser.matches, parse: ApkDBParser.parse),
        FileCataloger(name: RpmDBParser.catalogerName, matches: RpmDBParser.matches, parse: RpmDBParser.parse),
        FileCataloger(name: GoBinaryParser.catalogerName, matches: GoBinaryParser.matches, parse: GoBinaryParser.parse),
        FileCataloger(name: CargoAuditableParser.catalogerName, matches: CargoAuditableParser.matches, parse: CargoAuditableParser.parse),
        FileCataloger(name: CargoLockParser.catalogerName, matches: CargoLockParser.matches, parse: CargoLockParser.parse),
        FileCataloger(name: PythonPackageParser.catalogerName, matches: PythonPackageParser.matches,
                      parse: PythonPackageParser.parse, companions: PythonPackageParser.isCompanion),
        FileCataloger(name: NpmPackageJSONParser.catalogerName, matches: NpmPackageJSONParser.matches, parse: NpmPackageJSONParser.parse),
        FileCataloger(name: NpmLockParser.catalogerName, matches: NpmLockParser.matches, parse: NpmLockParser.parse),
        FileCataloger(name: JavaArchiveParser.catalogerName, matches: JavaArchiveParser.matches, parse: JavaArchiveParser.parse),
        FileCataloger(name: GemspecParser.catalogerName, matches: GemspecParser.matches, parse: GemspecParser.parse),
        FileCataloger(name: DotnetDepsParser.catalogerName, matches: DotnetDepsParser.matches, parse: DotnetDepsParser.parse),
        FileCataloger(name: ComposerInstalledParser.catalogerName, matches: ComposerInstalledParser.matches,
                      parse: ComposerInstalledParser.parse),
    ]

    /// Whether a layer reader should keep the file at `path` (normalized, no leading slash).
    public static func wants(_ path: String) -> Bool {
        OSReleaseReader.paths.contains(path) || catalogers.contains { $0.matches(path) || $0.companions(path) }
    }

    /// Catalogs the final filesystem of `layers` (oldest first). A package's `layerDiffID` is the layer
    /// from which its name and version have been present without interruption up to the final image.
    /// Archive readers inflate at most `inflateBudget` bytes for the whole image.
    public static func catalog(layers: [LayerFiles], inflateBudget: Int = InflateBudget.defaultBytes) -> CatalogResult {
        var memo = ParseMemo()
        return catalog(layers: layers, budget: InflateBudget(limit: inflateBudget), memo: &memo)
    }

    static func catalog(layers: [LayerFiles], budget: InflateBudget, memo: inout ParseMemo) -> CatalogResult {
        var filesystem = LayeredFilesystem()
        /// Package identities found in each database file currently present.
        var keysByFile: [String: Set<PackageKey>] = [:]
        var presentSince: [PackageKey: Int] = [:]
        /// Changes to the files parsers read besides databases (os-release, companions).
        var contextVersion = 0
        for (index, layer) in layers.enumerated() {
            let changedPaths = filesystem.apply(layer)
            let changed = changedPaths.filter(isDatabase)
            if changed.count < changedPaths.count { contextVersion += 1 }
            guard !changed.isEmpty else { continue }
            let context = CatalogContext(os: OSReleaseReader.detect(in: filesystem.files), files: filesystem.files, inflateBudget: budget)
            for path in changed {
                guard let content = filesystem.files[path] else {
                    keysByFile.removeValue(forKey: path)
                    continue
                }
                // An unparsable intermediate version keeps the previous attribution.
                let file = DatabaseFile(path: path, content: content)
                if case .success(let packages) = parse(file, context, contextVersion: contextVersion, memo: &memo) {
                    keysByFile[path] = Set(packages.map(PackageKey.init))
                }
            }
            let present = keysByFile.values.reduce(into: Set<PackageKey>()) { $0.formUnion($1) }
            presentSince = presentSince.filter { present.contains($0.key) }
            for key in present where presentSince[key] == nil { presentSince[key] = index }
        }

        let os = OSReleaseReader.detect(in: filesystem.files)
        let context = CatalogContext(os: os, files: filesystem.files, inflateBudget: budget)
        var warnings: [ScanWarning] = []
        var byKey: [PackageKey: Package] = [:]
        for path in filesystem.files.keys.filter(isDatabase).sorted() {
            let file = DatabaseFile(path: path, content: filesystem.files[path]!)
            switch parse(file, context, contextVersion: contextVersion, memo: &memo) {
            case .success(let packages):
                for var package in packages {
                    let key = PackageKey(package)
                    if var existing = byKey[key] {
                        existing.locations = Array(Set(existing.locations + package.locations)).sorted()
                        byKey[key] = existing
                        continue
                    }
                    package.layerDiffID = presentSince[key].map { layers[$0].diffID }
                    byKey[key] = package
                }
            case .failure(let error):
                warnings.append(ScanWarning(subject: path, message: error.description))
            }
        }
        for path in budget.skipped where filesystem.files[path] != nil {
            warnings.append(ScanWarning(
                subject: path,
                message: "Skipped archives inside '\(path)': the image's budget of \(budget.limit) inflated bytes for archive entries is spent; its packages may be incomplete."))
        }
        let packages = byKey.values.sorted {
            ($0.type, $0.name, $0.version, $0.cataloger) < ($1.type, $1.name, $1.version, $1.cataloger)
        }
        return CatalogResult(packages: packages, os: os, warnings: warnings)
    }

    private static func isDatabase(_ path: String) -> Bool {
        catalogers.contains { $0.matches(path) }
    }

    /// Runs every cataloger that reads `file`, unless the memo has the answer.
    private static func parse(_ file: DatabaseFile, _ context: CatalogContext, contextVersion: Int,
                              memo: inout ParseMemo) -> Result<[Package], CatalogError> {
        let readers = catalogers.indices.filter { catalogers[$0].matches(file.path) }
        let readsCompanions = readers.contains { catalogers[$0].readsCompanions }
        return memo.packages(of: file, catalogers: readers, readsCompanions: readsCompanions, contextVersion: contextVersion) {
            (file) throws(CatalogError) -> [Package] in
            var packages: [Package] = []
            for index in readers {
                packages += try catalogers[index].parse(file, context)
            }
            return packages
        }
    }
}

/// A package's identity across layers.
struct PackageKey: Hashable {
    var type: PackageType
    var name: String
    var version: String
    var architecture: String?

    init(_ package: Package) {
        type = package.type
        name = package.name
        version = package.version
        architecture = package.architecture
    }
}
