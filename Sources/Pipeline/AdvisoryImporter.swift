import ScoutModel
import Store
import Vulnerabilities

/// Imports advisory sources into the store, each replacing its previous records in one transaction.
public struct AdvisoryImporter: Sendable {
    public struct Result: Sendable {
        public var name: String
        public var records: Int
        public var warnings: [ScanWarning]
        /// False when nothing could be read and the previous records were kept.
        public var imported: Bool
    }

    public let store: ScoutStore
    public let clock: Clock

    public init(store: ScoutStore, clock: Clock) {
        self.store = store
        self.clock = clock
    }

    /// Imports one source; a source that cannot be read at all keeps its previous records.
    public func importSource(name: String, format: String, path: String) throws -> Result {
        guard let kind = AdvisoryFormat(rawValue: format) else {
            let warning = ScanWarning(subject: name, message: "Failed to import advisory source '\(name)': unknown format '\(format)'")
            try store.recordSourceFailure(source: name, format: format, location: path, warning: warning)
            return Result(name: name, records: 0, warnings: [warning], imported: false)
        }
        do {
            let loaded = try AdvisoryLoader.load(format: kind, path: path)
            if loaded.filesRead == 0 && !loaded.warnings.isEmpty {
                let warning = ScanWarning(subject: path, message: "Failed to import advisory source '\(name)': no file could be read; the previous records were kept")
                try store.recordSourceFailure(source: name, format: format, location: path, warning: warning)
                return Result(name: name, records: 0, warnings: [warning] + loaded.warnings, imported: false)
            }
            try store.replaceAdvisories(
                source: name, format: format, location: path, advisories: loaded.advisories,
                cvss: loaded.cvss, warnings: loaded.warnings, at: clock.now())
            return Result(name: name, records: loaded.recordCount, warnings: loaded.warnings, imported: true)
        } catch let error as ImportError {
            let warning = ScanWarning(subject: path, message: "\(error.description); the previous records were kept")
            try store.recordSourceFailure(source: name, format: format, location: path, warning: warning)
            return Result(name: name, records: 0, warnings: [warning], imported: false)
        }
    }
}
