import Archives
import Foundation
import JSONText
import ScoutModel

/// The formats an advisory source can be in.
public enum AdvisoryFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// OSV records: JSON or YAML files, folders of them, `.zip` exports such as `all.zip`.
    case osv
    /// Alpine secdb (`secfixes`), YAML or JSON.
    case alpineSecDB = "alpine-secdb"
    /// NVD CVE API 2.0 JSON (also `.json.gz`): CVSS enrichment by CVE id.
    case nvd
    /// CISA's Known Exploited Vulnerabilities catalogue JSON.
    case kev
    /// FIRST's EPSS scores CSV (also `.csv.gz`).
    case epss
}

/// What one advisory source gave: advisories, CVSS records and the files it could not read.
public struct LoadedSource: Sendable {
    public var advisories: [Advisory]
    public var cvss: [CVSSRecord]
    public var warnings: [ScanWarning]
    /// Files (and archive entries) read successfully.
    public var filesRead: Int
    public var kev: [KEVEntry] = []
    public var epss: [EPSSScore] = []

    public var recordCount: Int { advisories.count + cvss.count + kev.count + epss.count }
}

/// Reads a source's files, folders and archives. One unreadable file is a warning, not a failure.
public enum AdvisoryLoader {
    /// Largest single file read (compressed archives are bounded again when inflated).
    public static let maximumFileBytes = 2 << 30
    /// Largest document (JSON, YAML, CSV) read, plain or inflated from a `.gz` or a `.zip` entry: the
    /// importers' JSON limit. Checked from the file's size before reading, and while inflating.
    public static let maximumDocumentBytes = JSONValue.maximumBytes
    /// How many times its compressed size an entry or `.gz` may inflate to (plus 1 MiB): the example
    /// feeds reach 5.1 (Debian OSV entries) and 7.8 (NVD `.json.gz`), deflate bombs 1,032. Work on an
    /// archive stays proportional to its size.
    public static let maximumInflationRatio = 100

    /// Loads everything at `path`; throws only when the path itself cannot be read.
    public static func load(format: AdvisoryFormat, path: String) throws(ImportError) -> LoadedSource {
        var collected = LoadedSource(advisories: [], cvss: [], warnings: [], filesRead: 0)
        do {
            let summary = try stream(format: format, path: path, batchSize: Int.max) { batch in
                collected.advisories += batch.advisories
                collected.cvss += batch.cvss
                collected.kev += batch.kev
                collected.epss += batch.epss
            }
            collected.warnings = summary.warnings
            collected.filesRead = summary.filesRead
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(path: path, reason: .unreadable(String(describing: error)))
        }
        return collected
    }

