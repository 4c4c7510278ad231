import Archives
import Foundation
import ScoutModel

/// The formats an advisory source can be in.
public enum AdvisoryFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// OSV records: JSON or YAML files, folders of them, `.zip` exports such as `all.zip`.
    case osv
    /// Alpine secdb (`secfixes`), YAML or JSON.
    case alpineSecDB = "alpine-secdb"
    /// NVD CVE API 2.0 JSON (also `.json.gz`): CVSS enrichment by CVE id.
    case nvd
}

/// What one advisory source gave: advisories, CVSS records and the files it could not read.
public struct LoadedSource: Sendable {
    public var advisories: [Advisory]
    public var cvss: [CVSSRecord]
    public var warnings: [ScanWarning]
    /// Files (and archive entries) read successfully.
    public var filesRead: Int

    public var recordCount: Int { advisories.count + cvss.count }
}

/// Reads a source's files, folders and archives. One unreadable file is a warning, not a failure.
public enum AdvisoryLoader {
    /// Largest single file read (compressed archives are bounded again when inflated).
    public static let maximumFileBytes = 2 << 30

    /// Loads everything at `path`; throws only when the path itself cannot be read.
    public static func load(format: AdvisoryFormat, path: String) throws(ImportError) -> LoadedSource {
        var result = LoadedSource(advisories: [], cvss: [], warnings: [], filesRead: 0)
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
                loadFile(format: format, path: full, into: &result)
            }
        } else {
            loadFile(format: format, path: path, into: &result)
            if result.filesRead == 0, let warning = result.warnings.first {
                throw ImportError(path: path, reason: .malformed(warning.message))
            }
        }
        result.advisories = mergeDuplicates(result.advisories, warnings: &result.warnings)
        return result
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

    static func isCandidate(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".json", ".yaml", ".yml", ".zip", ".gz"].contains { lower.hasSuffix($0) }
    }

    private static func loadFile(format: AdvisoryFormat, path: String, into result: inout LoadedSource) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            result.warnings.append(ScanWarning(subject: path, message: "Failed to read advisory file '\(path)': \(error.localizedDescription)"))
            return
        }
        loadBytes(format: format, name: path, data: data, into: &result)
    }

    private static func loadBytes(format: AdvisoryFormat, name: String, data: Data, into result: inout LoadedSource) {
        let lower = name.lowercased()
        do {
            if lower.hasSuffix(".zip") {
                let archive = try ZipArchive(bytes: [UInt8](data), name: name)
                for entry in archive.entries.sorted(by: { $0.path < $1.path }) where !entry.isDirectory && isCandidate(entry.path) && !entry.path.hasSuffix(".zip") {
                    let entryName = "\(name)!\(entry.path)"
                    do {
                        let bytes = try archive.contents(of: entry)
                        loadBytes(format: format, name: entryName, data: Data(bytes), into: &result)
                    } catch {
                        result.warnings.append(ScanWarning(subject: entryName, message: error.description))
                    }
                }
                return
            }
            if lower.hasSuffix(".gz") {
                let bytes = try Inflate.inflate([UInt8](data), format: .gzip, limit: maximumFileBytes, subject: name)
                loadBytes(format: format, name: String(name.dropLast(3)), data: Data(bytes), into: &result)
                return
            }
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
            }
            result.filesRead += 1
        } catch let error as ImportError {
            result.warnings.append(ScanWarning(subject: name, message: error.description))
        } catch let error as ArchiveError {
            result.warnings.append(ScanWarning(subject: name, message: error.description))
        } catch {
            result.warnings.append(ScanWarning(subject: name, message: "Failed to import advisory file '\(name)': \(error)"))
        }
    }
}
