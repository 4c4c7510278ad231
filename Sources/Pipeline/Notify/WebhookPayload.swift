import JSONText
import ScoutModel

/// The body a webhook is sent: a JSON document, or a Slack-compatible `{"text": …}` message.
enum WebhookPayload {
    /// One finding to tell about, with the image it was found in.
    struct Item: Sendable {
        let image: ImageReport
        let finding: Finding
    }

    /// The findings of `images` the webhook's rules match, most urgent first.
    static func items(for hook: Webhook, images: [ImageReport]) -> [Item] {
        var items: [Item] = []
        for image in images where !image.tags.isEmpty {
            for finding in image.findings where hook.matches(finding, owner: image.owner) {
                items.append(Item(image: image, finding: finding))
            }
        }
        return items.sorted { a, b in
            if a.finding.precedes(b.finding) != b.finding.precedes(a.finding) { return a.finding.precedes(b.finding) }
            return (a.image.displayName, a.image.digest) < (b.image.displayName, b.image.digest)
        }
    }

    static func body(_ hook: Webhook, items: [Item], run: RunSummary, title: String) -> String {
        switch hook.kind {
        case .json: json(hook, items: items, run: run, title: title)
        case .slack: slack(items: items, run: run, title: title)
        }
    }

    private static func json(_ hook: Webhook, items: [Item], run: RunSummary, title: String) -> String {
        var writer = JSONWriter(layout: .compact, capacity: 512 + items.count * 400)
        writer.beginObject()
        writer.key("site"); writer.string(title)
        writer.key("webhook"); writer.string(hook.name)
        writer.key("run"); writer.int(run.id)
        writer.key("startedAt"); writer.string(run.startedAt)
        writer.key("findings")
        writer.beginArray()
        for item in items {
            let finding = item.finding
            writer.beginObject()
            writer.key("repository"); writer.string(item.image.repository ?? item.image.source)
            writer.key("tags"); writer.beginArray(); for tag in item.image.tags { writer.string(tag) }; writer.endArray()
            writer.key("digest"); writer.string(item.image.digest)
            writer.key("vulnerability"); writer.string(finding.vulnerabilityID)
            writer.key("severity"); writer.string(finding.severity.rawValue)
            writer.key("priority"); writer.double(finding.priority.score)
            writer.key("kev"); writer.bool(finding.kev != nil)
            writer.key("epss"); if let epss = finding.epss { writer.double(epss.score) } else { writer.null() }
            writer.key("cvss"); if let score = finding.cvssScore { writer.double(score) } else { writer.null() }
            writer.key("package"); writer.string(finding.package.name)
            writer.key("version"); writer.string(finding.package.version)
            writer.key("fixedVersions"); writer.beginArray(); for version in finding.fixedVersions { writer.string(version) }; writer.endArray()
            writer.key("new"); writer.bool(finding.isNew)
            writer.key("owner"); if let team = item.image.owner?.team { writer.string(team) } else { writer.null() }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.text
    }

    /// At most 20 lines; Slack shows `<`, `>` and `&` literally only when escaped.
    private static func slack(items: [Item], run: RunSummary, title: String) -> String {
        func escape(_ text: String) -> String {
            text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        }
        var lines = ["*\(escape(title))*: \(items.count) finding\(items.count == 1 ? "" : "s") to look at after run \(run.id)"]
        for item in items.prefix(20) {
            let finding = item.finding
            var facts = [finding.severity.rawValue]
            if finding.kev != nil { facts.append("KEV") }
            if let epss = finding.epss { facts.append("EPSS \(epss.scoreDisplay)") }
            lines.append("• \(escape(finding.vulnerabilityID)) (\(facts.joined(separator: ", "))) in \(escape(finding.package.name)) \(escape(finding.package.version)), "
                + "\(escape(item.image.displayName))" + (finding.fixedVersions.isEmpty ? "" : ": fixed in \(escape(finding.fixedVersionDisplay))"))
        }
        if items.count > 20 { lines.append("… and \(items.count - 20) more") }
        var writer = JSONWriter(layout: .compact, capacity: 256 + lines.count * 120)
        writer.beginObject()
        writer.key("text"); writer.string(lines.joined(separator: "\n"))
        writer.endObject()
        return writer.text
    }
}
