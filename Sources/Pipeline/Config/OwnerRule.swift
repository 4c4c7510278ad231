import BaseImages
import ScoutModel

/// An `owners:` entry: repositories whose name matches `match` (`payments/*`; `*` also crosses `/`)
/// belong to `owner`.
public struct OwnerRule: Sendable, Hashable {
    public var match: String
    public var owner: Owner

    public init(match: String, owner: Owner) {
        self.match = match
        self.owner = owner
    }

    public func matches(_ repository: String) -> Bool { Glob.matches(match, repository) }
}

/// A `notify:` entry: a webhook told, after publishing, about the findings that match its rules.
/// The URL is read from the environment variable `urlVariable` when the run sends, never stored.
public struct Webhook: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A JSON document (`{"run": …, "findings": [...]}`).
        case json
        /// A Slack-compatible incoming-webhook message (`{"text": "…"}`; Teams and Mattermost accept it too).
        case slack
    }

    public var name: String
    public var kind: Kind
    public var urlVariable: String
    /// Only these severities; empty: every severity.
    public var severities: Set<Severity> = []
    /// Only findings CISA lists as known exploited.
    public var kevOnly = false
    /// Only findings the previous run did not report (default true: a webhook is for news).
    public var newOnly = true
    /// Only images this team owns.
    public var team: String? = nil

    public init(name: String, kind: Kind, urlVariable: String) {
        self.name = name
        self.kind = kind
        self.urlVariable = urlVariable
    }

    /// True when the finding (of an image owned by `owner`) is one this webhook is told about.
    public func matches(_ finding: Finding, owner: Owner?) -> Bool {
        guard finding.suppression == nil else { return false }
        if !severities.isEmpty && !severities.contains(finding.severity) { return false }
        if kevOnly && finding.kev == nil { return false }
        if newOnly && !finding.isNew { return false }
        if let team, owner?.team != team { return false }
        return true
    }
}