    /// Reads everything at `path`, handing records to `sink` in batches of about `batchSize` (a feed of
    /// hundreds of thousands of records never sits in memory whole). Returns the warnings and the
    /// number of files read; the batches it returns carry no warnings. Errors thrown by `sink` stop it.
    /// Duplicate ids are merged within a batch; across batches the receiver keeps the newer `modified`.
    @discardableResult
    public static func stream(
        format: AdvisoryFormat, path: String, batchSize: Int = 5_000,
        sink: (LoadedSource) throws -> Void
    ) throws -> LoadedSource {
        // Secdb files of one release name the same CVE and must be merged whole: one batch.
        let collector = Collector(batchSize: format == .alpineSecDB ? Int.max : batchSize)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError(path: path, reason: .unreadable("no such file or folder"))
        }
        if isDirectory.boolValue {
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw ImportError(path: path, reason: .unreadable("the folder cannot be listed"))
            }
            var files: [String] = []
            while let relative = walker.nextObject() as? String {
                if isCandidate(relative) { files.append(relative) }
            }
            for relative in files.sorted() {
                let full = (path as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                try loadFile(format: format, path: full, into: collector, sink: sink)
            }
        } else {
            try loadFile(format: format, path: path, into: collector, sink: sink)
            if collector.pending.filesRead == 0, collector.filesRead == 0, let warning = collector.pending.warnings.first {
                throw ImportError(path: path, reason: .malformed(warning.message))
            }
        }
        try collector.flush(force: true, sink: sink)
        return LoadedSource(advisories: [], cvss: [], warnings: collector.warnings, filesRead: collector.filesRead)
    }

    /// Records read since the last batch, and the totals.
    final class Collector {
        let batchSize: Int
        var pending = LoadedSource(advisories: [], cvss: [], warnings: [], filesRead: 0)
        var warnings: [ScanWarning] = []
        var filesRead = 0

        init(batchSize: Int) {
            self.batchSize = batchSize
        }

        func flush(force: Bool, sink: (LoadedSource) throws -> Void) throws {
            guard force || pending.recordCount >= batchSize else { return }
            warnings += pending.warnings
            filesRead += pending.filesRead
            pending.warnings = []
            pending.filesRead = 0
            // Within one whole-source batch duplicates merge here; across batches the receiver keeps the newer.
            if batchSize == Int.max { pending.advisories = AdvisoryLoader.mergeDuplicates(pending.advisories, warnings: &warnings) }
            if pending.recordCount > 0 { try sink(pending) }
            pending.advisories.removeAll(keepingCapacity: true)
            pending.cvss.removeAll(keepingCapacity: true)
            pending.kev.removeAll(keepingCapacity: true)
            pending.epss.removeAll(keepingCapacity: true)
        }
    }

    /// One advisory per id: secdb files of one release (main, community) name the same CVE; two OSV
    /// files with one id keep the newer `modified`.
    static func mergeDuplicates(_ advisories: [Advisory], warnings: inout [ScanWarning]) -> [Advisory] {
        var byID: [String: Advisory] = [:]
        var order: [String] = []
        for advisory in advisories {
            guard var existing = byID[advisory.id] else {
                byID[advisory.id] = advisory
                order.append(advisory.id)
                continue
            }
            if existing.modified == nil && advisory.modified == nil {
                existing.affected.append(contentsOf: advisory.affected.filter { !existing.affected.contains($0) })
                existing.aliases = Array(Set(existing.aliases + advisory.aliases)).sorted()
                byID[advisory.id] = existing
            } else if (advisory.modified ?? "") >= (existing.modified ?? "") {
                byID[advisory.id] = advisory
            }
        }
        return order.map { byID[$0]! }
    }

    /// Inflates a gzip file (bounded like the feeds themselves), for checksums published over the content.
    public static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        try Inflate.inflate(bytes, format: .gzip, limit: maximumFileBytes, subject: "download")
    }

    static func isCandidate(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".json", ".yaml", ".yml", ".zip", ".gz", ".csv"].contains { lower.hasSuffix($0) }
    }

    /// The most `compressed` bytes may inflate to.
    static func inflationLimit(compressed: Int) -> Int {
        let (scaled, overflow) = compressed.multipliedReportingOverflow(by: maximumInflationRatio)
        return overflow ? maximumDocumentBytes : min(maximumDocumentBytes, scaled + (1 << 20))
    }

    private static func loadFile(format: AdvisoryFormat, path: String, into collector: Collector, sink: (LoadedSource) throws -> Void) throws {
        // The size is checked before anything is read: a plain document over the document limit (an
        // archive over the file limit) is refused unread.
        if let refusal = oversized(path) {
            collector.pending.warnings.append(ScanWarning(subject: path, message: refusal.description))
            return
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            collector.pending.warnings.append(ScanWarning(subject: path, message: "Failed to read advisory file '\(path)': \(error.localizedDescription)"))
            return
        }
        try loadBytes(format: format, name: path, data: data, into: collector, sink: sink)
    }

    /// Why the file at `path` is too large to read, or nil: its size against the limit for what its name
    /// and first bytes say it is.
    static func oversized(_ path: String) -> ImportError? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), (try? handle.seek(toOffset: 0)) != nil else { return nil }
        let head = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
        let lower = path.lowercased()
        let isArchive = lower.hasSuffix(".zip") || lower.hasSuffix(".gz") || head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x1F, 0x8B])
        let limit = isArchive ? maximumFileBytes : maximumDocumentBytes
        guard size > UInt64(limit) else { return nil }
        return ImportError(path: path, reason: .unreadable("it is \(size) bytes, over the \(limit)-byte limit for \(isArchive ? "an archive" : "a document")"))
    }

    private static func loadBytes(format: AdvisoryFormat, name: String, data: Data, into collector: Collector, sink: (LoadedSource) throws -> Void) throws {
        let lower = name.lowercased()
        if lower.hasSuffix(".zip") || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let archive: ZipArchive
            do {
                archive = try ZipArchive(bytes: [UInt8](data), name: name)
            } catch {
                collector.pending.warnings.append(ScanWarning(subject: name, message: error.description))
                return
            }
            let entries = archive.entries.sorted(by: { $0.path < $1.path })
                .filter { !$0.isDirectory && isCandidate($0.path) && !$0.path.hasSuffix(".zip") }
            // Bytes inflated for entries then refused as too large: past one document's worth, the
            // archive is a bomb (60 entries of 256 MiB cost 141 s) and the rest of it is not read.
            var wasted = 0
            for (index, entry) in entries.enumerated() {
                let entryName = "\(name)!\(entry.path)"
                do {
                    let bytes = try archive.contents(of: entry, limit: inflationLimit(compressed: entry.compressedSize))
                    try loadBytes(format: format, name: entryName, data: Data(bytes), into: collector, sink: sink)
                } catch let error as ArchiveError {
                    collector.pending.warnings.append(ScanWarning(subject: entryName, message: error.description))
                    if case .tooLarge(let limit) = error.reason { wasted += limit }
                }
                try collector.flush(force: false, sink: sink)
                if wasted > maximumDocumentBytes, index + 1 < entries.count {
                    collector.pending.warnings.append(ScanWarning(subject: name, message: ImportError(path: name, reason: .malformed(
                        "\(entries.count - index - 1) entries were not read: entries inflating past their limit already cost \(wasted) bytes (a zip bomb)")).description))
                    break
                }
            }
            return
        }
        if lower.hasSuffix(".gz") || data.starts(with: [0x1F, 0x8B]) {
            do {
                let bytes = try Inflate.inflate([UInt8](data), format: .gzip, limit: inflationLimit(compressed: data.count), subject: name)
                let inner = lower.hasSuffix(".gz") ? String(name.dropLast(3)) : name + "!inflated"
                try loadBytes(format: format, name: inner, data: Data(bytes), into: collector, sink: sink)
            } catch let error as ArchiveError {
                collector.pending.warnings.append(ScanWarning(subject: name, message: error.description))
            }
            return
        }
        decode(format: format, name: name, data: data, into: &collector.pending)
        try collector.flush(force: false, sink: sink)
    }

    private static func decode(format: AdvisoryFormat, name: String, data: Data, into result: inout LoadedSource) {
        let lower = name.lowercased()
        do {
            let isYAML = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
            switch format {
            case .osv:
                let advisory = isYAML
                    ? try OSVDecoder.decodeYAML(String(decoding: data, as: UTF8.self), path: name)
                    : try OSVDecoder.decodeJSON(data, path: name)
                result.advisories.append(advisory)
            case .alpineSecDB:
                result.advisories.append(contentsOf: try AlpineSecDBDecoder.decode(data, path: name))
            case .nvd:
                result.cvss.append(contentsOf: try NVDDecoder.decode(data, path: name))
            case .kev:
                result.kev.append(contentsOf: try KEVDecoder.decode(data, path: name))
            case .epss:
                result.epss.append(contentsOf: try EPSSDecoder.decode(data, path: name))
            }
            result.filesRead += 1
        } catch {
            result.warnings.append(ScanWarning(subject: name, message: String(describing: error)))
        }
    }
}
