import BaseImages
import ScoutModel

/// The nightly job's configuration (`scout-report.yml`), with every path made absolute.
public struct Config: Sendable, Hashable {
    public struct AdvisorySource: Sendable, Hashable {
        public var name: String
        /// `osv`, `alpine-secdb` or `nvd`.
        public var format: String
        /// Absolute path of the file, folder or zip.
        public var path: String
    }

    public struct ImageEntry: Sendable, Hashable {
        /// The tag this image is known by in its repository.
        public var tag: String
        /// `oci-dir://…` or `archive://…` with an absolute path.
        public var reference: String
        /// The reference as the config wrote it (relative paths kept): what the site shows.
        public var written: String
    }

    public struct Repository: Sendable, Hashable {
        public var name: String
        public var enabled: Bool
        public var images: [ImageEntry]
        /// A base repository (`library/debian`): analysed for base detection, kept off the Images tab.
        public var baseOnly = false

        /// What the settings page shows as the source: the distinct reference kinds and folders.
        public var sourceDescription: String {
            let kinds = Set(images.map { String($0.reference.prefix { $0 != ":" }) + "://" })
            return kinds.sorted().joined(separator: ", ")
        }
    }

    public var title: String
    /// Absolute path of the SQLite store.
    public var store: String
    /// Absolute path of the site folder.
    public var site: String
    /// The platform picked from multi-platform images.
    public var platform: Platform
    public var advisories: [AdvisorySource]
    public var repositories: [Repository]
    /// The file it was read from.
    public var file: String
    /// Inputs of Scout's default policies (`policies:`).
    public var policies = PolicySettings()
}
