import Foundation
import ImageSource
import ScoutModel
import Store
import Vulnerabilities

/// Imports advisory sources into the store, each replacing its previous records in one transaction.
/// Remote sources are downloaded first (conditionally), verified, then imported from the download.
public struct AdvisoryImporter: Sendable {
    public struct Result: Sendable {
        public var name: String
        public var records: Int
        public var warnings: [ScanWarning]
        /// False when nothing could be read and the previous records were kept (or nothing changed).
        public var imported: Bool
        /// A remote source answered `304 Not Modified`: its records were kept as they are.
        public var notModified = false
    }

    public let store: ScoutStore
    public let clock: Clock
    public var fetcher = FeedFetcher()
    /// Where remote feeds are kept once verified (default: `<store>.feeds/` beside the store).
    public var cacheFolder: URL
    /// Accept a remote update that leaves a source with under a quarter of its records (`--allow-shrink`);
    /// otherwise such an update (an empty answer from an on-path attacker) keeps the previous records.
    public var allowShrink = false
    /// A remote source keeps its records when an update would leave fewer than this share of them.
    static let shrinkFraction = 0.25

    public init(store: ScoutStore, clock: Clock) {
        self.store = store
        self.clock = clock
        self.cacheFolder = URL(fileURLWithPath: store.path + ".feeds")
    }

    /// Imports one configured source, downloading it first when it is remote.
    public func importSource(_ source: Config.AdvisorySource) throws -> Result {
        guard let url = source.url else {
            return try importSource(name: source.name, format: source.format, path: source.path)
        }
        return try importRemote(source, url: url)
    }

    /// Imports one local source; a source that cannot be read at all keeps its previous records.
    public func importSource(name: String, format: String, path: String) throws -> Result {
        try importFile(name: name, format: format, location: path, file: path, validators: FeedValidators())
    }

    /// `previousRecords`: when given, an import with fewer than `shrinkFraction` of them is refused.
    private func importFile(name: String, format: String, location: String, file: String, validators: FeedValidators,
                            previousRecords: Int? = nil) throws -> Result {
        guard let kind = AdvisoryFormat(rawValue: format) else {
            let warning = ScanWarning(subject: name, message: "Failed to import advisory source '\(name)': unknown format '\(format)'")
            try store.recordSourceFailure(source: name, format: format, location: location, warning: warning)
            return Result(name: name, records: 0, warnings: [warning], imported: false)
        }
        var warnings: [ScanWarning] = []
        var records = 0
        let outcome = try store.replaceSource(source: name, format: format, location: location, validators: validators, at: clock.now()) { writer in
            let summary: LoadedSource
            do {
                summary = try AdvisoryLoader.stream(format: kind, path: file) { batch in
                    records += batch.recordCount
                    try writer.insert(advisories: batch.advisories)
                    try writer.insert(cvss: batch.cvss)
                    try writer.insert(kev: batch.kev)
                    try writer.insert(epss: batch.epss)
                }
            } catch let error as ImportError {
                warnings = []
                return .keepPrevious(warning: ScanWarning(subject: location, message: "\(error.description); the previous records were kept"))
            }
            warnings = summary.warnings
            if summary.filesRead == 0 && !summary.warnings.isEmpty {
                return .keepPrevious(warning: ScanWarning(subject: location, message: "Failed to import advisory source '\(name)': no file could be read; the previous records were kept"))
            }
            if let previousRecords, Double(records) < Double(previousRecords) * Self.shrinkFraction {
                return .keepPrevious(warning: ScanWarning(subject: location, message: "Refused the update of advisory source '\(name)': it has \(records) records where the store has \(previousRecords); the previous records were kept (run with --allow-shrink when the source really shrank)"))
            }
            return .commit(warnings: summary.warnings)
        }
        switch outcome {
        case .commit:
            // What the store holds (duplicates across batches counted once).
            let stored = try store.advisorySourceDetails().first { $0.name == name }?.records ?? records
            return Result(name: name, records: stored, warnings: warnings, imported: true)
        case .keepPrevious(let warning):
            return Result(name: name, records: 0, warnings: [warning] + warnings, imported: false)
        }
    }

