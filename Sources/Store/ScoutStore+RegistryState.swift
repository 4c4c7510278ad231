import GRDB
import ScoutModel

/// A manifest digest a registry tag digest resolved to for one platform, with the image's creation time.
public struct ResolvedManifest: Sendable, Hashable {
    public var manifestDigest: String
    /// `created` of the image config (RFC 3339 as written), used to keep the newest N tags.
    public var created: String?

    public init(manifestDigest: String, created: String?) {
        self.manifestDigest = manifestDigest
        self.created = created
    }
}

/// A repository as `scout-report repo list` shows it.
public struct RepositorySetting: Sendable, Hashable {
    public var name: String
    /// The state in force: the override when one was set, else the config's flag (discovered: disabled).
    public var enabled: Bool
    /// What `repo enable/disable` set, which wins over the config.
    public var override: Bool?
    public var inConfig: Bool
    /// Found in a registry's catalog.
    public var discovered: Bool
    public var source: String
    public var lastAnalysed: String?
    public var imageCount: Int
}

extension ScoutStore {
    /// The manifest a tag digest gave for `platform` before, if any.
    public func resolvedManifest(tagDigest: String, platform: String) throws(StoreError) -> ResolvedManifest? {
        try read("look up a resolved manifest") { db in
            try Row.fetchOne(db, sql: "SELECT manifestDigest, created FROM resolvedManifests WHERE tagDigest = ? AND platform = ?",
                             arguments: [tagDigest, platform]).map { ResolvedManifest(manifestDigest: $0["manifestDigest"], created: $0["created"]) }
        }
    }

    /// Remembers what a tag digest resolved to for `platform` (digests never change meaning).
    public func recordResolvedManifest(tagDigest: String, platform: String, _ resolved: ResolvedManifest) throws(StoreError) {
        try write("record a resolved manifest") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO resolvedManifests (tagDigest, platform, manifestDigest, created) VALUES (?, ?, ?, ?)",
                           arguments: [tagDigest, platform, resolved.manifestDigest, resolved.created])
        }
    }

    /// `repo enable/disable`: overrides the config's flag for `name` until set again.
    public func setRepositoryOverride(name: String, enabled: Bool, at time: String) throws(StoreError) {
        try write("set the state of '\(name)'") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO repositoryOverrides (name, enabled, updatedAt) VALUES (?, ?, ?)",
                           arguments: [name, enabled, time])
            try db.execute(sql: "UPDATE repositories SET enabled = ? WHERE name = ?", arguments: [enabled, name])
        }
    }

    /// Every override set with `repo enable/disable`, by repository name.
    public func repositoryOverrides() throws(StoreError) -> [String: Bool] {
        try read("read the repository overrides") { db in
            var result: [String: Bool] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, enabled FROM repositoryOverrides") { result[row["name"]] = row["enabled"] }
            return result
        }
    }

    /// Records repositories found in a registry's catalog that the config does not name (disabled unless overridden).
    public func recordDiscoveredRepositories(_ names: [String], source: String) throws(StoreError) {
        try write("record the discovered repositories") { db in
            for name in names {
                let override = try Bool.fetchOne(db, sql: "SELECT enabled FROM repositoryOverrides WHERE name = ?", arguments: [name])
                try db.execute(sql: """
                    INSERT INTO repositories (name, enabled, source, inConfig, discovered) VALUES (?, ?, ?, 0, 1)
                    ON CONFLICT(name) DO UPDATE SET discovered = 1
                    """, arguments: [name, override ?? false, source])
            }
        }
    }

    /// Every repository known to the store, with its override and image count, sorted by name.
    public func repositorySettings() throws(StoreError) -> [RepositorySetting] {
        try read("read the repository settings") { db in
            try Row.fetchAll(db, sql: """
                SELECT r.name, r.enabled, r.source, r.inConfig, r.discovered, r.lastAnalysed, o.enabled AS override,
                    (SELECT COUNT(DISTINCT t.digest) FROM tags t WHERE t.repository = r.name) AS imageCount
                FROM repositories r LEFT JOIN repositoryOverrides o ON o.name = r.name ORDER BY r.name
                """).map { row in
                let override: Bool? = row["override"]
                let enabled: Bool = row["enabled"]
                return RepositorySetting(name: row["name"], enabled: override ?? enabled, override: override, inConfig: row["inConfig"], discovered: row["discovered"],
                                         source: row["source"], lastAnalysed: row["lastAnalysed"], imageCount: row["imageCount"])
            }
        }
    }
}
