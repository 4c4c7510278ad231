import BaseImages
import Foundation
import ScoutModel

/// The nightly job's configuration (`scout-report.yml`), with every path made absolute.
public struct Config: Sendable, Hashable {
    public struct AdvisorySource: Sendable, Hashable {
        public var name: String
        /// `osv`, `alpine-secdb` or `nvd`.
        public var format: String
        /// Absolute path of the file, folder or zip; for a remote source, its URL.
        public var path: String
        /// The `http(s)://` URL of a remote source (`url:`, or a `path:` that is a URL).
        public var url: URL? = nil
        /// The expected SHA-256 of the download (hex), when the config pins one.
        public var sha256: String? = nil
        /// Where the feed publishes its checksum (NVD `.meta`, `.sha256` files).
        public var checksumURL: URL? = nil
        /// Plain http to a non-loopback host was allowed explicitly (`insecure: true`).
        public var insecure = false
        /// The largest download accepted (`max-size-mb`); nil: the fetcher's default.
        public var maxBytes: Int64? = nil
    }

    /// An entry of the ignore list: suppresses a vulnerability until it expires.
    public struct IgnoreRule: Sendable, Hashable {
        /// The vulnerability id (CVE, GHSA, DSA, …); any of a finding's ids matches.
        public var id: String
        /// Only this package (name, or purl prefix such as `pkg:apk/alpine/busybox`); nil = every package.
        public var package: String?
        /// Only images of this repository (`library/alpine`) or tag (`library/alpine:3.11`); nil = every image.
        public var image: String?
        public var reason: String
        /// `YYYY-MM-DD`: the rule applies up to and including this day (UTC).
        public var expires: String?
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
        /// The registry (a `registries` name) whose tags this repository reads instead of `images`.
        public var registry: String? = nil
        /// The repository path in that registry (default: `name`).
        public var registryPath: String? = nil
        /// Which tags to read from the registry.
        public var tags = TagSelection()
        /// Platforms to analyse from multi-platform tags (default: the top-level `platform`).
        public var platforms: [Platform] = []
        /// `vex: {in-image: [...]}`: path globs (`/vex/*.vex.json`) of the OpenVEX documents inside this
        /// repository's images that apply to them. Empty (the default): none does.
        public var vexInImage: [String] = []
        /// `owner:`: the team that owns this repository (wins over `owners:` globs and the registry's owner).
        public var owner: Owner? = nil

        /// What the settings page shows as its tags: the registry's tag selection, or the tags listed.
        public var tagSummary: String {
            registry == nil ? images.map(\.tag).joined(separator: ", ") : tags.summary
        }

        /// What the settings page shows as the source: the registry, or the distinct reference kinds.
        public var sourceDescription: String {
            if let registry { return "registry:\(registry)/\(registryPath ?? name)" }
            let kinds = Set(images.map { String($0.reference.prefix { $0 != ":" }) + "://" })
            return kinds.sorted().joined(separator: ", ")
        }
    }

    /// A registry speaking the OCI distribution API.
    public struct Registry: Sendable, Hashable {
        public var name: String
        /// `https://host[:port]`, `http://host[:port]` or `host[:port]` (https, or http for loopback).
        public var url: String
        /// Allows plain http to a non-loopback host.
        public var insecure = false
        /// Environment variables holding the username and password (else ~/.docker/config.json, else anonymous).
        public var usernameVariable: String? = nil
        public var passwordVariable: String? = nil
        /// Lists `/_catalog` so the settings show repositories present but not configured.
        public var catalog = true
        public var maxConcurrentDownloads = 4
        /// Requests in flight at once to this registry (tag lists, HEADs, manifests): 1 reads it one request at a time.
        public var maxConcurrentRequests = 32
        /// Seconds without data after which a request is retried.
        public var timeout: Double = 60
        /// Seconds that reading one image (manifests, config, layers) may take in all.
        public var imageDeadline: Double = 3600
        /// Tag selection for discovered repositories enabled with `repo enable`.
        public var tags = TagSelection(newest: 3)
        /// `owner:`: the team owning the repositories discovered in this registry (and the configured
        /// ones reading from it) that neither name an owner nor match an `owners:` glob.
        public var owner: Owner? = nil
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
    /// Registries that registry-backed repositories read from.
    public var registries: [Registry] = []
    /// OpenVEX documents (absolute paths) applied to every image.
    public var vex: [String] = []
    /// Vulnerabilities to suppress, each with a reason and an optional expiry date.
    public var ignore: [IgnoreRule] = []
    /// `owners:`: repository-name globs and the team owning what they match (first match wins).
    public var owners: [OwnerRule] = []
    /// `notify:`: webhooks told about findings after publishing.
    public var notify: [Webhook] = []
    /// `retention:`: which untagged images and how many runs the store keeps.
    public var retention = Retention()
    /// `queue:`: new digests are analysed through a PostgreSQL work queue (workers on other machines).
    public var queue: WorkQueueSettings? = nil
}
