import Foundation


/// Wraps a view model and records every value a template reads that is neither `Text`, `Markup` under
/// one of `markupNames`, a view, a list, a `Bool`, nor absent. A raw string would print unescaped
/// through `{{{…}}}` (and through `{{…}}` as Swift's description); markup under another name would be
/// escaped into visible tags. Used by the tests on every page kind; rendering never goes through it
/// otherwise. A template test checks the other half: `{{{…}}}` prints only these names.
struct RenderAudit: TemplateView {
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: Set<String> = []
        private var count = 0
        func record(_ entry: String) { lock.lock(); entries.insert(entry); lock.unlock() }
        func read() { lock.lock(); count += 1; lock.unlock() }
        var violations: [String] { lock.lock(); defer { lock.unlock() }; return entries.sorted() }
        /// How many values templates read through the audit.
        var reads: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    let base: any TemplateView
    let log: Log

    func child(named name: String) -> Any? {
        log.read()
        return Self.wrap(base.child(named: name), name: name, type: String(describing: type(of: base)), log: log)
    }

    /// The names whose values are trusted markup, printed with `{{{…}}}`: the only such names.
    static let markupNames: Set<String> = ["packageRows", "findings", "trend", "details", "boxes", "imageItems", "block", "chrome", "imageCells", "addedVulnerabilityRows", "fixedVulnerabilityRows", "changedRows", "addedRows", "removedRows"]

    static func wrap(_ value: Any?, name: String, type: String, log: Log) -> Any? {
        guard let value else { return nil }
        switch value {
        case is Text, is Bool:
            return value
        case is Markup where markupNames.contains(name):
            return value
        case let parent as any TemplateView:
            return RenderAudit(base: parent, log: log)
        case let list as [Any]:
            return list.map { wrap($0, name: name, type: type, log: log) as Any }
        default:
            log.record("\(type).\(name): \(Swift.type(of: value))")
            return value
        }
    }
}