    /// Downloads (conditionally), verifies, imports; any failure keeps the previous records.
    private func importRemote(_ source: Config.AdvisorySource, url: URL) throws -> Result {
        let shown = FeedError.redact(url.absoluteString)
        let folder = cacheFolder.appendingPathComponent(Self.safeName(source.name))
        let fileName = url.lastPathComponent.isEmpty ? "feed" : url.lastPathComponent
        let cached = folder.appendingPathComponent(fileName)
        // Validators are sent only while the records they describe are in the store.
        let known = try store.advisorySourceDetails().first { $0.name == source.name }
        let validators = known?.importedAt != nil && known?.location == shown ? try store.feedValidators(source: source.name) : FeedValidators()
        let fetched: FeedFetcher.Outcome
        do {
            fetched = try fetcher.fetch(url, validators: validators, into: folder, maxBytes: source.maxBytes)
        } catch {
            return try keepPrevious(source, location: shown, message: "\(error.description); the previous records were kept")
        }
        guard case .downloaded(let download, let received, _, let sha256) = fetched else {
            try store.recordSourceChecked(source: source.name, at: clock.now())
            return Result(name: source.name, records: known?.records ?? 0, warnings: [], imported: false, notModified: true)
        }
        defer { try? FileManager.default.removeItem(at: download) }
        do {
            try verifyChecksum(of: download, sha256: sha256, source: source, shown: shown)
        } catch {
            return try keepPrevious(source, location: shown, message: "\(error.description); the previous records were kept")
        }
        // Import from a file named like the URL, so `.gz`, `.zip` and `.csv` are recognised.
        let staged = folder.appendingPathComponent(FeedFetcher.stagedPrefix + fileName)
        try? FileManager.default.removeItem(at: staged)
        try FileManager.default.moveItem(at: download, to: staged)
        defer { try? FileManager.default.removeItem(at: staged) }
        // A source must not shrink to a small fraction of what it had unless told: an empty answer is not "no advisories".
        let previous = known?.importedAt != nil && !allowShrink ? known?.records : nil
        let result = try importFile(name: source.name, format: source.format, location: shown, file: staged.path, validators: received,
                                    previousRecords: previous)
        if result.imported {
            try? FileManager.default.removeItem(at: cached)
            try? FileManager.default.moveItem(at: staged, to: cached)
        }
        return result
    }

    private func keepPrevious(_ source: Config.AdvisorySource, location: String, message: String) throws -> Result {
        let warning = ScanWarning(subject: location, message: message)
        try store.recordSourceFailure(source: source.name, format: source.format, location: location, warning: warning)
        return Result(name: source.name, records: 0, warnings: [warning], imported: false)
    }

    /// Checks the download against `sha256:` in the config or the checksum the feed publishes
    /// (`checksum-url:`; NVD's `.meta` gives the SHA-256 of the uncompressed JSON, so a `.gz`
    /// download is also compared after inflating).
    private func verifyChecksum(of file: URL, sha256 actual: String, source: Config.AdvisorySource, shown: String) throws(FeedError) {
        var expected = source.sha256?.lowercased()
        if expected == nil, let checksumURL = source.checksumURL {
            let text = try fetcher.text(checksumURL)
            guard let hex = Self.firstSHA256(in: text) else {
                throw FeedError(url: FeedError.redact(checksumURL.absoluteString), reason: .checksumUnavailable("no 64-digit hexadecimal SHA-256 in it"))
            }
            expected = hex
        }
        guard let expected else { return }
        if actual == expected { return }
        // The inner check reads the file whole: only for files of a size NVD's feeds have.
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? .max
        if size <= Self.largestInflatedCheck, let data = try? Data(contentsOf: file), data.starts(with: [0x1F, 0x8B]),
           let inflated = try? AdvisoryLoader.gunzip([UInt8](data)) {
            let inner = String(ContentDigest.sha256(inflated).dropFirst("sha256:".count))
            if inner == expected { return }
        }
        throw FeedError(url: shown, reason: .checksumMismatch(expected: expected, actual: actual))
    }

    /// The largest `.gz` download whose inflated SHA-256 is also compared.
    static let largestInflatedCheck: Int64 = 256 << 20

    static func firstSHA256(in text: String) -> String? {
        var run = ""
        for character in text.lowercased() + " " {
            if character.isHexDigit { run.append(character); continue }
            if run.count == 64 { return run }
            run = ""
        }
        return nil
    }

    static func safeName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }
}
